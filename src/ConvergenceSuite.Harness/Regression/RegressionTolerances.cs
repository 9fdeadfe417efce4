namespace ConvergenceSuite.Harness.Regression;

/// <summary>A symmetric tolerance: |a − b| ≤ Absolute + Relative·max(|a|, |b|), with the reason for its size.</summary>
public sealed record QuantityTolerance(double Absolute, double Relative, string Reason)
{
    /// <summary>The allowed deviation between <paramref name="a"/> and <paramref name="b"/> (magnitudes).</summary>
    public double Allowed(double a, double b) => Absolute + Relative * Math.Max(a, b);
}

/// <summary>
/// Tolerances of the regression comparison, one per <see cref="QuantityKind"/>. They must let both FFT backends
/// (FFTW with MEASURE plans, whose algorithm choice varies from run to run, and the managed MathNet FFT) pass against a
/// reference recorded with either, at any --jobs (cases run side by side; each solver run is sequential), yet catch
/// real drift: the seeded bugs and any change of scheme, step or grid move these quantities by 1e-6 or more.
/// Measured on the quick tier (references recorded with FFTW): two FFTW runs differ by ≤ 2.2e-13 in z, 5.4e-14 in
/// norms, 1.0e-13 in fields; FFTW vs managed by ≤ 3.9e-13 in z, 2.1e-13 in norms, 5.2e-13 in fields, 3.2e-13 in study
/// errors and 1.3e-4 in a fitted order (Yoshida-4 near its round-off floor); Kuramoto runs (no FFT) are bit-identical.
/// Each tolerance sits ≥ 100× above these (the fitted order: ≈ 30×), the worst measured ratio is 0.03.
/// </summary>
public static class RegressionTolerances
{
    /// <summary>Sample times are i·Δ computed the same way by every run: only representation error is tolerated.</summary>
    public static readonly QuantityTolerance SampleTimes = new(1e-14, 1e-14,
        "times are i·Δ, computed identically by every run; only rounding is allowed");

    /// <summary>z_jk: FFT round-off accumulates over up to 10⁴ steps (measured ≤ 3.9e-13 between backends); |z| ≤ max‖ψ‖².</summary>
    public static readonly QuantityTolerance Correlations = new(1e-10, 1e-10,
        "FFTW plans and the managed FFT differ by ≤ 3.9e-13 after 10⁴ steps; drift of a scheme, step or grid is ≥ 1e-6");

    /// <summary>‖ψ_j‖ is conserved to round-off (measured ≤ 2.1e-13 between backends).</summary>
    public static readonly QuantityTolerance Norms = new(1e-10, 1e-10,
        "norms are conserved to round-off; FFT backends differ by ≤ 2.1e-13");

    /// <summary>Pointwise field values: a single grid point carries more round-off than an integral (measured ≤ 5.2e-13).</summary>
    public static readonly QuantityTolerance Field = new(1e-9, 1e-9,
        "pointwise values carry more FFT round-off than integrals (≤ 5.2e-13 between backends)");

    /// <summary>Unwrapped Kuramoto phases grow like Ω t; no FFT is involved (bit-identical runs here), but libm's sin/cos
    /// may differ by an ulp between machines and RK4/DOPRI5 carry that along.</summary>
    public static readonly QuantityTolerance Phases = new(1e-9, 1e-11,
        "no FFT; allows ulp-level sin/cos differences between C libraries, carried along the run");

    /// <summary>r e^{iϑ}, |r| ≤ 1.</summary>
    public static readonly QuantityTolerance OrderParameter = new(1e-9, 1e-9,
        "mean of e^{iθ_j}: inherits the phase tolerance");

    /// <summary>Study errors near the round-off floor (~1e-13) fluctuate by their own size between backends (measured
    /// ≤ 3.2e-13); above it they are reproducible to many digits.</summary>
    public static readonly QuantityTolerance StudyError = new(1e-11, 1e-6,
        "errors at the round-off floor (≈1e-13) change with the FFT backend (≤ 3.2e-13); larger errors are reproducible to 1e-6");

    /// <summary>Fitted order or rate: a least-squares slope that includes levels near the round-off floor (measured
    /// ≤ 1.3e-4 between backends); a real change of order is ≥ 0.1.</summary>
    public static readonly QuantityTolerance StudyRate = new(1e-3, 1e-3,
        "a least-squares slope whose finest levels sit near the round-off floor (≤ 1.3e-4 between backends); a real change of order is ≥ 0.1");
    /// <summary>The tolerance of a quantity kind.</summary>
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
