using System.Numerics;
using NUnit.Framework;
using QuantumSync.Numerics;

namespace QuantumSync.Tests.Numerics;

[TestFixture]
public sealed class IntegralsTests
{
    /// <summary>Sums of a few hundred products of O(1) numbers: rounding ≈ 1e-15 relative.</summary>
    private const double RoundingTolerance = 1e-13;

    /// <summary>
    /// The periodic trapezoidal rule is spectrally accurate: for |ψ|² = π^{-1/2} e^{−x²} on L = 20, M = 64 its two error
    /// terms, the cut tail e^{−(L/2)²} and the aliased mode e^{−(2π/dx)²/4}, are both ≈ e^{−100}, so only rounding of a
    /// 64-term sum (≈ 1e-15) remains. The same holds for the 2-D Gaussian below (tails ≤ e^{−50}).
    /// </summary>
    private const double GaussianQuadratureTolerance = 1e-13;

    [Test]
    public void Inner_IsAntilinearInFirstSlotAndLinearInSecond()
    {
        var f = TestData.RandomComplex(1, 50);
        var g = TestData.RandomComplex(2, 50);
        var a = new Complex(0.3, -1.7);
        const double dV = 0.1;
        var fg = Integrals.Inner(f, g, dV);
        var af = f.Select(v => a * v).ToArray();
        var ag = g.Select(v => a * v).ToArray();
        Assert.That(Complex.Abs(Integrals.Inner(af, g, dV) - Complex.Conjugate(a) * fg), Is.LessThanOrEqualTo(RoundingTolerance), "<a f, g> = conj(a) <f, g>");
        Assert.That(Complex.Abs(Integrals.Inner(f, ag, dV) - a * fg), Is.LessThanOrEqualTo(RoundingTolerance), "<f, a g> = a <f, g>");
        Assert.That(Complex.Abs(Integrals.Inner(af, g, dV) - a * fg), Is.GreaterThan(0.1), "a linear first slot would pass here; it must not");
    }

    [Test]
    public void Inner_IsHermitianAndConsistentWithNorm()
    {
        var f = TestData.RandomComplex(3, 40);
        var g = TestData.RandomComplex(4, 40);
        const double dV = 0.25;
        Assert.That(Complex.Abs(Integrals.Inner(g, f, dV) - Complex.Conjugate(Integrals.Inner(f, g, dV))), Is.LessThanOrEqualTo(RoundingTolerance));
        var ff = Integrals.Inner(f, f, dV);
        Assert.That(ff.Imaginary, Is.EqualTo(0).Within(RoundingTolerance));
        Assert.That(ff.Real, Is.EqualTo(Integrals.NormSquared(f, dV)).Within(RoundingTolerance));
        Assert.That(Integrals.Norm(f, dV), Is.EqualTo(Math.Sqrt(ff.Real)).Within(RoundingTolerance));
    }

    [Test]
    public void Inner_ExplicitValue()
    {
        Complex[] f = [new(1, 1), new(0, 2)];
        Complex[] g = [new(2, 0), new(1, -1)];
        // conj(1+i)·2 + conj(2i)·(1−i) = (2−2i) + (−2i)(1−i) = 2 − 2i − 2i − 2 = −4i; times dV = 0.5.
        Assert.That(Integrals.Inner(f, g, 0.5), Is.EqualTo(new Complex(0, -2)));
    }

    [Test]
    public void Norm_NormalisedGaussian_IsOne()
    {
        var grid = new PeriodicGrid([64], [20.0]);
        var psi = grid.Evaluate(x => Math.Pow(Math.PI, -0.25) * Math.Exp(-x[0] * x[0] / 2)).Select(v => new Complex(v, 0)).ToArray();
        Assert.That(Integrals.Norm(psi, grid.CellVolume), Is.EqualTo(1.0).Within(GaussianQuadratureTolerance));
    }

    [Test]
    public void Norm_NormalisedGaussian2D_IsOne()
    {
        var grid = new PeriodicGrid([64, 48], [20.0, 16.0]);
        // ψ = (2πσ1σ2)^{-1/2} exp(−x1²/(4σ1²) − x2²/(4σ2²)) e^{i x1}, σ1 = 1, σ2 = 0.8.
        var psi = new Complex[grid.Count];
        var x1 = grid.Coordinates(0);
        var x2 = grid.Coordinates(1);
        for (var i = 0; i < 64; i++)
        for (var j = 0; j < 48; j++)
            psi[i * 48 + j] = Complex.Exp(Complex.ImaginaryOne * x1[i]) / Math.Sqrt(2 * Math.PI * 0.8)
                              * Math.Exp(-x1[i] * x1[i] / 4 - x2[j] * x2[j] / (4 * 0.64));
        Assert.That(Integrals.Norm(psi, grid.CellVolume), Is.EqualTo(1.0).Within(GaussianQuadratureTolerance));
    }

    [Test]
    public void Distances_AreConsistent()
    {
        var f = TestData.RandomComplex(5, 30);
        var g = TestData.RandomComplex(6, 30);
        const double dV = 0.2;
        var d = f.Zip(g, (a, b) => a - b).ToArray();
        Assert.That(Integrals.DistanceL2(f, g, dV), Is.EqualTo(Integrals.Norm(d, dV)).Within(RoundingTolerance));
        Assert.That(Integrals.RelativeDistanceL2(f, g, dV), Is.EqualTo(Integrals.Norm(d, dV) / Integrals.Norm(g, dV)).Within(RoundingTolerance));
        Assert.That(Integrals.RelativeDistanceL2(f, new Complex[30], dV), Is.EqualTo(Integrals.Norm(f, dV)).Within(RoundingTolerance), "falls back to absolute when the reference is zero");
        Assert.That(Integrals.MaxAbsDifference(f, f), Is.EqualTo(0.0));
    }

    [Test]
    public void Inner_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => Integrals.Inner(new Complex[3], new Complex[4], 1.0));
        Assert.Throws<ArgumentException>(() => Integrals.DistanceL2(new Complex[3], new Complex[4], 1.0));
    }
}
