using System.Numerics;
using NUnit.Framework;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Wigner;

namespace QuantumSync.Tests.Numerics.Wigner;

/// <summary>
/// The discrete Wigner transform in d = 1 (Definition 1.1) against its defining sum, its exact grid identities and
/// closed forms. Grid: L = 32, M = 128 (Δx = 0.25, p ∈ [−4π, 4π), Δp = π/16) unless stated. The states below are
/// Gaussians (σ ≤ 1) or oscillator states (n ≤ 4) centred within |x0| ≤ 1.5, |p0| ≤ 1.5: at a distance L/4 = 8 from
/// their centre they are ≤ e^{−16} ≈ 1e-7 and their spectra at |k| = π/(2Δx) ≈ 6.3 are ≤ 1e-6, so the end-point and
/// aliasing terms that limit the Moyal identity and the closed-form comparisons (see WignerTransform) are products of
/// two such factors times Δx/2π, ≲ 1e-15: every comparison below is limited by rounding.
/// </summary>
[TestFixture]
public sealed class WignerTransform1DTests
{
    /// <summary>
    /// Identities (i)–(iii) of WignerTransform hold exactly on the grid; what remains is rounding in an FFT of length
    /// M = 128 and sums of M² terms of size ≤ 1/π: ≈ 1e-15 absolute. 1e-13 leaves headroom.
    /// </summary>
    private const double ExactIdentityTolerance = 1e-13;

    /// <summary>
    /// Comparisons with closed forms of the continuous transform: the discretisation errors (tails, aliasing) are
    /// ≤ 1e-20 for these states (class remarks), so this too is rounding, of max|w| = 1/π; measured ≈ 3e-16, bound 1e-13.
    /// </summary>
    private const double ClosedFormTolerance = 1e-13;

    /// <summary>
    /// Direct O(M³) evaluation of the defining trapezoid sum with the analytic f at the half-grid points: differs from
    /// the FFT route by rounding (≈ 1e-16) plus the interpolation error of the Gaussians on the M = 64, L = 24 grid
    /// (spectrum e^{−σ²(π/Δx)²} ≈ 1e-30): bound 1e-13.
    /// </summary>
    private const double DirectSumTolerance = 1e-13;

    /// <summary>
    /// Lower bound for "the check can fail" assertions: a wrong convention (swapped slots, wrong sign) changes the
    /// quantities compared by O(0.1–1), many orders above rounding.
    /// </summary>
    private const double ClearlyDifferent = 0.05;

    private static readonly PeriodicGrid Grid = new([128], [32.0]);
    private static readonly Lazy<WignerTransform> Transform = new(() => WignerTransform.For(Grid));
    private static PhaseSpaceGrid Phase => Transform.Value.Grid;

    private static Complex[] Coherent(double x0, double p0, double sigma = 0.7071067811865476) =>
        States.Sample(Grid, x => States.Gaussian(x, x0, p0, sigma));

    private static Complex[] Oscillator(int n) => States.Sample(Grid, x => States.Oscillator(n, x));

    /// <summary>A superposition with complex coefficients, so that cross terms and phases matter.</summary>
    private static Complex[] Cat() =>
        Coherent(1.2, 0.5).Zip(Coherent(-1.0, -1.0, 0.6), (a, b) => a + new Complex(0.3, 0.8) * b).ToArray();

    [OneTimeTearDown]
    public void TearDown()
    {
        if (Transform.IsValueCreated) Transform.Value.Dispose();
    }

