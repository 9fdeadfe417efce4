using System.Numerics;
using NUnit.Framework;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Wigner;

namespace QuantumSync.Tests.Numerics.Wigner;

/// <summary>
/// The discrete Wigner transform in d = 2 (phase space 4-D, layout (x1, x2, p1, p2) row-major).
/// Identities (i)–(iii) of WignerTransform are exact for any data and are tested on a 16×12 grid with random data;
/// (iv) is tested on random data with the Nyquist modes removed; separability reduces d = 2 to d = 1 exactly; Moyal and
/// the closed form need localised, resolved data and run on 40×36.
/// </summary>
[TestFixture]
public sealed class WignerTransform2DTests
{
    /// <summary>Exact identities: rounding of FFTs of ≤ 200 000 points and sums of as many terms, O(1) data.</summary>
    private const double ExactIdentityTolerance = 1e-12;

    /// <summary>
    /// Moyal on the 40×36 grid, L = (16, 15): remark (v) of WignerTransform needs the data negligible at L/4 from the
    /// centre and their spectra negligible at π/(2Δx); with 40×36 points both cannot be pushed to rounding at once (for
    /// these Gaussians, narrowest quadratic-form eigenvalue ≈ 0.63, each factor is ~e^{−4}…e^{−6}, and the error is
    /// quartic in it). Measured 1.7e-13 (1e-11 relative); 32×28 with L = (13, 12) gave 1.2e-9. Bound 1e-11.
    /// </summary>
    private const double MoyalTolerance = 1e-11;

    /// <summary>
    /// Pointwise against the closed form on 40×36 with L = (20, 19): only the localisation matters here (the half-grid
    /// interpolation is exact to e^{−18}); the y-window end terms leave ≈ 1e-9 of max w = 1/π² ≈ 0.1 (measured 1.24e-9;
    /// 4e-7 with L = (16, 15)). Bound 1e-8. The d = 1 closed forms are checked to rounding, and separability carries
    /// that exactness to d = 2; this test checks the non-separable structure (A and A⁻¹), which a wrong correlation
    /// sign misses by &gt; 0.01.
    /// </summary>
    private const double ClosedFormTolerance = 1e-8;

    /// <summary>Lower bound for "the check can fail" assertions: a wrong correlation sign changes w by O(0.01–0.1).</summary>
    private const double ClearlyDifferent = 0.01;

    private static readonly PeriodicGrid Coarse = new([16, 12], [8.0, 6.0]);
    private static readonly PeriodicGrid MoyalGrid = new([40, 36], [16.0, 15.0]);
    private static readonly PeriodicGrid ClosedFormGrid = new([40, 36], [20.0, 19.0]);

    [Test]
    public void SeparableData_FactorisesIntoOneDimensionalTransforms()
    {
        // w[fa⊗fb, ga⊗gb](x1,x2,p1,p2) = w[fa,ga](x1,p1) · w[fb,gb](x2,p2) holds exactly for the discrete transform
        // (padding, end-point means and the y-sum all factorise), so random, unresolved data are fine.
        var grid = new PeriodicGrid([8, 6], [4.0, 3.0]);
        var gridA = new PeriodicGrid([8], [4.0]);
        var gridB = new PeriodicGrid([6], [3.0]);
        var fa = TestData.RandomComplex(31, 8);
        var ga = TestData.RandomComplex(32, 8);
        var fb = TestData.RandomComplex(33, 6);
        var gb = TestData.RandomComplex(34, 6);
        using var transform = WignerTransform.For(grid);
        using var transformA = WignerTransform.For(gridA);
        using var transformB = WignerTransform.For(gridB);
        var w = transform.Transform(Outer(fa, fb), Outer(ga, gb));
        var wa = transformA.Transform(fa, ga);
        var wb = transformB.Transform(fb, gb);
        var phase = transform.Grid;
        var worst = 0.0;
        for (var j1 = 0; j1 < 8; j1++)
        for (var j2 = 0; j2 < 6; j2++)
        for (var m1 = 0; m1 < 8; m1++)
        for (var m2 = 0; m2 < 6; m2++)
            worst = Math.Max(worst, Complex.Abs(w[phase.Index(j1 * 6 + j2, m1 * 6 + m2)] - wa[j1 * 8 + m1] * wb[j2 * 6 + m2]));
        Assert.That(worst, Is.LessThanOrEqualTo(ExactIdentityTolerance));
    }

    [Test]
    public void TotalIntegralAndPositionMarginal_AreExactForAnyData()
    {
        var f = TestData.RandomComplex(41, Coarse.Count);
        var g = TestData.RandomComplex(42, Coarse.Count);
        using var transform = WignerTransform.For(Coarse);
        var phase = transform.Grid;
        var w = transform.Transform(f, g);
        var inner = Integrals.Inner(f, g, Coarse.CellVolume);
        Assert.That(Complex.Abs(phase.Integral(w) - inner), Is.LessThanOrEqualTo(ExactIdentityTolerance * Math.Max(1, inner.Magnitude)), "∫∫ w[f,g] = <f,g>");
        var marginal = phase.PositionMarginal(w);
        var worst = Enumerable.Range(0, Coarse.Count).Max(j => Complex.Abs(marginal[j] - Complex.Conjugate(f[j]) * g[j]));
        Assert.That(worst, Is.LessThanOrEqualTo(ExactIdentityTolerance), "∫ w[f,g] dp = conj(f) g");
    }

