using NUnit.Framework;
using Shouldly;
using T = QuantumSync.Numerics.Ode.DormandPrince54Tableau;

namespace QuantumSync.Tests.Kuramoto;

/// <summary>Order conditions of the Dormand–Prince 5(4) tableau and its dense output, checked in floating point.</summary>
public class DormandPrince54TableauTests
{
    /// <summary>The coefficients are ratios of integers with up to 12 digits; sums of a few products of them carry
    /// rounding of a few ulps of their O(10) magnitudes.</summary>
    private const double CoefficientRounding = 1e-13;

    /// <summary>An order-5 residual of the 4th-order embedded weights is a rational number of size ~1e-3; anything
    /// above 1e-6 is far outside rounding, so the check can tell order 4 from order 5.</summary>
    private const double VisiblyNonZero = 1e-6;

    private static double Sum(Func<int, double> term, int count = 7) => Enumerable.Range(0, count).Sum(term);
    private static double Ac(int i, Func<int, double> f) => Enumerable.Range(0, T.A[i].Length).Sum(j => T.A[i][j] * f(j));

    [Test]
    public void RowSums_EqualNodes()
    {
        for (var i = 0; i < 7; i++) T.A[i].Sum().ShouldBe(T.C[i], CoefficientRounding);
    }

    [Test]
    public void FifthOrderWeights_SatisfyAllConditionsUpToOrderFive()
    {
        OrderConditions(T.B, 5).ShouldAllBe(residual => Math.Abs(residual) < CoefficientRounding);
    }

    [Test]
    public void EmbeddedWeights_SatisfyOrderFourButNotFive()
    {
        OrderConditions(T.BHat, 4).ShouldAllBe(residual => Math.Abs(residual) < CoefficientRounding);
        OrderConditions(T.BHat, 5).Max(Math.Abs).ShouldBeGreaterThan(VisiblyNonZero);
    }

    [Test]
    public void ErrorWeights_AreDifferenceOfWeights()
    {
        for (var i = 0; i < 7; i++) T.E[i].ShouldBe(T.B[i] - T.BHat[i], CoefficientRounding);
    }

    [TestCase(0.0)]
    [TestCase(0.13)]
    [TestCase(0.5)]
    [TestCase(0.77)]
    [TestCase(1.0)]
    public void DenseOutput_SatisfiesOrderFourConditionsForEveryTheta(double theta)
    {
        var w = T.DenseWeights(theta);
        // Conditions Σ w_i Φ_i = θ^q / γ(τ) for the trees of order q ≤ 4 (scaled form of the usual conditions).
        Sum(i => w[i]).ShouldBe(theta, CoefficientRounding);
        Sum(i => w[i] * T.C[i]).ShouldBe(Math.Pow(theta, 2) / 2, CoefficientRounding);
        Sum(i => w[i] * T.C[i] * T.C[i]).ShouldBe(Math.Pow(theta, 3) / 3, CoefficientRounding);
        Sum(i => w[i] * Ac(i, j => T.C[j])).ShouldBe(Math.Pow(theta, 3) / 6, CoefficientRounding);
        Sum(i => w[i] * Math.Pow(T.C[i], 3)).ShouldBe(Math.Pow(theta, 4) / 4, CoefficientRounding);
        Sum(i => w[i] * T.C[i] * Ac(i, j => T.C[j])).ShouldBe(Math.Pow(theta, 4) / 8, CoefficientRounding);
        Sum(i => w[i] * Ac(i, j => T.C[j] * T.C[j])).ShouldBe(Math.Pow(theta, 4) / 12, CoefficientRounding);
        Sum(i => w[i] * Ac(i, j => Ac(j, k => T.C[k]))).ShouldBe(Math.Pow(theta, 4) / 24, CoefficientRounding);
        // At θ = 1 the dense output reproduces the step's 5th-order solution.
        if (theta == 1.0)
        {
            for (var i = 0; i < 7; i++) w[i].ShouldBe(T.B[i], CoefficientRounding);
        }
    }

    /// <summary>Residuals Σ b_i Φ_i(τ) − 1/γ(τ) for all rooted trees up to the given order (17 trees for order 5).</summary>
    private static double[] OrderConditions(double[] b, int order)
    {
        var c = T.C;
        var residuals = new List<double>
        {
            Sum(i => b[i]) - 1,
            Sum(i => b[i] * c[i]) - 1.0 / 2,
            Sum(i => b[i] * c[i] * c[i]) - 1.0 / 3,
            Sum(i => b[i] * Ac(i, j => c[j])) - 1.0 / 6,
            Sum(i => b[i] * Math.Pow(c[i], 3)) - 1.0 / 4,
            Sum(i => b[i] * c[i] * Ac(i, j => c[j])) - 1.0 / 8,
            Sum(i => b[i] * Ac(i, j => c[j] * c[j])) - 1.0 / 12,
            Sum(i => b[i] * Ac(i, j => Ac(j, k => c[k]))) - 1.0 / 24,
        };
        if (order >= 5)
        {
            residuals.AddRange(
            [
                Sum(i => b[i] * Math.Pow(c[i], 4)) - 1.0 / 5,
                Sum(i => b[i] * c[i] * c[i] * Ac(i, j => c[j])) - 1.0 / 10,
                Sum(i => b[i] * c[i] * Ac(i, j => c[j] * c[j])) - 1.0 / 15,
                Sum(i => b[i] * c[i] * Ac(i, j => Ac(j, k => c[k]))) - 1.0 / 30,
                Sum(i => b[i] * Math.Pow(Ac(i, j => c[j]), 2)) - 1.0 / 20,
                Sum(i => b[i] * Ac(i, j => Math.Pow(c[j], 3))) - 1.0 / 20,
                Sum(i => b[i] * Ac(i, j => c[j] * Ac(j, k => c[k]))) - 1.0 / 40,
                Sum(i => b[i] * Ac(i, j => Ac(j, k => c[k] * c[k]))) - 1.0 / 60,
                Sum(i => b[i] * Ac(i, j => Ac(j, k => Ac(k, m => c[m])))) - 1.0 / 120,
            ]);
        }
        return residuals.ToArray();
    }
}
