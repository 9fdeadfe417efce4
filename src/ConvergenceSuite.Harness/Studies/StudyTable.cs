namespace ConvergenceSuite.Harness.Summary;

/// <summary>What was refined in a convergence study.</summary>
public enum StudyKind
{
    /// <summary>Time step dt refined, space fixed: algebraic order p, e ≈ C dtᵖ.</summary>
    Time,
    /// <summary>Grid points M per axis refined, dt fixed: spectral rate α, e ≈ C e^{−αM}.</summary>
    Grid,
}

/// <summary>
/// One refinement level of a study, as measured. Null means "not available" (empty in CSV, "--" in LaTeX).
/// </summary>
/// <param name="Step">The refinement parameter: dt for a time study, h = L/M (first axis) for a grid study.</param>
/// <param name="GridPoints">M per axis (grid studies; null for time studies).</param>
/// <param name="Error">Error against the study's reference.</param>
/// <param name="PairwiseRate">From the next coarser row to this one: order ln(eᵢ₋₁/eᵢ)/ln(hᵢ₋₁/hᵢ) (time), or
/// rate ln(eᵢ₋₁/eᵢ)/(Mᵢ − Mᵢ₋₁) (grid); null on the coarsest row or when undefined.</param>
/// <param name="GciFine">GCI_fine²¹ (a fraction) of the scalar <paramref name="Value"/> with this row as the finest grid
/// of a triple (Celik et al. 2008); null where no meaningful triple exists.</param>
/// <param name="WallSeconds">Wall-clock seconds of this run (informational: timing is noisy and decides nothing).</param>
/// <param name="Value">The scalar quantity of interest of the run used for the GCI (null when the study has none).</param>
/// <param name="Kept">True when the row lies in the range the verdict's fit used.</param>
public sealed record StudyRow(
    double Step,
    IReadOnlyList<int>? GridPoints,
    double Error,
    double? PairwiseRate,
    double? GciFine,
    double? WallSeconds,
    double? Value,
    bool Kept);

/// <summary>
/// The full table of a convergence study, carried by <see cref="CheckResult.Study"/> so that the exporters
/// (HTML "Convergence" page, CSV, LaTeX, SVG/PNG) print it without computing anything.
/// </summary>
/// <param name="Kind">Time or grid study.</param>
/// <param name="Scheme">Time-stepping scheme of the runs.</param>
/// <param name="Quantity">What the error measures, e.g. "max_j relative L² error of ψ_j(T)".</param>
/// <param name="Reference">How the reference was obtained, in words.</param>
/// <param name="ValueLabel">What <see cref="StudyRow.Value"/> is (null without values).</param>
/// <param name="Rows">Rows coarse → fine.</param>
/// <param name="Rate">Fitted order p (time) or spectral rate α (grid); NaN when no fit was possible.</param>
/// <param name="RateStandardError">Standard error of <paramref name="Rate"/>; NaN when undefined.</param>
/// <param name="ExpectedLow">Lower edge of the expected order window (time) or the minimum α (grid).</param>
/// <param name="ExpectedHigh">Upper edge of the window (time); +∞ for a grid study (any larger α passes).</param>
/// <param name="Floor">Error floor the case states (grid studies reaching it pass); NaN when none.</param>
/// <param name="ReferenceSlopes">Slopes (orders) of the reference lines drawn on the log-log plot.</param>
/// <param name="Plot">Error against the step (log-log, time) or against M (log-linear, grid), with reference lines.</param>
/// <param name="WorkPrecision">Error against wall time of the runs (informational), or null.</param>
public sealed record StudyTable(
    StudyKind Kind,
    string Scheme,
    string Quantity,
    string Reference,
    string? ValueLabel,
    IReadOnlyList<StudyRow> Rows,
    double Rate,
    double RateStandardError,
    double ExpectedLow,
    double ExpectedHigh,
    double Floor,
    IReadOnlyList<double> ReferenceSlopes,
    PlotSpec Plot,
    PlotSpec? WorkPrecision = null)
{
    /// <summary>Name of the step column: "dt" or "h".</summary>
    public string StepName => Kind == StudyKind.Time ? "dt" : "h";

    /// <summary>Name of the fitted rate: "p" (order) or "α" (spectral rate per grid point).</summary>
    public string RateName => Kind == StudyKind.Time ? "p" : "α";
}
