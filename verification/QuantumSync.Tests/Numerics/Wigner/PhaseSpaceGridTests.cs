using System.Numerics;
using NUnit.Framework;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Wigner;

namespace QuantumSync.Tests.Numerics.Wigner;

/// <summary>
/// PhaseSpaceGrid: coordinates, the four Fourier maps against their defining sums, round trips, and the two exactly
/// solvable steps a spectral Wigner solver builds on (free transport in k, potential in y).
/// </summary>
[TestFixture]
public sealed class PhaseSpaceGridTests
{
    /// <summary>Coordinates and weights: a few roundings of O(1) numbers.</summary>
    private const double CoordinateTolerance = 1e-14;

    /// <summary>
    /// Maps against their O(N²) defining sums on small grids (≤ 576 points, O(1) random data): rounding of a sum of
    /// ≤ 576 terms, ≈ 1e-14 relative; 1e-12 is safe while any index, sign or scale error is O(1).
    /// </summary>
    private const double DefiningSumTolerance = 1e-12;

    /// <summary>Round trips through FFTs of ≤ 16384 points: relative rounding ≈ 1e-15 · log N.</summary>
    private const double RoundTripTolerance = 1e-13;

    /// <summary>
    /// Free transport and the potential step against the Wigner transform of the evolved wave function (L = 32,
    /// M = 128, Gaussians that stay within |x| &lt; 5 and |p| &lt; 3 for the times used). Both sides are spectrally
    /// exact up to the tails and spectra at the edges of the box (≤ e^{−30}): what is left is rounding, measured
    /// ≈ 1e-15 of max|w| = 1/π; bound 1e-12.
    /// </summary>
    private const double EvolutionTolerance = 1e-12;

    /// <summary>‖w‖ identities: exact on the grid up to rounding of sums of 16384 terms.</summary>
    private const double NormIdentityTolerance = 1e-13;

    /// <summary>
    /// Lower bound for "the check can fail" assertions: a wrong sign or a missing map changes the compared quantities
    /// by O(0.1–1), far above rounding.
    /// </summary>
    private const double ClearlyDifferent = 0.05;

    private static readonly PeriodicGrid Small1D = new([8], [5.0]);
    private static readonly PeriodicGrid Small2D = new([6, 4], [3.0, 2.5]);

    private static IEnumerable<PeriodicGrid> SmallGrids() => [Small1D, Small2D];

    [Test]
    public void Momenta_AscendFromMinusPiOverDxInStepsOfTwoPiOverL()
    {
        var phase = new PhaseSpaceGrid(new PeriodicGrid([8, 6], [4.0, 3.0]));
        for (var a = 0; a < 2; a++)
        {
            var p = phase.Momenta(a);
            var dx = phase.XGrid.Spacings[a];
            Assert.That(p[0], Is.EqualTo(-Math.PI / dx).Within(CoordinateTolerance));
            Assert.That(p[^1], Is.EqualTo(Math.PI / dx - 2 * Math.PI / phase.XGrid.Lengths[a]).Within(CoordinateTolerance));
            Assert.That(p[p.Length / 2], Is.EqualTo(0.0));
            for (var m = 1; m < p.Length; m++) Assert.That(p[m] - p[m - 1], Is.EqualTo(phase.MomentumSpacings[a]).Within(CoordinateTolerance));
        }
        Assert.That(phase.MomentumSpacings, Is.EqualTo(new[] { Math.PI / 2, 2 * Math.PI / 3 }).Within(CoordinateTolerance));
    }

    [Test]
    public void DisplacementsAndWavenumbers_AreInDocumentedOrder()
    {
        var phase = new PhaseSpaceGrid(new PeriodicGrid([6], [3.0]));
        Assert.That(phase.Displacements(0), Is.EqualTo(new[] { 0.0, 0.5, 1.0, -1.5, -1.0, -0.5 }).Within(CoordinateTolerance));
        var unit = 2 * Math.PI / 3.0;
        Assert.That(phase.Wavenumbers(0), Is.EqualTo(new[] { 0, -unit, -2 * unit, 3 * unit, 2 * unit, unit }).Within(CoordinateTolerance));
    }

