using ConvergenceSuite.Convergence;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Convergence;

[TestFixture]
public class ObservedOrderTests
{
    /// <summary>Logs and ratios of exact powers lose a few ulps; 1e-12 leaves ample room above 1e-16 round-off.</summary>
    private const double RoundOffTolerance = 1e-12;

    [Test]
    public void Pairwise_ExactPowerLawWithNonConstantRatios_ReturnsTheExponent()
    {
        double[] h = [0.9, 0.5, 0.31, 0.1, 0.047];
        double[] e = h.Select(x => 3.0 * x * x).ToArray();

        double[] p = ObservedOrder.Pairwise(h, e);

        p.Length.ShouldBe(4);
        foreach (double order in p)
            order.ShouldBe(2.0, RoundOffTolerance);
    }

    [Test]
    public void Pairwise_NonPositiveError_GivesNaNForTheTouchingPairs()
    {
        double[] p = ObservedOrder.Pairwise([1.0, 0.5, 0.25], [1.0, 0.0, 0.01]);
        double.IsNaN(p[0]).ShouldBeTrue();
        double.IsNaN(p[1]).ShouldBeTrue();
    }

    [Test]
    public void Pairwise_StepsNotDecreasing_Throws()
    {
        Should.Throw<ArgumentException>(() => ObservedOrder.Pairwise([0.5, 1.0], [1.0, 2.0]));
    }

    [Test]
    public void LeastSquaresFit_ThreeHandComputedPoints_MatchesClosedForm()
    {
        // x = 0, 1, 2; y = 0, 1, 3: b = 3/2, a = -1/6, residuals 1/6, -1/3, 1/6, SSR = 1/6,
        // σ_b = sqrt(SSR/(n-2)/Sxx) = sqrt((1/6)/1/2) = sqrt(1/12).
        LineFit fit = LeastSquares.Fit([0.0, 1.0, 2.0], [0.0, 1.0, 3.0]);

        fit.Slope.ShouldBe(1.5, RoundOffTolerance);
        fit.Intercept.ShouldBe(-1.0 / 6.0, RoundOffTolerance);
        fit.SlopeStandardError.ShouldNotBeNull();
        fit.SlopeStandardError!.Value.ShouldBe(Math.Sqrt(1.0 / 12.0), RoundOffTolerance);
    }

    [Test]
    public void LeastSquaresFit_TwoPoints_HasNoStandardError()
    {
        LeastSquares.Fit([0.0, 1.0], [2.0, 5.0]).SlopeStandardError.ShouldBeNull();
    }

    [Test]
    public void LeastSquaresOrder_ExactLadderSubRange_RecoversOrderWithVanishingError()
    {
        double[] h = Enumerable.Range(0, 8).Select(k => Math.Pow(2.0, -k)).ToArray();
        double[] e = h.Select(x => 0.7 * Math.Pow(x, 4)).ToArray();

        LineFit fit = ObservedOrder.LeastSquares(h, e, 2, 5);

        fit.Count.ShouldBe(5);
        fit.Slope.ShouldBe(4.0, RoundOffTolerance);
        fit.SlopeStandardError!.Value.ShouldBeLessThan(RoundOffTolerance);
    }
}
