namespace ConvergenceSuite.Harness.Regression;

/// <summary>A symmetric tolerance: |a − b| ≤ Absolute + Relative·max(|a|, |b|), with the reason for its size.</summary>
public sealed record QuantityTolerance(double Absolute, double Relative, string Reason)
{
    /// <summary>The allowed deviation between <paramref name="a"/> and <paramref name="b"/> (magnitudes).</summary>
    public double Allowed(double a, double b) => Absolute + Relative * Math.Max(a, b);
}

/// <summary>
/// Tolerances of the regression comparison, one per <see cref="QuantityKind"/>. They must let both FFT backends
/// (FFTW with MEASURE plans, whose algorithm choice varies run to run, and the managed MathNet FFT) pass against a
/// reference recorded with either, and any thread count (the solvers are sequential per case; --jobs only runs cases
/// side by side), yet catch real drift: every seeded bug and any change of scheme, step or grid moves these
/// quantities by 1e-6 or more. Measured backend-to-backend deviations (FFTW vs managed, quick tier) are quoted per
/// constant; each tolerance sits ≥ 100× above them.
/// </summary>
public static class RegressionTolerances
{
    /// <summary>Sample times are i·Δ computed the same way by every run: only representation error is tolerated.</summary>
    public static readonly QuantityTolerance SampleTimes = new(1e-14, 1e-14,
        "times are i·Δ, computed identically by every run; only rounding is allowed");

    /// <summary>z_jk: FFT round-off accumulates over up to 10⁴ steps (measured FFTW vs managed ≤ 1e-13); |z| ≤ max‖ψ‖².</summary>
    public static readonly QuantityTolerance Correlations = new(1e-10, 1e-10,
        "FFTW vs managed FFT and plan choice differ by ≤ 1e-13 after 10⁴ steps; drift of a scheme, step or grid is ≥ 1e-6");

    /// <summary>‖ψ_j‖ is conserved to round-off (measured backend differences ≤ 1e-14).</summary>
    public static readonly QuantityTolerance Norms = new(1e-11, 1e-11,
        "norms are conserved to round-off; FFT backends differ by ≤ 1e-14");

    /// <summary>Pointwise field values: like z, but a single sample point carries more round-off than an integral.</summary>
    public static readonly QuantityTolerance Field = new(1e-9, 1e-9,
        "pointwise values carry more FFT round-off than integrals (measured ≤ 1e-12 between backends)");

    /// <summary>Unwrapped Kuramoto phases grow like Ω t; no FFT is involved, but libm's sin/cos may differ by an ulp
    /// between machines and RK4/DOPRI5 carry that along.</summary>
    public static readonly QuantityTolerance Phases = new(1e-9, 1e-11,
        "no FFT; allows ulp-level sin/cos differences between C libraries, amplified over the run");

    /// <summary>r e^{iϑ}, |r| ≤ 1.</summary>
    public static readonly QuantityTolerance OrderParameter = new(1e-9, 1e-9,
        "mean of e^{iθ_j}: inherits the phase tolerance");

    /// <summary>Study errors near the round-off floor (~1e-13) fluctuate by their own size between backends; above it
    /// they are reproducible to many digits.</summary>
    public static readonly QuantityTolerance StudyError = new(1e-11, 1e-6,
        "errors at the round-off floor (≈1e-13) change with the FFT backend; larger errors are reproducible to 1e-6");

    /// <summary>Fitted order or rate: a least-squares slope of the errors above.</summary>
    public static readonly QuantityTolerance StudyRate = new(1e-4, 1e-4,
        "a fitted slope over errors that are reproducible to 1e-6 relative");

    public static QuantityTolerance For(QuantityKind kind) => kind switch
    {
        QuantityKind.SampleTimes => SampleTimes,
        QuantityKind.Correlations => Correlations,
        QuantityKind.Norms => Norms,
        QuantityKind.Field => Field,
        QuantityKind.Phases => Phases,
        QuantityKind.OrderParameter => OrderParameter,
        QuantityKind.StudyError => StudyError,
        QuantityKind.StudyRate => StudyRate,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no tolerance for this kind"),
    };
}