    [Test]
    public void WignerOfF_IsRealAndCrossTermsAreHermitian()
    {
        var f = TestData.RandomComplex(43, Coarse.Count);
        var g = TestData.RandomComplex(44, Coarse.Count);
        using var transform = WignerTransform.For(Coarse);
        var self = transform.Transform(f, f);
        Assert.That(self.Max(v => Math.Abs(v.Imaginary)), Is.LessThanOrEqualTo(ExactIdentityTolerance));
        var fg = transform.Transform(f, g);
        var gf = transform.Transform(g, f);
        Assert.That(fg.Zip(gf, (a, b) => Complex.Abs(a - Complex.Conjugate(b))).Max(), Is.LessThanOrEqualTo(ExactIdentityTolerance));
    }

    [Test]
    public void MomentumMarginal_IsFourierDensity_ForDataWithoutNyquistModes()
    {
        var f = WithoutNyquist(TestData.RandomComplex(45, Coarse.Count));
        var g = WithoutNyquist(TestData.RandomComplex(46, Coarse.Count));
        using var transform = WignerTransform.For(Coarse);
        var phase = transform.Grid;
        var marginal = phase.MomentumMarginal(transform.Transform(f, g));
        var p1 = phase.Momenta(0);
        var p2 = phase.Momenta(1);
        var x1 = Coarse.Coordinates(0);
        var x2 = Coarse.Coordinates(1);
        var worst = 0.0;
        for (var m1 = 0; m1 < 16; m1++)
        for (var m2 = 0; m2 < 12; m2++)
        {
            // f̂(p) = Δx1Δx2 Σ_j e^{−i p·x_j} f_j, directly.
            Complex fHat = 0, gHat = 0;
            for (var j1 = 0; j1 < 16; j1++)
            for (var j2 = 0; j2 < 12; j2++)
            {
                var phase_ = Complex.Exp(-Complex.ImaginaryOne * (p1[m1] * x1[j1] + p2[m2] * x2[j2]));
                fHat += phase_ * f[j1 * 12 + j2];
                gHat += phase_ * g[j1 * 12 + j2];
            }
            fHat *= Coarse.CellVolume;
            gHat *= Coarse.CellVolume;
            worst = Math.Max(worst, Complex.Abs(marginal[m1 * 12 + m2] - Complex.Conjugate(fHat) * gHat / (4 * Math.PI * Math.PI)));
        }
        TestContext.Out.WriteLine($"max error of ∫ w dx = {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(ExactIdentityTolerance));
    }

    private static readonly Gaussian2D StateA = new([1.0, 0.25, 0.8], [0.4, -0.3], [0.5, 0.2]);
    private static readonly Gaussian2D StateB = new([0.9, -0.2, 1.1], [-0.3, 0.2], [-0.4, 0.3]);
    private static readonly Gaussian2D StateC = new([1.2, 0.0, 0.9], [0.0, 0.5], [0.1, -0.5]);
    private static readonly Gaussian2D StateD = new([1.0, 0.1, 1.0], [0.2, 0.0], [0.0, 0.0]);

    /// <summary>∫∫ w[f1,g1] conj(w[f2,g2]) dx dp = (2π)^{−2} &lt;f1,f2&gt; &lt;g2,g1&gt;, non-separable data.</summary>
    [Test]
    public void MoyalIdentity_HoldsForCorrelatedGaussians()
    {
        using var transform = WignerTransform.For(MoyalGrid);
        var phase = transform.Grid;
        var f1 = StateA.Sample(MoyalGrid);
        var g1 = StateB.Sample(MoyalGrid);
        var f2 = StateC.Sample(MoyalGrid);
        var g2 = StateD.Sample(MoyalGrid);
        using var w1 = new ComplexBuffer(phase.Count);
        using var w2 = new ComplexBuffer(phase.Count);
        transform.Transform(f1, g1, w1);
        transform.Transform(f2, g2, w2);
        var left = Complex.Conjugate(phase.Inner(w1.Span, w2.Span));
        var right = Integrals.Inner(f1, f2, MoyalGrid.CellVolume) * Integrals.Inner(g2, g1, MoyalGrid.CellVolume) / (4 * Math.PI * Math.PI);
        TestContext.Out.WriteLine($"Moyal: lhs {left}, rhs {right}, error {Complex.Abs(left - right):E2}");
        Assert.That(Complex.Abs(left - right), Is.LessThanOrEqualTo(MoyalTolerance));
        Assert.That(Complex.Abs(phase.Integral(w1.Span) - Integrals.Inner(f1, g1, MoyalGrid.CellVolume)), Is.LessThanOrEqualTo(ExactIdentityTolerance), "∫∫ w[f,g] = <f,g>");
    }

    /// <summary>w[ψ] = π^{−2} exp(−(x−x0)ᵀA(x−x0) − (p−p0)ᵀA⁻¹(p−p0)) for a correlated Gaussian.</summary>
    [Test]
    public void CorrelatedGaussian_MatchesClosedForm()
    {
        using var transform = WignerTransform.For(ClosedFormGrid);
        var phase = transform.Grid;
        var psi = StateA.Sample(ClosedFormGrid);
        var w = transform.Transform(psi);
        var worst = w.Zip(phase.Evaluate(StateA.Wigner), (a, b) => Math.Abs(a - b)).Max();
        TestContext.Out.WriteLine($"closed form: max |w − w_exact| = {worst:E2} (max w = {1 / (Math.PI * Math.PI):F4})");
        Assert.That(worst, Is.LessThanOrEqualTo(ClosedFormTolerance));
        var wrong = StateA with { Form = [StateA.Form[0], -StateA.Form[1], StateA.Form[2]] };
        var worstWrong = w.Zip(phase.Evaluate(wrong.Wigner), (a, b) => Math.Abs(a - b)).Max();
        Assert.That(worstWrong, Is.GreaterThan(ClearlyDifferent), "the opposite correlation must fail");
    }

    [Test]
    public void Backends_GiveTheSameTransform()
    {
        var f = TestData.RandomComplex(47, Coarse.Count);
        var g = TestData.RandomComplex(48, Coarse.Count);
        using var fftw = new WignerTransform(new PhaseSpaceGrid(Coarse, TestData.Backend("fftw")));
        using var managed = new WignerTransform(new PhaseSpaceGrid(Coarse, TestData.Backend("managed")));
        Assert.That(TestData.RelativeDifference(fftw.Transform(f, g), managed.Transform(f, g)), Is.LessThanOrEqualTo(ExactIdentityTolerance));
    }

    private static Complex[] Outer(Complex[] a, Complex[] b)
    {
        var result = new Complex[a.Length * b.Length];
        for (var i = 0; i < a.Length; i++)
        for (var j = 0; j < b.Length; j++)
            result[i * b.Length + j] = a[i] * b[j];
        return result;
    }

    /// <summary>Removes the Nyquist rows and columns of the spectrum (even sizes).</summary>
    private static Complex[] WithoutNyquist(Complex[] f)
    {
        using var buffer = TestData.Buffer(f);
        var plan = FftBackends.Managed.Plan(Coarse.Sizes);
        plan.Execute(buffer, 0, FftDirection.Forward);
        for (var k1 = 0; k1 < 16; k1++)
        for (var k2 = 0; k2 < 12; k2++)
            if (k1 == 8 || k2 == 6) buffer[k1 * 12 + k2] = 0;
        plan.Execute(buffer, 0, FftDirection.Inverse);
        return buffer.ToArray().Select(v => v / Coarse.Count).ToArray();
    }

    /// <summary>
    /// ψ(x) = (det A/π²)^{1/4} exp(−½ (x−x0)ᵀA(x−x0) + i p0·(x−x0)), A = [[a, b], [b, c]] positive definite, ‖ψ‖ = 1;
    /// its Wigner function is π^{−2} exp(−(x−x0)ᵀA(x−x0) − (p−p0)ᵀA⁻¹(p−p0)).
    /// </summary>
    private sealed record Gaussian2D(double[] Form, double[] Centre, double[] Momentum)
    {
        private double Det => Form[0] * Form[2] - Form[1] * Form[1];

        private double Quadratic(double u, double v) => Form[0] * u * u + 2 * Form[1] * u * v + Form[2] * v * v;

        private double InverseQuadratic(double u, double v) => (Form[2] * u * u - 2 * Form[1] * u * v + Form[0] * v * v) / Det;

        public Complex[] Sample(PeriodicGrid grid)
        {
            var x1 = grid.Coordinates(0);
            var x2 = grid.Coordinates(1);
            var result = new Complex[grid.Count];
            for (var i = 0; i < x1.Length; i++)
            for (var j = 0; j < x2.Length; j++)
            {
                double u = x1[i] - Centre[0], v = x2[j] - Centre[1];
                result[i * x2.Length + j] = Math.Pow(Det / (Math.PI * Math.PI), 0.25) * Math.Exp(-0.5 * Quadratic(u, v))
                                            * Complex.Exp(Complex.ImaginaryOne * (Momentum[0] * u + Momentum[1] * v));
            }
            return result;
        }

        public double Wigner(double[] x, double[] p) =>
            Math.Exp(-Quadratic(x[0] - Centre[0], x[1] - Centre[1]) - InverseQuadratic(p[0] - Momentum[0], p[1] - Momentum[1])) / (Math.PI * Math.PI);
    }
}