    [Test]
    public void CellVolume_IsDxDpAndEqualsTwoPiOverMPerAxis()
    {
        var phase = new PhaseSpaceGrid(new PeriodicGrid([8, 6], [4.0, 3.0]));
        Assert.That(phase.CellVolume, Is.EqualTo(phase.XGrid.CellVolume * phase.MomentumCellVolume).Within(CoordinateTolerance));
        Assert.That(phase.CellVolume, Is.EqualTo(2 * Math.PI / 8 * (2 * Math.PI / 6)).Within(CoordinateTolerance));
        Assert.That(phase.Count, Is.EqualTo(48 * 48));
        Assert.That(phase.BlockSize, Is.EqualTo(48));
    }

    [Test]
    public void Evaluate_UsesDocumentedLayout()
    {
        var phase = new PhaseSpaceGrid(Small2D);
        var values = phase.Evaluate((x, p) => 1000 * x[0] + 100 * x[1] + 10 * p[0] + p[1]);
        var x0 = Small2D.Coordinates(0);
        var x1 = Small2D.Coordinates(1);
        var p0 = phase.Momenta(0);
        var p1 = phase.Momenta(1);
        for (var j1 = 0; j1 < 6; j1++)
        for (var j2 = 0; j2 < 4; j2++)
        for (var m1 = 0; m1 < 6; m1++)
        for (var m2 = 0; m2 < 4; m2++)
        {
            var index = ((j1 * 4 + j2) * 6 + m1) * 4 + m2;
            Assert.That(index, Is.EqualTo(phase.Index(j1 * 4 + j2, m1 * 4 + m2)));
            var expected = 1000 * x0[j1] + 100 * x1[j2] + 10 * p0[m1] + p1[m2];
            Assert.That(values[index], Is.EqualTo(expected).Within(CoordinateTolerance * (1 + Math.Abs(expected))));
        }
    }

    [TestCaseSource(nameof(SmallGrids))]
    public void PToY_MatchesDefiningSum(PeriodicGrid xGrid)
    {
        var phase = new PhaseSpaceGrid(xGrid);
        var w = TestData.RandomComplex(11, phase.Count);
        using var buffer = TestData.Buffer(w);
        phase.PToY(buffer);
        // u(x, y_n) = Δp^d Σ_m e^{−i p_m·y_n} w(x, p_m)
        var p = BlockPoints(phase, phase.Momenta);
        var y = BlockPoints(phase, phase.Displacements);
        var expected = new Complex[phase.Count];
        for (var i = 0; i < phase.BlockSize; i++)
        for (var n = 0; n < phase.BlockSize; n++)
        {
            var sum = Complex.Zero;
            for (var m = 0; m < phase.BlockSize; m++) sum += Complex.Exp(-Complex.ImaginaryOne * Dot(p[m], y[n])) * w[phase.Index(i, m)];
            expected[phase.Index(i, n)] = sum * phase.MomentumCellVolume;
        }
        Assert.That(TestData.RelativeDifference(buffer.Span, expected), Is.LessThanOrEqualTo(DefiningSumTolerance));
    }

    [TestCaseSource(nameof(SmallGrids))]
    public void XToK_MatchesDefiningSum(PeriodicGrid xGrid)
    {
        var phase = new PhaseSpaceGrid(xGrid);
        var w = TestData.RandomComplex(12, phase.Count);
        using var buffer = TestData.Buffer(w);
        phase.XToK(buffer);
        // ŵ(k, p) = M^{−d} Σ_j e^{−i k·(x_j − x_0)} w(x_j, p), k from Wavenumbers.
        var x = BlockPoints(phase, a => phase.XGrid.Coordinates(a).Select(v => v - phase.XGrid.Coordinates(a)[0]).ToArray());
        var k = BlockPoints(phase, phase.Wavenumbers);
        var expected = new Complex[phase.Count];
        for (var kappa = 0; kappa < phase.BlockSize; kappa++)
        for (var m = 0; m < phase.BlockSize; m++)
        {
            var sum = Complex.Zero;
            for (var j = 0; j < phase.BlockSize; j++) sum += Complex.Exp(-Complex.ImaginaryOne * Dot(k[kappa], x[j])) * w[phase.Index(j, m)];
            expected[phase.Index(kappa, m)] = sum / phase.BlockSize;
        }
        Assert.That(TestData.RelativeDifference(buffer.Span, expected), Is.LessThanOrEqualTo(DefiningSumTolerance));
    }

