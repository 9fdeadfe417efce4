using System.Numerics;
using NUnit.Framework;
using QuantumSync.Numerics;
using Shouldly;

namespace QuantumSync.Tests.Numerics;

/// <summary>The vectorised kernels against plain scalar loops, and the blocked mixing against the row-by-row kernel.</summary>
public class ComplexKernelsTests
{
    /// <summary>Sums of ≤ 8 products of O(1) numbers: a few ulps of 8 (different summation/FMA rounding).</summary>
    private const double RoundingTolerance = 1e-13;

    private static Complex[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
    }

    [TestCase(1, 7)]
    [TestCase(3, 13)]
    [TestCase(4, 16)]
    [TestCase(5, 33)]
    public void Mix_AnyShape_BitwiseEqualToCombineRowByRow(int n, int length)
    {
        const int stride = 40, offset = 3;
        var source = Random(n * stride, 1);
        var c = Random(n * n, 2);
        var t = Random(length, 3);
        var blocked = new Complex[n * stride];
        var rows = new Complex[n * stride];
        ComplexKernels.Mix(blocked, source, stride, offset, length, c, t);
        for (var j = 0; j < n; j++) ComplexKernels.Combine(rows.AsSpan(j * stride + offset, length), source, stride, offset, c.AsSpan(j * n, n), t);
        blocked.ShouldBe(rows);
    }

    [Test]
    public void Combine_WithAndWithoutFactor_MatchesScalarSum()
    {
        const int n = 3, length = 9, stride = 9;
        var source = Random(n * stride, 4);
        var c = Random(n, 5);
        var t = Random(length, 6);
        var withFactor = new Complex[length];
        var without = new Complex[length];
        ComplexKernels.Combine(withFactor, source, stride, 0, c, t);
        ComplexKernels.Combine(without, source, stride, 0, c, default);
        for (var i = 0; i < length; i++)
        {
            Complex s = 0;
            for (var m = 0; m < n; m++) s += c[m] * source[m * stride + i];
            Complex.Abs(without[i] - s).ShouldBeLessThan(RoundingTolerance);
            Complex.Abs(withFactor[i] - s * t[i]).ShouldBeLessThan(RoundingTolerance);
        }
    }

    [Test]
    public void Mix_WrongData_IsDetected()
    {
        // The comparison above must be able to fail: a perturbed coefficient changes the result.
        const int n = 2, length = 8;
        var source = Random(n * length, 7);
        var c = Random(n * n, 8);
        var a = new Complex[n * length];
        var b = new Complex[n * length];
        ComplexKernels.Mix(a, source, length, 0, length, c, default);
        c[3] += 1e-6;
        ComplexKernels.Mix(b, source, length, 0, length, c, default);
        a.ShouldNotBe(b);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    [TestCase(64)]
    public void Dot_EqualsInnerWithoutCellVolume(int length)
    {
        var f = Random(length, 9);
        var g = Random(length, 10);
        Complex.Abs(Integrals.Dot(f, g) - Integrals.Inner(f, g, 1.0)).ShouldBeLessThan(RoundingTolerance * length);
    }
}
