using System.ComponentModel;
using ConvergenceSuite.Harness.Checks;

namespace ConvergenceSuite.Harness.WignerLohe;

// The case-file parameters of the Wigner-Lohe checks: each record is the one declaration of its check's members
// (read by CheckParameterReader, exported into verification/case.schema.json by CaseSchema.Generate).

/// <summary>Parameters of "phase-space-leakage".</summary>
/// <param name="Tolerance">Largest allowed L² fraction of the fields in the edge bands.</param>
[Description("Phase-space mass in the edge bands.")]
public sealed record PhaseSpaceLeakageParameters(
    [property: Description("Largest allowed L² fraction of a field in the edge bands. Default 1e-18: an amplitude ≈ 1e-9 of the field's scale, below the 1e-8 cross-level tolerance.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = PhaseSpaceLeakageCheck.DefaultTolerance);

/// <summary>Parameters of "wigner-cross-level".</summary>
/// <param name="Tolerance">Largest allowed relative L² difference.</param>
/// <param name="Reference">exact or split-step; null: exact when an exact propagator exists.</param>
/// <param name="Scheme">Scheme of the split-step reference.</param>
/// <param name="Dt">Step of the split-step reference.</param>
[Description("W-L fields against Wigner transforms of the S-L solution.")]
public sealed record WignerCrossLevelParameters(
    [property: Description("Largest allowed max_jk relative L² difference of w_jk from w[ψ_j, ψ_k] (no default: it depends on the grid, scheme and dt of the case).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance,
    [property: Description("The S-L reference: exact (the exact factorised reference; the default when an exact propagator exists) or split-step.")]
    [property: Parameter(Enum = ["exact", "split-step"], ErrorMessage = "must be \"exact\" or \"split-step\", not {value}")]
    string? Reference = null,
    [property: Parameter(Ref = "splitting-scheme")] string? Scheme = null,
    [property: Description("Split-step reference dt.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? Dt = null);

/// <summary>Parameters of "wigner-temporal-order".</summary>
/// <param name="Dts">The dt ladder.</param>
/// <param name="Final">T of the study; null: the case's.</param>
/// <param name="Window">Accepted order window; null: the solver's declared order ± 0.2.</param>
/// <param name="Scheme">Scheme to run; null: the case's.</param>
[Description("Observed temporal order of the W-L solver.")]
public sealed record WignerTemporalOrderParameters(
    [property: Parameter(Ref = "dts")] double[] Dts,
    [property: Description("T of the study (default the case's).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? Final = null,
    [property: Parameter(Ref = "window")] double[]? Window = null,
    [property: Parameter(Ref = "splitting-scheme")] string? Scheme = null);

/// <summary>Parameters of "wigner-grid-study".</summary>
/// <param name="Grids">Grid sizes M (even, ≥ 4), increasing.</param>
/// <param name="Dt">Fixed time step.</param>
/// <param name="DtReason">Why dt hides no space error.</param>
/// <param name="AlphaMin">Minimum spectral rate α.</param>
/// <param name="Floor">Error floor.</param>
/// <param name="Scheme">Scheme to run; null: the case's.</param>
/// <param name="Final">T of the study; null: the case's.</param>
[Description("W-L grid-refinement (spectral) study against the closed-form W-L solution (d = 1, phase-space Gaussian data, quadratic V).")]
public sealed record WignerGridStudyParameters(
    [property: Description("Grid sizes M (even, ≥ 4: the p-grid needs M/2), increasing (at least 3).")]
    [property: Parameter(Minimum = 4, MinItems = 3)]
    int[] Grids,
    [property: Description("Fixed time step (T a multiple of it).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Dt,
    [property: Description("Why dt hides no space error.")]
    [property: Parameter(MinLength = 1)]
    string DtReason,
    [property: Description("Minimum spectral rate α of e ≈ C e^{−αM}.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double AlphaMin,
    [property: Description("Error floor: reaching it passes. Default 1e-12: double round-off of FFT round trips over ~10⁴ points and a few hundred steps.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Floor = WignerGridStudyCheck.DefaultFloor,
    [property: Parameter(Ref = "splitting-scheme")] string? Scheme = null,
    [property: Description("T of the study (default the case's).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? Final = null);

/// <summary>Parameters of "wigner-lemma-4.1".</summary>
/// <param name="Tolerance">Largest allowed deviation from Lemma 4.1's identity.</param>
[Description("Lemma 4.1 at the W-L level.")]
public sealed record WignerLemma41Parameters(
    [property: Description("Largest allowed deviation from the lemma's closed form. Default 1e-10: z changes only in the coupling sub-flow, integrated to ≈ 1e-15 per step; 1e-10 leaves room for 1e4 steps of rounding in the phase-space sums.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = WignerLemma41Check.DefaultTolerance);

/// <summary>Parameters of "wigner-correlation-ode".</summary>
/// <param name="Tolerance">Largest allowed |z − z_ODE|.</param>
[Description("Correlation ODE at the W-L level.")]
public sealed record WignerCorrelationOdeParameters(
    [property: Description("Largest allowed |z − z_ODE|. Default 1e-10: as for Lemma 4.1 on this level, plus the ODE integrator's ≈ 1e-13.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = WignerCorrelationOdeCheck.DefaultTolerance);

/// <summary>Parameters of "theorem-4.2".</summary>
/// <param name="Tolerance">Relative tolerance on the exact law.</param>
[Description("Theorem 4.2, exact law (relative tolerance).")]
public sealed record Theorem42Parameters(
    [property: Description("Relative tolerance on the exact law. Default 1e-8: issue 3's acceptance bound (the discrete flow keeps the identity up to RK4 round-off).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = Theorem42Check.DefaultTolerance);

/// <summary>Parameters of "theorem-4.2-printed-bound": none.</summary>
[Description("Theorem 4.2's bound as printed.")]
public sealed record Theorem42PrintedBoundParameters;

/// <summary>Parameters of "moyal-link".</summary>
/// <param name="Tolerance">Largest allowed relative deviation from the Moyal identity.</param>
[Description("Moyal link.")]
public sealed record MoyalLinkParameters(
    [property: Description("Largest allowed relative deviation. Default 1e-10: on the grid the identity is exact up to rounding when spectra stay below π/(2Δx); 1e-10 also absorbs the W-L solution's own deviation from purity.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = MoyalLinkCheck.DefaultTolerance);

/// <summary>Parameters of "remark-3".</summary>
/// <param name="Tolerance">Bound on |z + 1|.</param>
/// <param name="FreeTolerance">Phase-space data: tolerance against the closed-form free flow.</param>
/// <param name="SchrodingerTolerance">Pure data: tolerance against the free S-L flow.</param>
/// <param name="Until">End of the comparison; null: the case's T.</param>
[Description("Remark 3.")]
public sealed record Remark3Parameters(
    [property: Description("Bound on |z12 + 1|. Default 1e-12: the acceptance bound over t ≤ 5 at K = 1 (round-off 1e-16 grown by e^{Kt}).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = Remark3Check.DefaultTolerance,
    [property: Description("Phase-space (mixed) data: relative L2 tolerance against the closed-form free (classical) flow, which is exact in time, so it must allow the solver's time-discretisation error. Default 1e-3.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? FreeTolerance = null,
    [property: Description("Pure data: relative L2 tolerance against the free S-L flow. Default 1e-9: the two levels' spatial mismatch at M = 128 is ≈ 1e-11.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? SchrodingerTolerance = null,
    [property: Description("End of the comparison (default the case's T).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? Until = null);

/// <summary>Parameters of "remark-3-growth".</summary>
/// <param name="RateTolerance">Relative tolerance of the fitted growth rate against K.</param>
[Description("Remark 3 growth rate.")]
public sealed record Remark3GrowthParameters(
    [property: Description("Relative tolerance of the fitted growth rate against K. Default 0.02: issue 3's acceptance.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double RateTolerance = Remark3GrowthCheck.DefaultRelativeRateTolerance);