    [TestCaseSource(nameof(SmallGrids))]
    public void CombinedMaps_EqualCompositionOfSingleAxisMaps(PeriodicGrid xGrid)
    {
        var phase = new PhaseSpaceGrid(xGrid);
        var data = TestData.RandomComplex(13, phase.Count);
        using var combined = TestData.Buffer(data);
        using var composed = TestData.Buffer(data);
        phase.KPToXY(combined);
        phase.KToX(composed);
        phase.PToY(composed);
        Assert.That(TestData.RelativeDifference(combined.Span, composed.Span), Is.LessThanOrEqualTo(RoundTripTolerance), "KPToXY = PToY ∘ KToX");

        combined.CopyFrom(data);
        composed.CopyFrom(data);
        phase.XYToKP(combined);
        phase.YToP(composed);
        phase.XToK(composed);
        Assert.That(TestData.RelativeDifference(combined.Span, composed.Span), Is.LessThanOrEqualTo(RoundTripTolerance), "XYToKP = XToK ∘ YToP");
    }

    private static IEnumerable<TestCaseData> RoundTrips()
    {
        foreach (var grid in new[] { Small1D, Small2D, new PeriodicGrid([128], [32.0]) })
        {
            yield return new TestCaseData(grid, "p↔y");
            yield return new TestCaseData(grid, "x↔k");
            yield return new TestCaseData(grid, "kp↔xy");
        }
    }

    [TestCaseSource(nameof(RoundTrips))]
    public void Maps_AreExactInversesOfEachOther(PeriodicGrid xGrid, string pair)
    {
        var phase = new PhaseSpaceGrid(xGrid);
        var data = TestData.RandomComplex(14, phase.Count + 3);
        using var buffer = TestData.Buffer(data);
        const int offset = 3;
        Action<ComplexBuffer, int> forward, backward;
        switch (pair)
        {
            case "p↔y": forward = phase.PToY; backward = phase.YToP; break;
            case "x↔k": forward = phase.XToK; backward = phase.KToX; break;
            default: forward = phase.KPToXY; backward = phase.XYToKP; break;
        }
        forward(buffer, offset);
        Assert.That(TestData.RelativeDifference(buffer.Slice(offset, phase.Count), data.AsSpan(offset, phase.Count)), Is.GreaterThan(ClearlyDifferent), "the map is not the identity");
        backward(buffer, offset);
        Assert.That(TestData.RelativeDifference(buffer.Span, data), Is.LessThanOrEqualTo(RoundTripTolerance));
        Assert.That(buffer.Slice(0, offset).ToArray(), Is.EqualTo(data[..offset]), "entries before the offset are untouched");
    }

    [Test]
    public void PToY_OfWignerTransform_IsCorrelationOfHalfGridValues()
    {
        var grid = new PeriodicGrid([128], [32.0]);
        using var transform = WignerTransform.For(grid);
        var phase = transform.Grid;
        Func<double, Complex> f = x => States.Gaussian(x, 0.5, 1.0, 0.8);
        Func<double, Complex> g = x => States.Gaussian(x, -0.3, -0.4, 0.7);
        using var buffer = new ComplexBuffer(phase.Count);
        transform.Transform(States.Sample(grid, f), States.Sample(grid, g), buffer);
        phase.PToY(buffer);
        var x = grid.Coordinates(0);
        var y = phase.Displacements(0);
        var worst = 0.0;
        for (var j = 0; j < 128; j++)
        for (var n = 0; n < 128; n++)
            worst = Math.Max(worst, Complex.Abs(buffer[phase.Index(j, n)] - Complex.Conjugate(f(x[j] + y[n] / 2)) * g(x[j] - y[n] / 2)));
        Assert.That(worst, Is.LessThanOrEqualTo(EvolutionTolerance), "u(x,y) = conj(f(x+y/2)) g(x−y/2)");
    }

