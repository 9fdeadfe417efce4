using System.ComponentModel;

namespace ConvergenceSuite.Harness.Checks;

// The case-file parameters of the Schrödinger-Lohe checks: each record is the one declaration of its check's members
// (read by CheckParameterReader, exported into verification/case.schema.json by CaseSchema.Generate).

/// <summary>Parameters of "norm-conservation".</summary>
/// <param name="Tolerance">Largest allowed |‖ψ_j(t)‖ − ‖ψ_j(0)‖|.</param>
[Description("‖ψ_j(t)‖ stays at its initial value.")]
public sealed record NormConservationParameters(
    [property: Description("Largest allowed change of a norm. Default 1e-12: the split-step flows are unitary or norm-preserving, so only round-off (≈ 1e-13 over 10⁴ steps) remains.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = NormConservationCheck.DefaultTolerance);

/// <summary>Parameters of "hermitian-correlation".</summary>
/// <param name="Tolerance">Largest allowed |z_kj − conj(z_jk)|.</param>
[Description("z_kj = conj(z_jk).")]
public sealed record HermitianCorrelationParameters(
    [property: Description("Largest allowed |z_kj − conj(z_jk)|. Default 1e-12: both sides are sums of the same products and differ only by round-off (≈ 1e-15).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = HermitianCorrelationCheck.DefaultTolerance);

/// <summary>Parameters of "correlation-psd".</summary>
/// <param name="Tolerance">Largest allowed violation of positivity or of the Cauchy-Schwarz bound.</param>
[Description("z(t) stays Hermitian positive semidefinite with |z_jk| <= sqrt(z_jj z_kk) (<= 1 for normalised data), within the tolerance.")]
public sealed record CorrelationPsdParameters(
    [property: Description("Largest allowed violation (negative eigenvalue, excess of |z_jk| over √(z_jj z_kk)). Default 1e-12: norms are conserved to 1e-12, which moves |z_jk| and z_jj by the same amount.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = CorrelationPsdCheck.DefaultTolerance);

/// <summary>Parameters of "lemma-4.1".</summary>
/// <param name="Tolerance">Largest allowed deviation from Lemma 4.1's identity.</param>
[Description("Lemma 4.1 (N = 2, identical potentials, normalised).")]
public sealed record Lemma41Parameters(
    [property: Description("Largest allowed deviation from the lemma's closed form. Default 1e-10: the foundation issue's acceptance bound for the fourth-order scheme at dt = 1e-3.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = Lemma41Check.DefaultTolerance);

/// <summary>Parameters of "correlation-ode".</summary>
/// <param name="Tolerance">Largest allowed |z − z_ODE|.</param>
[Description("z follows the closed correlation ODE (identical potentials, normalised).")]
public sealed record CorrelationOdeParameters(
    [property: Description("Largest allowed |z − z_ODE|. Default 1e-9: the acceptance bound for N = 4 (the ODE itself is integrated to about 1e-13).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance = CorrelationOdeCheck.DefaultTolerance);

/// <summary>Parameters of "theorem-2.4".</summary>
/// <param name="RateTolerance">Absolute tolerance on the fitted rate; null: <see cref="Theorem24Check.DefaultRelativeRateTolerance"/>·K.</param>
[Description("Theorem 2.4 decay rate.")]
public sealed record Theorem24Parameters(
    [property: Description("Absolute tolerance on the fitted decay rate. Default 2 % of K: the linearised decay near z = 1 has rate exactly K; 2 % leaves room for the fit's pre-asymptotic curvature.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? RateTolerance = null);

/// <summary>Parameters of "exact-reference".</summary>
/// <param name="Tolerance">Largest allowed relative L² distance from the exact factorised reference.</param>
[Description("Against the exact factorised reference.")]
public sealed record ExactReferenceParameters(
    [property: Description("Largest allowed relative L² distance from the exact factorised reference (no default: it depends on the scheme, dt and T of the case).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance);

/// <summary>Parameters of "analytic-reference".</summary>
/// <param name="Tolerance">Largest allowed relative L² distance from the closed-form packets.</param>
[Description("Against the closed-form Gaussian-packet reference (Gaussian data, V zero or harmonic up to constants).")]
public sealed record AnalyticReferenceParameters(
    [property: Description("Largest allowed relative L² distance from the closed-form Gaussian packets (no default: it depends on the scheme, dt, grid and T of the case).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance);

/// <summary>Parameters of "temporal-order".</summary>
/// <param name="Dts">The dt ladder, coarse → fine.</param>
/// <param name="Final">T of the study; null: the case's.</param>
/// <param name="Window">Accepted order window [low, high]; null: the solver's declared order ± 0.2.</param>
/// <param name="Scheme">Scheme to run; null: the case's.</param>
[Description("Observed temporal order against the exact reference.")]
public sealed record TemporalOrderParameters(
    [property: Parameter(Ref = "dts")] double[] Dts,
    [property: Description("T of the study (default the case's).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double? Final = null,
    [property: Parameter(Ref = "window")] double[]? Window = null,
    [property: Parameter(Ref = "splitting-scheme")] string? Scheme = null);
