using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Convergence;

[TestFixture]
public class OrderVerdictTests
{
    /// <summary>
    /// The least-squares order is a positive-weight average of the kept pairwise orders, whose spread the
    /// detector limits to 5 % of their median; the finest kept orders are within about 1 % of p (B h and the
    /// floor share are small there), so the fit lies within about 5 % of p. Relative, like the windows below.
    /// </summary>
    private const double FittedOrderRelativeTolerance = 0.05;

    private static readonly AsymptoticRangeOptions WithFloor = new() { RoundOffFloor = ManufacturedLadders.Floor };

    private static int CountFor(double order) => order switch { 1.0 => 46, 2.0 => 24, _ => 14 };

    [TestCase(1.0, 0.95, 1.05)]
    [TestCase(2.0, 1.9, 2.1)]
    [TestCase(4.0, 3.8, 4.2)]
    public void Evaluate_RightWindow_Passes(double order, double lo, double hi)
    {
        var (h, e) = ManufacturedLadders.Algebraic(order, CountFor(order));

        OrderStudyResult r = OrderVerdict.Evaluate(h, e, lo, hi, new OrderVerdictOptions { Range = WithFloor });
        TestContext.Out.WriteLine(r.Message);

        r.Verdict.ShouldBe(Verdict.Pass);
        r.Order.ShouldBe(order, FittedOrderRelativeTolerance * order);
        r.Range.Count.ShouldBeGreaterThanOrEqualTo(3);
        r.Message.ShouldContain("excluded");
    }

    [TestCase(1.0, 1.9, 2.1)] // expecting Strang's 2 from first-order data
    [TestCase(2.0, 0.95, 1.05)]
    [TestCase(2.0, 3.8, 4.2)]
    [TestCase(4.0, 1.9, 2.1)]
    public void Evaluate_WrongWindow_Fails(double order, double lo, double hi)
    {
        var (h, e) = ManufacturedLadders.Algebraic(order, CountFor(order));

        OrderStudyResult r = OrderVerdict.Evaluate(h, e, lo, hi, new OrderVerdictOptions { Range = WithFloor });
        TestContext.Out.WriteLine(r.Message);

        r.Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void Evaluate_OnlyTwoPointsInRange_IsInconclusiveAndSaysWhatWasKept()
    {
        // Two clean points, then the floor.
        double[] h = [0.5, 0.25, 0.125, 0.0625];
        double[] e = [1e-6, 0.25e-6, 1e-13, 1.1e-13];

        OrderStudyResult r = OrderVerdict.Evaluate(h, e, 1.9, 2.1, new OrderVerdictOptions { Range = WithFloor });

        r.Verdict.ShouldBe(Verdict.Inconclusive);
        r.Range.Count.ShouldBe(2);
        r.Message.ShouldContain("points 0–1 of 4 kept");
        r.Message.ShouldContain("floor");
    }

    [Test]
    public void Evaluate_ScatteredOrdersWithinTolerance_LargeStandardErrorIsNotAPass()
    {
        // Pairwise orders alternate 2.04, 1.96, …: settled (spread 4 % of 2, within the 5 % allowed), all
        // points kept, LSQ order ≈ 2, but with a standard error far wider than a ±0.001 window: that window
        // cannot be resolved by these data, so the verdict must not be Pass (nor Fail: 2 lies inside it).
        double[] h = Enumerable.Range(0, 7).Select(k => Math.Pow(2.0, -k)).ToArray();
        double[] e = new double[h.Length];
        e[0] = 1.0;
        for (int k = 1; k < e.Length; k++)
            e[k] = e[k - 1] / Math.Pow(2.0, k % 2 == 1 ? 2.04 : 1.96);

        OrderStudyResult r = OrderVerdict.Evaluate(h, e, 1.999, 2.001);
        TestContext.Out.WriteLine(r.Message);

        r.Range.Count.ShouldBe(h.Length);
        r.Message.ShouldContain("exceeds its half-width");
        r.Verdict.ShouldBe(Verdict.Inconclusive);
    }

    [Test]
    public void ToCheckResult_CarriesTheNumbersAReportPrints()
    {
        var (h, e) = ManufacturedLadders.Algebraic(2.0, 24);
        OrderStudyResult r = OrderVerdict.Evaluate(h, e, 1.9, 2.1, new OrderVerdictOptions { Range = WithFloor });

        CheckResult check = r.ToCheckResult("strang-order");

        check.Verdict.ShouldBe(Verdict.Pass);
        check.Evidence["order_lsq"].ShouldBe(r.Order);
        check.Evidence["kept_count"].ShouldBe(r.Range.Count);
        check.Evidence.ShouldContainKey("pairwise_order_0");
        check.Plots.Single().Series.Count.ShouldBe(2);
        check.Evidence.Values.ShouldAllBe(v => double.IsFinite(v));
    }

    [Test]
    public void ToCheckResult_UndefinedNumbersAreLeftOutNotNaN()
    {
        // Only two points: no standard error; a NaN must not reach the evidence.
        OrderStudyResult r = OrderVerdict.Evaluate([0.5, 0.25], [1e-2, 2.5e-3], 1.9, 2.1);

        CheckResult check = r.ToCheckResult("two-points");

        check.Verdict.ShouldBe(Verdict.Inconclusive);
        check.Evidence.ShouldNotContainKey("order_lsq_stderr");
        check.Evidence.Values.ShouldAllBe(v => double.IsFinite(v));
    }
}

public class OrderVerdictStagnationTests
{
    private static readonly double[] Steps = [0.1, 0.05, 0.025, 0.0125, 0.00625];

    /// <summary>A solver that converges to the wrong limit: the error against the exact reference stops falling at 1e-3.</summary>
    [Test]
    public void Evaluate_ErrorStagnatesFarAboveFloor_Fails()
    {
        double[] errors = Steps.Select(h => 1e-3 + 0.5 * h * h).ToArray();
        var r = OrderVerdict.Evaluate(Steps, errors, 1.9, 2.1, new OrderVerdictOptions { Range = new AsymptoticRangeOptions { RoundOffFloor = 1e-12 } });
        TestContext.Out.WriteLine(r.Message);
        r.Verdict.ShouldBe(Verdict.Fail);
        r.Message.ShouldContain("do not converge");
    }

    /// <summary>Without a floor estimate the harness cannot tell stagnation from round-off: it stays inconclusive.</summary>
    [Test]
    public void Evaluate_ErrorStagnatesWithoutFloorEstimate_IsNotAPass()
    {
        double[] errors = Steps.Select(h => 1e-3 + 0.5 * h * h).ToArray();
        OrderVerdict.Evaluate(Steps, errors, 1.9, 2.1).Verdict.ShouldNotBe(Verdict.Pass);
    }

    /// <summary>Errors that reach the floor (Yoshida at small dt) are not stagnation.</summary>
    [Test]
    public void Evaluate_ErrorReachesFloor_StillPasses()
    {
        double[] h = [0.2, 0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125];
        double[] errors = h.Select(x => 1e-4 * Math.Pow(x, 4) / Math.Pow(0.2, 4) + 2e-13).ToArray();
        var r = OrderVerdict.Evaluate(h, errors, 3.8, 4.2, new OrderVerdictOptions { Range = new AsymptoticRangeOptions { RoundOffFloor = 1e-12 } });
        TestContext.Out.WriteLine(r.Message);
        r.Verdict.ShouldBe(Verdict.Pass);
    }
}