    /// <summary>
    /// ∂t w + p ∂x w = 0 solved exactly in k: ŵ(k,p,t) = e^{−ikpt} ŵ(k,p,0). It must equal the Wigner transform of the
    /// free Schrödinger evolution ψ̂(k,t) = e^{−ik²t/2} ψ̂(k,0), and the closed form w0(x − pt, p) of a moving Gaussian.
    /// A sign error in the wavenumbers moves the packet the wrong way and fails by O(1).
    /// </summary>
    [Test]
    public void FreeTransport_MatchesWignerOfFreeSchrodingerEvolution()
    {
        var grid = new PeriodicGrid([128], [32.0]);
        using var transform = WignerTransform.For(grid);
        var phase = transform.Grid;
        // t = 1 doubles σ²; at t = 1.5 the spread packet (σ_t² = 1.6) reaches e^{−10} at L/4 from its centre and the
        // y-window's end terms make the transform of ψ(t) itself wrong by ~1e-10 (see WignerTransform), while the
        // transported w still matches the closed form to 1e-16.
        const double x0 = -1.0, p0 = 1.0, sigma = 0.7071067811865476, t = 1.0;
        var psi0 = States.Sample(grid, x => States.Gaussian(x, x0, p0, sigma));

        using var w = new ComplexBuffer(phase.Count);
        transform.Transform(psi0, psi0, w);
        phase.XToK(w);
        var k = phase.Wavenumbers(0);
        var p = phase.Momenta(0);
        for (var i = 0; i < 128; i++)
        for (var m = 0; m < 128; m++)
            w[phase.Index(i, m)] *= Complex.Exp(-Complex.ImaginaryOne * k[i] * p[m] * t);
        phase.KToX(w);

        using var psi = TestData.Buffer(psi0);
        var plan = phase.Backend.Plan([128]);
        plan.Execute(psi, 0, FftDirection.Forward);
        var kx = grid.Wavenumbers(0);
        for (var i = 0; i < 128; i++) psi[i] *= Complex.Exp(-Complex.ImaginaryOne * kx[i] * kx[i] * t / 2) / 128;
        plan.Execute(psi, 0, FftDirection.Inverse);
        var expected = transform.Transform(psi.Span, psi.Span);
        var errorVsSchrodinger = Integrals.MaxAbsDifference(w.Span, expected);

        var closed = phase.Evaluate((x, pp) => States.GaussianWigner(x[0] - pp[0] * t, pp[0], x0, p0, sigma));
        var errorVsClosedForm = w.ToArray().Zip(closed, (a, b) => Complex.Abs(a - b)).Max();
        var wrongWay = phase.Evaluate((x, pp) => States.GaussianWigner(x[0] + pp[0] * t, pp[0], x0, p0, sigma));
        var errorVsWrongWay = w.ToArray().Zip(wrongWay, (a, b) => Complex.Abs(a - b)).Max();
        TestContext.Out.WriteLine($"transport: vs Schrödinger {errorVsSchrodinger:E2}, vs closed form {errorVsClosedForm:E2}, vs wrong direction {errorVsWrongWay:E2}");
        Assert.That(errorVsSchrodinger, Is.LessThanOrEqualTo(EvolutionTolerance));
        Assert.That(errorVsClosedForm, Is.LessThanOrEqualTo(EvolutionTolerance));
        Assert.That(errorVsWrongWay, Is.GreaterThan(ClearlyDifferent), "transport in the wrong direction must fail");
    }

    /// <summary>
    /// The potential step ∂t u = i[V(x+y/2) − V(x−y/2)] u, solved exactly in (x,y), must equal the Wigner transform of
    /// ψ(t) = e^{−iVt} ψ0 (the potential part of the Schrödinger equation alone).
    /// </summary>
    [Test]
    public void PotentialStep_MatchesWignerOfPhaseRotation()
    {
        var grid = new PeriodicGrid([128], [32.0]);
        using var transform = WignerTransform.For(grid);
        var phase = transform.Grid;
        static double V(double x) => 0.15 * x * x + 0.5 * Math.Sin(x);
        const double t = 1.0;
        var psi0 = States.Sample(grid, x => States.Gaussian(x, 0.5, 0.0, 0.7071067811865476));

        using var u = new ComplexBuffer(phase.Count);
        transform.Correlation(psi0, psi0, u);
        var x = grid.Coordinates(0);
        var y = phase.Displacements(0);
        for (var j = 0; j < 128; j++)
        for (var n = 0; n < 128; n++)
            u[phase.Index(j, n)] *= Complex.Exp(Complex.ImaginaryOne * (V(x[j] + y[n] / 2) - V(x[j] - y[n] / 2)) * t);
        phase.YToP(u);

        var psi = States.Sample(grid, xx => Complex.Exp(-Complex.ImaginaryOne * V(xx) * t) * States.Gaussian(xx, 0.5, 0.0, 0.7071067811865476));
        var expected = transform.Transform(psi, psi);
        var error = Integrals.MaxAbsDifference(u.Span, expected);
        TestContext.Out.WriteLine($"potential step: max error {error:E2}");
        Assert.That(error, Is.LessThanOrEqualTo(EvolutionTolerance));
    }

