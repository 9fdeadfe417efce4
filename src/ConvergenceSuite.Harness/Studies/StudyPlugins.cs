namespace ConvergenceSuite.Harness.Studies;

/// <summary>One run of a study: what the quantity compares (e.g. the S-L states at T) and its wall time.</summary>
/// <typeparam name="TField">Whatever a run produces that the quantity compares (states, phases, a phase-space field …).</typeparam>
/// <param name="Field">The run's output.</param>
/// <param name="WallSeconds">Wall-clock seconds of the run (informational only; timing never decides a verdict).</param>
public sealed record StudyRun<TField>(TField Field, double WallSeconds);

/// <summary>
/// Runs the model at one refinement level: the time step dt for a time study, the grid points M per axis for a
/// grid study. This is the pluggable part that lets other levels (Kuramoto, Wigner-Lohe) reuse the studies.
/// </summary>
public delegate StudyRun<TField> StudyRunner<TField>(double level);

/// <summary>
/// What a study measures on its runs. <see cref="Error"/> compares a run with the reference (it may resample, e.g.
/// compare in Fourier space across grids); <see cref="Value"/> is an optional scalar quantity of interest for the GCI;
/// <see cref="Combine"/> (a·x + b·y on fields of one shape) is needed only by Richardson references.
/// </summary>
/// <typeparam name="TField">The run output type.</typeparam>
public sealed class StudyQuantity<TField>
{
    /// <summary>What <see cref="Error"/> measures, e.g. "max_j relative L² error of ψ_j(T)".</summary>
    public required string Label { get; init; }

    /// <summary>Error of a run (first argument) against the reference (second); non-negative, NaN when undefined.</summary>
    public required Func<TField, TField, double> Error { get; init; }

    /// <summary>Scalar quantity of interest of a run (for the GCI), or null.</summary>
    public Func<TField, double>? Value { get; init; }

    /// <summary>What <see cref="Value"/> is, for the report.</summary>
    public string? ValueLabel { get; init; }

    /// <summary>a·x + b·y for fields of equal shape (Richardson extrapolation), or null when the field has no linear structure.</summary>
    public Func<TField, double, TField, double, TField>? Combine { get; init; }
}

/// <summary>How a time study obtains its reference solution.</summary>
public enum TimeReferenceKind
{
    /// <summary>An exact reference supplied by the model (for S-L: the exact factorised reference, exact in time).</summary>
    Exact,
    /// <summary>Richardson extrapolation of three runs at 4δ, 2δ, δ with their observed order (no expectation used).</summary>
    Richardson,
    /// <summary>Self-convergence: one run at a time step δ finer than the ladder.</summary>
    Finest,
    /// <summary>The independent reference integrator (S-L: interaction picture + DOPRI5, any potentials).</summary>
    Integrator,
}

/// <summary>The reference of a time study: its kind and, for Richardson and Finest, the finest reference step δ.</summary>
/// <param name="Kind">Exact, Richardson or Finest.</param>
/// <param name="TimeStep">δ (null for Exact).</param>
public sealed record TimeReference(TimeReferenceKind Kind, double? TimeStep = null)
{
    /// <summary>The exact reference.</summary>
    public static TimeReference Exact { get; } = new(TimeReferenceKind.Exact);

    /// <summary>The reference integrator.</summary>
    public static TimeReference Integrator { get; } = new(TimeReferenceKind.Integrator);
}

/// <summary>How a grid study obtains its reference.</summary>
public enum GridReferenceKind
{
    /// <summary>A run at a grid finer than every ladder grid, with the ladder's time step (time error largely cancels).</summary>
    Finest,
    /// <summary>An exact-in-time reference on a grid finer than the ladder, supplied by the model.</summary>
    Exact,
    /// <summary>The continuous solution from closed formulas, sampled on a grid finer than the ladder (no discretisation):
    /// the error is the real spatial error plus the ladder's time error.</summary>
    Analytic,
    /// <summary>The reference integrator (S-L: interaction picture + DOPRI5, any potentials) on a grid finer than the ladder.</summary>
    Integrator,
}

/// <summary>The reference of a grid study: kind and reference grid points per axis.</summary>
/// <param name="Kind">Finest, Exact or Analytic.</param>
/// <param name="GridPoints">M of the reference grid (per axis).</param>
public sealed record GridReference(GridReferenceKind Kind, int GridPoints);
