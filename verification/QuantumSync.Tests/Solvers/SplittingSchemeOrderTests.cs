using System.Numerics;
using NUnit.Framework;
using QuantumSync.Solvers.SchrodingerLohe;
using Shouldly;

namespace QuantumSync.Tests.Solvers;

/// <summary>
/// Order conditions of every registered scheme, checked on matrices: three random Hermitian 4×4 matrices H_C, H_V, H_T
/// (norm 1, fixed seed) stand for the coupling, potential and kinetic parts, each sub-flow is e^{−iτH} exactly, and the
/// local error ‖Π_stages e^{−i f_s h H_s} − e^{−ih(H_C + H_V + H_T)}‖ must fall like h^{p+1}. Generic non-commuting
/// matrices satisfy no identity the S-L operators might satisfy (the Lohe flow is nonlinear, V and T do not commute), so
/// a scheme passes only if its coefficients satisfy the order conditions of a three-part splitting: in particular the
/// Blanes–Moan S6 rewritten as a Lie/adjoint-Lie composition, whose order for three parts this test establishes. Shares
/// with the solver only the stage list (the data under test); exponentials are a Taylor series with scaling and squaring.
/// </summary>
public class SplittingSchemeOrderTests
{
    private const int Dim = 4;

    /// <summary>Step sizes (matrix norms 1): the 6th-order local error at h = 0.05 is ≈ 1e-10·C, far above round-off (1e-15).</summary>
    private static readonly double[] Steps = [0.4, 0.2, 0.1, 0.05];

    /// <summary>Observed local order must be p + 1 within 0.15: the asymptotic slope's next term is O(h), ≤ 0.05 relative at h = 0.05 for these norms.</summary>
    private const double SlopeTolerance = 0.15;

    [TestCaseSource(typeof(SplittingSchemes), nameof(SplittingSchemes.All))]
    public void LocalError_OnRandomMatrices_FallsLikeStepToOrderPlusOne(SplittingScheme scheme)
    {
        var slope = LocalOrder(scheme.Stages, out var errors);
        TestContext.Out.WriteLine($"{scheme.Name}: local errors {string.Join(", ", errors.Select(e => e.ToString("E3")))}; last slope {slope:F3}");
        slope.ShouldBe(scheme.Order + 1, SlopeTolerance);
    }

