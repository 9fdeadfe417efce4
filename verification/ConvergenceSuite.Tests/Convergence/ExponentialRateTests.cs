using ConvergenceSuite.Convergence;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Convergence;

/// <summary>The one exponential-rate fit (checks and claims ledger): exact rates recovered, wrong data seen as wrong.</summary>
public class ExponentialRateTests
{
    /// <summary>Logs of exact exponentials lose a few ulps; 1e-12 leaves ample room above 1e-16 round-off.</summary>
    private const double RoundOffTolerance = 1e-12;

    /// <summary>ln(1/(1 + t)) on t ∈ [0, 10] bends by ≈ 2.4 from its chord: a line fit's slope error is ≳ 1e-2, ten orders
    /// above what an exact exponential gives.</summary>
    private const double CurvedStandardErrorFloor = 1e-2;

    private static readonly double[] Times = Enumerable.Range(0, 21).Select(i => 0.5 * i).ToArray();

    [Test]
    public void Recovers_an_exact_decay_rate_and_its_intercept()
    {
        var fit = ExponentialRate.Fit(Times, Times.Select(t => 3 * Math.Exp(-1.7 * t)).ToArray());
        fit.Rate.ShouldBe(1.7, RoundOffTolerance);
        fit.Intercept.ShouldBe(Math.Log(3), RoundOffTolerance);
        fit.StandardError.ShouldBeLessThan(RoundOffTolerance);
        (fit.Count, fit.From, fit.To).ShouldBe((21, 0.0, 10.0));
    }

    [Test]
    public void A_growing_quantity_has_a_negative_decay_rate_and_its_growth_rate()
    {
        var fit = ExponentialRate.Fit(Times, Times.Select(t => 1e-9 * Math.Exp(0.8 * t)).ToArray());
        fit.Growth.ShouldBe(0.8, RoundOffTolerance);
        fit.Rate.ShouldBe(-0.8, RoundOffTolerance);
    }

    [Test]
    public void A_curve_that_is_not_exponential_gives_a_large_standard_error()
    {
        // 1/(1 + t): ln q is concave in t, so a straight line leaves residuals and a standard error far above round-off.
        var fit = ExponentialRate.Fit(Times, Times.Select(t => 1 / (1 + t)).ToArray());
        fit.StandardError.ShouldBeGreaterThan(CurvedStandardErrorFloor);
    }

    [Test]
    public void Non_positive_values_and_mismatched_lengths_are_refused_with_the_problem_named()
    {
        Should.Throw<ArgumentException>(() => ExponentialRate.Fit([0, 1, 2], [1, 0, 0.5])).Message.ShouldContain("value 1 is 0");
        Should.Throw<ArgumentException>(() => ExponentialRate.Fit([0, 1, 2], [1, 0.5])).Message.ShouldContain("3 times but 2 values");
    }
}
