using System.ComponentModel;
using ConvergenceSuite.Harness.Checks;

namespace ConvergenceSuite.Harness.Studies;

// The case-file parameters of the convergence studies: each record is the one declaration of its check's members
// (read by CheckParameterReader, exported into verification/case.schema.json by CaseSchema.Generate).

/// <summary>Parameters of "time-study".</summary>
/// <param name="Dts">The dt ladder, coarse → fine.</param>
/// <param name="Reference">The reference solution.</param>
/// <param name="Window">Accepted order window; null: the solver's declared order ± 0.2.</param>
/// <param name="Scheme">Scheme to run; null: the case's.</param>
/// <param name="Final">T of the study; null: the case's.</param>
/// <param name="Floor">Round-off floor of the fit.</param>
[Description("Time-refinement study.")]
public sealed record TimeStudyParameters(
    [property: Parameter(Ref = "dts")] double[] Dts,
    [property: Description("The reference solution.")] TimeReferenceParameters Reference,
    [property: Parameter(Ref = "window")] double[]? Window = null,
    [property: Parameter(Ref = "splitting-scheme")] string? Scheme = null,
    [property: Description("T of the study (default the case's).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? Final = null,
    [property: Description("Round-off floor: points within a decade of it are excluded from the fit. Default 1e-12: double-precision round-off of a run of up to ~10⁴ steps (≈ 10⁴ · 1e-16).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Floor = TimeStudyCheck.DefaultRoundOffFloor);

/// <summary>The reference of a time study.</summary>
/// <param name="Kind">exact, integrator, richardson or finest.</param>
/// <param name="Dt">Reference step (richardson, finest).</param>
public sealed record TimeReferenceParameters(
    [property: Description("exact: the exact factorised reference; integrator: the reference integrator; richardson: Richardson extrapolation from dt, dt·2, dt·4; finest: a run at dt.")]
    [property: Parameter(Enum = ["exact", "integrator", "richardson", "finest"], ErrorMessage = "unknown reference {value}; known: {enum}")]
    string Kind,
    [property: Description("Reference step (richardson, finest): finer than the finest ladder step.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? Dt = null);

/// <summary>Parameters of "grid-study".</summary>
/// <param name="Grids">Grid sizes M, increasing.</param>
/// <param name="Reference">The reference grid.</param>
/// <param name="Dt">Fixed time step.</param>
/// <param name="DtReason">Why dt hides no space error.</param>
/// <param name="AlphaMin">Minimum spectral rate α.</param>
/// <param name="Floor">Error floor.</param>
/// <param name="Scheme">Scheme to run; empty: the case's.</param>
/// <param name="Final">T of the study; null: the case's.</param>
[Description("Grid-refinement (spectral) study.")]
public sealed record GridStudyParameters(
    [property: Description("Grid sizes M, increasing (at least 3).")]
    [property: Parameter(Minimum = 2, MinItems = 3)]
    int[] Grids,
    [property: Description("The reference grid.")] GridReferenceParameters Reference,
    [property: Description("Fixed time step (T a multiple of it).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Dt,
    [property: Description("Why dt hides no space error.")]
    [property: Parameter(MinLength = 1)]
    string DtReason,
    [property: Description("Minimum spectral rate α of e ≈ C e^{−αM}.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double AlphaMin,
    [property: Description("Error floor: reaching it passes. Default 1e-12: double round-off of the runs.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Floor = GridStudyCheck.DefaultFloor,
    [property: Parameter(Ref = "splitting-scheme")] string? Scheme = null,
    [property: Description("T of the study (default the case's).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? Final = null);

/// <summary>The reference of a grid study.</summary>
/// <param name="Kind">finest, exact, analytic or integrator.</param>
/// <param name="Points">Reference grid size M_ref.</param>
public sealed record GridReferenceParameters(
    [property: Description("finest: a run on the reference grid; exact: the exact factorised reference; analytic: the closed-form Gaussian packets; integrator: the reference integrator.")]
    [property: Parameter(Enum = ["finest", "exact", "analytic", "integrator"], ErrorMessage = "unknown reference {value}; known: {enum}")]
    string Kind,
    [property: Description("Reference grid size M_ref, finer than the finest ladder grid.")]
    int Points);

/// <summary>Parameters of "work-precision".</summary>
/// <param name="Dts">The dt ladder.</param>
/// <param name="Schemes">Schemes to compare; null: every scheme the solver declares.</param>
/// <param name="Final">T of the study; null: the case's.</param>
[Description("Error against wall time per scheme (informational).")]
public sealed record WorkPrecisionParameters(
    [property: Parameter(Ref = "dts")] double[] Dts,
    [property: Description("Schemes to compare (default every scheme the solver declares; the registered ones for a solver that declares none).")]
    [property: Parameter(ItemsRef = "splitting-scheme", MinItems = 1)]
    string[]? Schemes = null,
    [property: Description("T of the study (default the case's).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? Final = null);