    [Test]
    public void Transform_MatchesDirectTrapezoidSumOfDefinition()
    {
        const double length = 24.0;
        var grid = new PeriodicGrid([64], [length]);
        using var transform = WignerTransform.For(grid);
        // The transform sees f on the torus: compare with the L-periodic sums of the Gaussians (images k = −1, 0, 1
        // suffice; the next ones are < e^{−200}). Without them the points x ± y/2 that leave the box differ by ~1e-11.
        Func<double, Complex> f = x => Enumerable.Range(-1, 3).Aggregate(Complex.Zero, (s, k) => s + States.Gaussian(x + k * length, 1.0, 0.8, 0.8));
        Func<double, Complex> g = x => Enumerable.Range(-1, 3).Aggregate(Complex.Zero, (s, k) => s + States.Gaussian(x + k * length, -0.5, -1.0, 0.8));
        var w = transform.Transform(States.Sample(grid, f), States.Sample(grid, g));

        // w(x_j,p_m) = (Δx/2π) Σ_{n=−M/2}^{M/2} ' e^{i p_m nΔx} conj(f(x_j + nΔx/2)) g(x_j − nΔx/2), ' = ½ at the ends.
        var x = grid.Coordinates(0);
        var p = transform.Grid.Momenta(0);
        var dx = grid.Spacings[0];
        var worst = 0.0;
        var product = new Complex[65];
        for (var j = 0; j < 64; j++)
        {
            for (var n = -32; n <= 32; n++)
                product[n + 32] = (Math.Abs(n) == 32 ? 0.5 : 1.0) * Complex.Conjugate(f(x[j] + n * dx / 2)) * g(x[j] - n * dx / 2);
            for (var m = 0; m < 64; m++)
            {
                var sum = Complex.Zero;
                for (var n = -32; n <= 32; n++) sum += Complex.Exp(Complex.ImaginaryOne * p[m] * n * dx) * product[n + 32];
                worst = Math.Max(worst, Complex.Abs(w[j * 64 + m] - sum * dx / (2 * Math.PI)));
            }
        }
        TestContext.Out.WriteLine($"max |w_fft − w_direct| = {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(DirectSumTolerance));
    }

    [Test]
    public void TotalIntegral_EqualsInnerProduct()
    {
        var f = Cat();
        var g = Oscillator(1);
        var fg = Integrals.Inner(f, g, Grid.CellVolume);
        var integral = Phase.Integral(Transform.Value.Transform(f, g));
        TestContext.Out.WriteLine($"<f,g> = {fg}, ∫∫w[f,g] = {integral}, error {Complex.Abs(integral - fg):E2}");
        Assert.That(Complex.Abs(fg.Imaginary), Is.GreaterThan(ClearlyDifferent), "the test needs a complex <f,g> to tell w[f,g] from w[g,f]");
        Assert.That(Complex.Abs(integral - fg), Is.LessThanOrEqualTo(ExactIdentityTolerance));
        var swapped = Phase.Integral(Transform.Value.Transform(g, f));
        Assert.That(Complex.Abs(swapped - fg), Is.GreaterThan(ClearlyDifferent), "w[g,f] integrates to conj(<f,g>): the check can fail");
    }

    [Test]
    public void PositionMarginal_IsProductOfValues()
    {
        var f = Cat();
        var g = Coherent(0.3, -0.7, 0.9);
        var cross = Phase.PositionMarginal(Transform.Value.Transform(f, g));
        var self = Phase.PositionMarginal(Transform.Value.Transform(f, f));
        var worst = 0.0;
        for (var j = 0; j < Grid.Count; j++)
        {
            worst = Math.Max(worst, Complex.Abs(cross[j] - Complex.Conjugate(f[j]) * g[j]));
            worst = Math.Max(worst, Complex.Abs(self[j] - f[j].Magnitude * f[j].Magnitude));
        }
        TestContext.Out.WriteLine($"max error of ∫w dp = {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(ExactIdentityTolerance));
    }

    [Test]
    public void MomentumMarginal_IsFourierDensityOverTwoPi()
    {
        var f = Cat();
        var g = Oscillator(2);
        var p = Phase.Momenta(0);
        var fHat = States.DirectFourier(Grid, f, p);
        var gHat = States.DirectFourier(Grid, g, p);
        var cross = Phase.MomentumMarginal(Transform.Value.Transform(f, g));
        var self = Phase.MomentumMarginal(Transform.Value.Transform(f, f));
        var worst = 0.0;
        for (var m = 0; m < p.Length; m++)
        {
            worst = Math.Max(worst, Complex.Abs(cross[m] - Complex.Conjugate(fHat[m]) * gHat[m] / (2 * Math.PI)));
            worst = Math.Max(worst, Complex.Abs(self[m] - fHat[m].Magnitude * fHat[m].Magnitude / (2 * Math.PI)));
        }
        TestContext.Out.WriteLine($"max error of ∫w dx = {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(ExactIdentityTolerance));
    }

    [Test]
    public void MomentumMarginal_OfGaussian_IsAnalyticFourierDensity()
    {
        // ψ̂(p) = ∫ e^{−ipx} ψ dx = (8πσ²)^{1/4} e^{−i p x0} e^{−σ²(p−p0)²}, so ∫ w dx = (1/2π) √(8πσ²) e^{−2σ²(p−p0)²}.
        const double sigma = 0.8, x0 = 0.4, p0 = -1.1;
        var marginal = Phase.MomentumMarginal(Transform.Value.Transform(Coherent(x0, p0, sigma), Coherent(x0, p0, sigma)));
        var p = Phase.Momenta(0);
        var worst = p.Select((pm, m) => Complex.Abs(marginal[m] - Math.Sqrt(8 * Math.PI * sigma * sigma) * Math.Exp(-2 * sigma * sigma * (pm - p0) * (pm - p0)) / (2 * Math.PI))).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(ClosedFormTolerance));
    }

    private static IEnumerable<TestCaseData> MoyalQuadruples()
    {
        yield return new TestCaseData("coherent ×4", (Func<Complex[][]>)(() => [Coherent(1, 0.5), Coherent(-0.5, 1, 0.8), Coherent(0, -1, 0.6), Coherent(0.7, 0.2)]));
        yield return new TestCaseData("oscillator 1,2,3,4", (Func<Complex[][]>)(() => [Oscillator(1), Oscillator(2), Oscillator(3), Oscillator(4)]));
        yield return new TestCaseData("cat, oscillator, coherent", (Func<Complex[][]>)(() => [Cat(), Oscillator(3), Coherent(0.5, 1.0, 0.9), Cat()]));
        yield return new TestCaseData("squared norm", (Func<Complex[][]>)(() => [Cat(), Cat(), Cat(), Cat()]));
    }

    /// <summary>∫∫ w[f1,g1] conj(w[f2,g2]) dx dp = (2π)^{−1} &lt;f1,f2&gt; &lt;g2,g1&gt;.</summary>
    [TestCaseSource(nameof(MoyalQuadruples))]
    public void MoyalIdentity_Holds(string label, Func<Complex[][]> make)
    {
        var s = make();
        Complex[] f1 = s[0], g1 = s[1], f2 = s[2], g2 = s[3];
        var w1 = Transform.Value.Transform(f1, g1);
        var w2 = Transform.Value.Transform(f2, g2);
        var left = Complex.Conjugate(Phase.Inner(w1, w2)); // Inner is antilinear in its first slot
        var right = Integrals.Inner(f1, f2, Grid.CellVolume) * Integrals.Inner(g2, g1, Grid.CellVolume) / (2 * Math.PI);
        TestContext.Out.WriteLine($"{label}: lhs {left}, rhs {right}, error {Complex.Abs(left - right):E2}");
        Assert.That(Complex.Abs(left - right), Is.LessThanOrEqualTo(ExactIdentityTolerance));
    }

    [TestCase(0.0, 0.0, 0.7071067811865476)]
    [TestCase(1.5, -1.0, 0.7071067811865476)]
    [TestCase(-0.8, 1.3, 0.8)]
    [TestCase(0.5, 0.5, 1.0)]
    public void CoherentState_MatchesGaussianClosedForm(double x0, double p0, double sigma)
    {
        var w = Transform.Value.Transform(Coherent(x0, p0, sigma));
        var exact = Phase.Evaluate((x, p) => States.GaussianWigner(x[0], p[0], x0, p0, sigma));
        var worst = w.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
        TestContext.Out.WriteLine($"x0 {x0}, p0 {p0}, σ {sigma}: max |w − w_exact| = {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(ClosedFormTolerance));
    }

    /// <summary>
    /// The normalisation of the Laguerre form, checked without the transform: its p-marginal must be ψ_n(x)² and its
    /// integral 1. (Quadrature on the grid; spectrally accurate, error ≈ rounding.)
    /// </summary>
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void OscillatorLaguerreForm_HasMarginalPsiSquared(int n)
    {
        var closed = Phase.Evaluate((x, p) => States.OscillatorWigner(n, x[0], p[0])).Select(v => new Complex(v, 0)).ToArray();
        Assert.That(Phase.Integral(closed).Real, Is.EqualTo(1.0).Within(ClosedFormTolerance));
        var marginal = Phase.PositionMarginal(closed);
        var x = Grid.Coordinates(0);
        var worst = x.Select((xj, j) => Math.Abs(marginal[j].Real - States.Oscillator(n, xj) * States.Oscillator(n, xj))).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(ClosedFormTolerance));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void OscillatorEigenstate_MatchesLaguerreForm(int n)
    {
        var w = Transform.Value.Transform(Oscillator(n));
        var exact = Phase.Evaluate((x, p) => States.OscillatorWigner(n, x[0], p[0]));
        var worst = w.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
        TestContext.Out.WriteLine($"n = {n}: max |w − w_n| = {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(ClosedFormTolerance));
        if (n % 2 == 1)
        {
            // Sanity that the comparison can fail: the wrong sign (−1)^{n+1} is off by 2/π at the origin.
            var wrong = Phase.Evaluate((x, p) => -States.OscillatorWigner(n, x[0], p[0]));
            Assert.That(w.Zip(wrong, (a, b) => Math.Abs(a - b)).Max(), Is.GreaterThan(ClearlyDifferent));
        }
    }

    [Test]
    public void WignerOfF_IsRealAndCrossTermsAreHermitian()
    {
        var f = Cat();
        var g = Oscillator(3);
        using var buffer = new ComplexBuffer(Phase.Count);
        Transform.Value.Transform(f, f, buffer);
        var maxImaginary = 0.0;
        foreach (var v in buffer.Span) maxImaginary = Math.Max(maxImaginary, Math.Abs(v.Imaginary));
        TestContext.Out.WriteLine($"max |Im w[f,f]| = {maxImaginary:E2}");
        Assert.That(maxImaginary, Is.LessThanOrEqualTo(ExactIdentityTolerance));

        var fg = Transform.Value.Transform(f, g);
        var gf = Transform.Value.Transform(g, f);
        var worst = fg.Zip(gf, (a, b) => Complex.Abs(a - Complex.Conjugate(b))).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(ExactIdentityTolerance), "w[g,f] = conj(w[f,g])");
        Assert.That(fg.Max(v => Math.Abs(v.Imaginary)), Is.GreaterThan(ClearlyDifferent), "cross terms are genuinely complex");
    }

    [Test]
    public void PlaneWavePacket_PeaksAtItsMomentum()
    {
        // A broad packet (σ = 1.5, momentum spread 1/(2σ) = 1/3) at p0 = 16 Δp = π on the wider box L = 48 so that it
        // stays in half the box. Its Wigner function must peak at p = p0 (and not at −p0: the sign of e^{iyp}).
        var grid = new PeriodicGrid([128], [48.0]);
        using var transform = WignerTransform.For(grid);
        var p0 = 16 * 2 * Math.PI / 48.0;
        var w = transform.Transform(States.Sample(grid, x => States.Gaussian(x, 0, p0, 1.5)));
        var p = transform.Grid.Momenta(0);
        var marginal = transform.Grid.MomentumMarginal(w.Select(v => new Complex(v, 0)).ToArray());
        const int p0Index = 64 + 16; // p_m = (m − M/2) Δp
        var peak = Enumerable.Range(0, p.Length).MaxBy(m => marginal[m].Real);
        Assert.That(peak, Is.EqualTo(p0Index), "p-marginal peak");
        var atCentre = Enumerable.Range(0, p.Length).MaxBy(m => w[64 * 128 + m]); // x_64 = 0
        Assert.That(atCentre, Is.EqualTo(p0Index), "w(0, p) peak");
        var meanMomentum = transform.Grid.Integral(transform.Grid.Evaluate((_, pp) => pp[0]).Zip(w, (a, b) => new Complex(a * b, 0)).ToArray()).Real;
        Assert.That(meanMomentum, Is.EqualTo(p0).Within(ClosedFormTolerance), "∫∫ p w dx dp = p0");
    }

    [Test]
    public void Transform_AtOffset_WritesOnlyItsWindow()
    {
        var f = Coherent(0.2, 0.3);
        var reference = Transform.Value.Transform(f, f);
        using var buffer = new ComplexBuffer(Phase.Count + 10);
        buffer.Span.Fill(new Complex(7, 7));
        Transform.Value.Transform(f, f, buffer, offset: 5);
        Assert.That(buffer.Span[..5].ToArray(), Is.All.EqualTo(new Complex(7, 7)));
        Assert.That(buffer.Span[^5..].ToArray(), Is.All.EqualTo(new Complex(7, 7)));
        Assert.That(Integrals.MaxAbsDifference(buffer.Slice(5, Phase.Count), reference), Is.EqualTo(0.0));
    }

    [Test]
    public void Interpolate_ReproducesGridValuesAndAnalyticHalfPoints()
    {
        var f = Coherent(0.4, 1.1, 0.9);
        var half = new Complex[2 * Grid.Count];
        Transform.Value.Interpolate(f, half);
        var x0 = Grid.Coordinates(0)[0];
        var worst = 0.0;
        for (var s = 0; s < half.Length; s++)
            worst = Math.Max(worst, Complex.Abs(half[s] - States.Gaussian(x0 + s * Grid.Spacings[0] / 2, 0.4, 1.1, 0.9)));
        Assert.That(worst, Is.LessThanOrEqualTo(ClosedFormTolerance));
    }

    [Test]
    public void Backends_GiveTheSameTransform()
    {
        var f = Cat();
        var g = Oscillator(2);
        using var fftw = new WignerTransform(new PhaseSpaceGrid(Grid, TestData.Backend("fftw")));
        using var managed = new WignerTransform(new PhaseSpaceGrid(Grid, TestData.Backend("managed")));
        var a = fftw.Transform(f, g);
        var b = managed.Transform(f, g);
        Assert.That(TestData.RelativeDifference(a, b), Is.LessThanOrEqualTo(ExactIdentityTolerance));
    }

    [Test]
    public void Constructor_RejectsOddSizesAndThreeDimensions()
    {
        Assert.Throws<ArgumentException>(() => _ = new PhaseSpaceGrid(new PeriodicGrid([17], [10.0])));
        Assert.Throws<ArgumentException>(() => _ = new PhaseSpaceGrid(PeriodicGrid.Cube(3, 4, 1.0)));
        Assert.Throws<ArgumentException>(() => Transform.Value.Transform(new Complex[5], new Complex[5]));
    }
}
