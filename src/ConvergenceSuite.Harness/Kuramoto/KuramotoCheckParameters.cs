using System.ComponentModel;
using ConvergenceSuite.Harness.Checks;

namespace ConvergenceSuite.Harness.Kuramoto;

// The case-file parameters of the Kuramoto-level checks: each record is the one declaration of its check's members
// (read by CheckParameterReader, exported into verification/case.schema.json by CaseSchema.Generate).

/// <summary>Parameters of "adler-locked-phase".</summary>
/// <param name="Tolerance">Relative tolerance on the locked phase.</param>
[Description("Adler's locked phase (Kuramoto N = 2, |ΔΩ| < K).")]
public sealed record AdlerLockedPhaseParameters(
    [property: Description("Relative tolerance on the locked phase. Default 1e-8: issue 4's acceptance bound (RK4 at dt = 0.01 or DOPRI5 at 1e-10 reach about 1e-12, leaving four decades for the solver).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = AdlerLockedPhaseCheck.DefaultTolerance);

/// <summary>Parameters of "adler-slip-period".</summary>
/// <param name="Tolerance">Relative tolerance on the slip period.</param>
[Description("Adler's slip period (Kuramoto N = 2, |ΔΩ| > K).")]
public sealed record AdlerSlipPeriodParameters(
    [property: Description("Relative tolerance on the slip period. Default 1e-8: issue 4's acceptance bound; the crossing interpolation errs by O(Δ⁴) in the sample spacing, so cases sample at Δ ≤ 0.01.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = AdlerSlipPeriodCheck.DefaultTolerance);

/// <summary>Parameters of "lorentzian-order-parameter".</summary>
/// <param name="Band">Band constant c (tolerance c/√N).</param>
/// <param name="AverageFrom">Start of the averaging window.</param>
/// <param name="Seeds">Frequency realisations to re-run; null: none.</param>
[Description("Time-averaged r against √(1 − 2γ/K).")]
public sealed record LorentzianOrderParameterParameters(
    [property: Description("Band constant c: the time-averaged r must lie within c/√N of √(1 − 2γ/K) (finite-N fluctuations scale as N^(−1/2)).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Band,
    [property: Description("Start of the averaging window (at least 10 samples must follow it).")]
    [property: Parameter(Minimum = 0)]
    double AverageFrom,
    [property: Description("Frequency realisations (seeds of \"sampling\": \"random\" frequencies) re-run by the check; each must lie in the band too.")]
    int[]? Seeds = null);

/// <summary>Parameters of "lorentzian-critical-coupling".</summary>
/// <param name="Couplings">Increasing couplings of the scan.</param>
/// <param name="Threshold">r threshold of the crossing.</param>
/// <param name="Band">Relative band around K_c.</param>
/// <param name="AverageFrom">Start of the averaging window.</param>
[Description("Critical coupling K_c = 2γ from a K scan.")]
public sealed record LorentzianCriticalCouplingParameters(
    [property: Description("Increasing couplings of the scan (at least 3).")]
    [property: Parameter(MinItems = 3)]
    double[] Couplings,
    [property: Description("Relative band: pass when |K_c,measured − 2γ| / 2γ ≤ band.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Band,
    [property: Description("Start of the averaging window (at least 10 samples must follow it).")]
    [property: Parameter(Minimum = 0)]
    double AverageFrom,
    [property: Description("r threshold whose crossing estimates K_c; must lie in [5/√N, 1) to sit above the incoherent level N^(−1/2). Default 0.5: half-way up, where the curve is steepest for moderate N.")]
    [property: Parameter(ExclusiveMaximum = 1)]
    double Threshold = 0.5);

/// <summary>Parameters of "kuramoto-reduction".</summary>
/// <param name="Tolerance">Largest allowed phase difference from the Kuramoto model.</param>
/// <param name="ReferenceStep">RK4 step of the reference.</param>
[Description("S-L with constant data on a torus equals Kuramoto.")]
public sealed record KuramotoReductionParameters(
    [property: Description("Largest allowed difference from the Kuramoto phases. Default 1e-9: issue 4's bound (N = 5, t ∈ [0, 20]); what remains is the splitting between the exact V phase and the RK4 coupling sub-steps plus round-off.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = KuramotoReductionCheck.DefaultTolerance,
    [property: Description("RK4 step of the Kuramoto reference. Default 1e-3: its error over t ≤ 20 is ≈ 1e-13 (measured against dt/2).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double ReferenceStep = KuramotoReductionCheck.DefaultReferenceStep);

/// <summary>Parameters of "distinct-potentials-exploration".</summary>
/// <param name="Couplings">Couplings to explore; null: the case's only.</param>
/// <param name="LateFraction">Late window fraction.</param>
/// <param name="StdThreshold">Settling threshold on the late-window std of z₁₂.</param>
/// <param name="DriftThreshold">Threshold on the drift between the late window's halves.</param>
[Description("Exploration for distinct potentials (N = 2).")]
public sealed record DistinctPotentialsExplorationParameters(
    [property: Description("Couplings K ≥ 0 to explore besides the case's.")]
    [property: Parameter(Minimum = 0)]
    double[]? Couplings = null,
    [property: Description("Late window as a fraction of T, in (0, 0.5]. Default 0.25: the last quarter of the run.")]
    [property: Parameter(ExclusiveMinimum = 0, Maximum = 0.5)]
    double LateFraction = DistinctPotentialsExplorationCheck.DefaultLateFraction,
    [property: Description("Settling threshold on the late-window std of z₁₂. Default 1e-3: |z₁₂| ≤ 1, so 0.1 % of its range.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double StdThreshold = DistinctPotentialsExplorationCheck.DefaultStdThreshold,
    [property: Description("Threshold on the drift between the means of the late window's two halves. Default 1e-3.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double DriftThreshold = DistinctPotentialsExplorationCheck.DefaultDriftThreshold);