    /// <summary>‖w[ψ1] − w[ψ2]‖² = (2π)^{−d} (‖ψ1‖⁴ + ‖ψ2‖⁴ − 2|&lt;ψ1,ψ2&gt;|²) (docs/MATH.md, from Moyal).</summary>
    [Test]
    public void NormOfDifference_FollowsMoyal()
    {
        var grid = new PeriodicGrid([128], [32.0]);
        using var transform = WignerTransform.For(grid);
        var phase = transform.Grid;
        var psi1 = States.Sample(grid, x => 1.3 * States.Gaussian(x, 0.5, 0.4, 0.8));
        var psi2 = States.Sample(grid, x => 0.9 * States.Gaussian(x, -0.6, -0.2, 0.6));
        var w1 = transform.Transform(psi1, psi1);
        var w2 = transform.Transform(psi2, psi2);
        var n1 = Integrals.NormSquared(psi1, grid.CellVolume);
        var n2 = Integrals.NormSquared(psi2, grid.CellVolume);
        var z = Integrals.Inner(psi1, psi2, grid.CellVolume);
        var expected = (n1 * n1 + n2 * n2 - 2 * z.Magnitude * z.Magnitude) / (2 * Math.PI);
        var distance = phase.DistanceL2(w1, w2);
        Assert.That(distance * distance, Is.EqualTo(expected).Within(NormIdentityTolerance));
        Assert.That(phase.Norm(w1), Is.EqualTo(n1 / Math.Sqrt(2 * Math.PI)).Within(NormIdentityTolerance), "‖w[ψ]‖ = ‖ψ‖²/√(2π)");
        Assert.That(phase.RelativeDistanceL2(w1, w2), Is.EqualTo(distance / phase.Norm(w2)).Within(NormIdentityTolerance));
    }

    [Test]
    public void RelativeDistance_DetectsPerturbation()
    {
        var phase = new PhaseSpaceGrid(Small2D);
        var w = TestData.RandomComplex(15, phase.Count);
        var perturbed = w.Select(v => v * 1.01).ToArray();
        Assert.That(phase.RelativeDistanceL2(perturbed, w), Is.EqualTo(0.01).Within(NormIdentityTolerance));
        Assert.That(phase.RelativeDistanceL2(w, w), Is.EqualTo(0.0));
        Assert.Throws<ArgumentException>(() => phase.Norm(new Complex[phase.Count - 1]));
    }

    [Test]
    public void Marginals_AreSumsOverTheOtherVariable()
    {
        var phase = new PhaseSpaceGrid(Small2D);
        var w = TestData.RandomComplex(16, phase.Count);
        var position = phase.PositionMarginal(w);
        var momentum = phase.MomentumMarginal(w);
        for (var i = 0; i < phase.BlockSize; i++)
        {
            Complex byP = 0, byX = 0;
            for (var m = 0; m < phase.BlockSize; m++)
            {
                byP += w[phase.Index(i, m)];
                byX += w[phase.Index(m, i)];
            }
            Assert.That(Complex.Abs(position[i] - byP * phase.MomentumCellVolume), Is.LessThanOrEqualTo(DefiningSumTolerance), $"∫ w dp at x-point {i}");
            Assert.That(Complex.Abs(momentum[i] - byX * phase.XGrid.CellVolume), Is.LessThanOrEqualTo(DefiningSumTolerance), $"∫ w dx at p-point {i}");
        }
        Assert.That(Complex.Abs(phase.Integral(w) - Integrals.Sum(position, phase.XGrid.CellVolume)), Is.LessThanOrEqualTo(DefiningSumTolerance));
    }

    /// <summary>The points of the p/y (or x/k) block as vectors, row-major, from per-axis arrays.</summary>
    private static double[][] BlockPoints(PhaseSpaceGrid phase, Func<int, double[]> axis)
    {
        var axes = Enumerable.Range(0, phase.Dimension).Select(axis).ToArray();
        var sizes = phase.XGrid.Sizes;
        return Enumerable.Range(0, phase.BlockSize)
            .Select(flat => phase.Dimension == 1 ? [axes[0][flat]] : new[] { axes[0][flat / sizes[1]], axes[1][flat % sizes[1]] })
            .ToArray();
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();
}