    /// <summary>The checker sees wrong coefficients: Kahan–Li with γ1 changed by 1e-3 (middle weight compensated, so
    /// consistency holds) is only second order; the triple jump with equal weights also only second order.</summary>
    [Test]
    public void LocalError_PerturbedCoefficients_OrderDropsAndTheCheckFails()
    {
        double[] gamma = [0.39216144400731413927925056 + 1e-3, 0.33259913678935943859974864, -0.70624617255763935980996482, 0.08221359629355080023149045];
        var weights = gamma.Concat([1 - 2 * gamma.Sum()]).Concat(gamma.Reverse()).ToArray();
        var broken = new SplittingScheme("kahanli6-perturbed", 6, "defect", weights.SelectMany(Strang));
        var slope = LocalOrder(broken.Stages, out _);
        TestContext.Out.WriteLine($"perturbed Kahan–Li: last slope {slope:F3}");
        Math.Abs(slope - 7).ShouldBeGreaterThan(SlopeTolerance);
        slope.ShouldBe(3, SlopeTolerance);

        var equal = new SplittingScheme("yoshida4-equal", 4, "defect", new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }.SelectMany(Strang));
        LocalOrder(equal.Stages, out _).ShouldBe(3, SlopeTolerance);
    }

    private static IEnumerable<SplitStage> Strang(double w) =>
    [
        new(SplitOperator.Coupling, w / 2), new(SplitOperator.Potential, w / 2), new(SplitOperator.Kinetic, w),
        new(SplitOperator.Potential, w / 2), new(SplitOperator.Coupling, w / 2),
    ];

    private static double LocalOrder(IReadOnlyList<SplitStage> stages, out double[] errors)
    {
        var random = new Random(20260);
        var h = new Dictionary<SplitOperator, Complex[,]>
        {
            [SplitOperator.Coupling] = RandomHermitian(random),
            [SplitOperator.Potential] = RandomHermitian(random),
            [SplitOperator.Kinetic] = RandomHermitian(random),
        };
        var total = Add(Add(h[SplitOperator.Coupling], h[SplitOperator.Potential]), h[SplitOperator.Kinetic]);
        errors = Steps.Select(step =>
        {
            var product = Identity();
            foreach (var s in stages) product = Multiply(Exp(h[s.Operator], s.Fraction * step), product);
            return Norm(Subtract(product, Exp(total, step)));
        }).ToArray();
        return Math.Log(errors[^2] / errors[^1]) / Math.Log(Steps[^2] / Steps[^1]);
    }

    private static Complex[,] RandomHermitian(Random random)
    {
        var a = new Complex[Dim, Dim];
        for (var i = 0; i < Dim; i++)
        for (var j = i; j < Dim; j++)
        {
            var z = i == j ? new Complex(random.NextDouble() - 0.5, 0) : new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
            a[i, j] = z;
            a[j, i] = Complex.Conjugate(z);
        }
        var norm = Norm(a);
        for (var i = 0; i < Dim; i++)
        for (var j = 0; j < Dim; j++) a[i, j] /= norm;
        return a;
    }

    /// <summary>e^{−iτH}: scale so ‖τH‖ ≤ 2^-8, 20 Taylor terms (remainder far below ε), square back.</summary>
    private static Complex[,] Exp(Complex[,] hermitian, double tau)
    {
        var squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(Math.Abs(tau) * Norm(hermitian) * 256)));
        var scale = -Complex.ImaginaryOne * tau / Math.Pow(2, squarings);
        var a = new Complex[Dim, Dim];
        for (var i = 0; i < Dim; i++)
        for (var j = 0; j < Dim; j++) a[i, j] = scale * hermitian[i, j];
        var result = Identity();
        var term = Identity();
        for (var k = 1; k <= 20; k++)
        {
            term = Multiply(a, term);
            for (var i = 0; i < Dim; i++)
            for (var j = 0; j < Dim; j++)
            {
                term[i, j] /= k;
                result[i, j] += term[i, j];
            }
        }
        for (var s = 0; s < squarings; s++) result = Multiply(result, result);
        return result;
    }

    private static Complex[,] Identity()
    {
        var a = new Complex[Dim, Dim];
        for (var i = 0; i < Dim; i++) a[i, i] = 1;
        return a;
    }

    private static Complex[,] Multiply(Complex[,] a, Complex[,] b)
    {
        var c = new Complex[Dim, Dim];
        for (var i = 0; i < Dim; i++)
        for (var k = 0; k < Dim; k++)
        for (var j = 0; j < Dim; j++) c[i, j] += a[i, k] * b[k, j];
        return c;
    }

    private static Complex[,] Add(Complex[,] a, Complex[,] b)
    {
        var c = new Complex[Dim, Dim];
        for (var i = 0; i < Dim; i++)
        for (var j = 0; j < Dim; j++) c[i, j] = a[i, j] + b[i, j];
        return c;
    }

    private static Complex[,] Subtract(Complex[,] a, Complex[,] b)
    {
        var c = new Complex[Dim, Dim];
        for (var i = 0; i < Dim; i++)
        for (var j = 0; j < Dim; j++) c[i, j] = a[i, j] - b[i, j];
        return c;
    }

    /// <summary>Frobenius norm (an upper bound of the spectral norm; equivalent for slopes).</summary>
    private static double Norm(Complex[,] a)
    {
        var s = 0.0;
        foreach (var z in a) s += z.Real * z.Real + z.Imaginary * z.Imaginary;
        return Math.Sqrt(s);
    }
}
