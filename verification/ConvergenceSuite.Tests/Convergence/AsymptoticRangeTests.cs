using ConvergenceSuite.Convergence;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Convergence;

[TestFixture]
public class AsymptoticRangeTests
{
    /// <summary>
    /// Kept points may carry at most this share of pre-asymptotic term B h. The pairwise order of the pair
    /// starting at B h is p + log2((1 + B h)/(1 + B h/2)): 0.26 above p at B h = 1/2, 0.15 at 1/4, while the
    /// detector allows a spread of 5 % of p (0.2 at most, for p = 4); so no kept point has B h above 1/4.
    /// </summary>
    private const double MaximumKeptPreAsymptoticShare = 0.25;

    /// <summary>
    /// Kept points must have a truncation error at least this many times the floor estimate: the detector keeps
    /// only errors above 10 × the estimate, and the manufactured floor is at most 1.5 × the estimate, so the
    /// truncation part of a kept error is above 10 − 1.5 = 8.5 times it.
    /// </summary>
    private const double MinimumKeptTruncationOverFloor = 8.5;

    /// <summary>
    /// Without a floor estimate the settled median lies within the kept spread (5 % of the median), and the
    /// finest kept orders are within 1 % of p; 5 % of p bounds the difference.
    /// </summary>
    private const double SettledOrderRelativeTolerance = 0.05;

    /// <summary>
    /// Without a floor estimate, kept points must still have a truncation error above the floor: where the
    /// floor dominates the pairwise orders wander far outside a 5 % spread.
    /// </summary>
    private const double MinimumKeptTruncationOverFloorWithoutEstimate = 1.0;

    private static readonly object[] Orders = [1.0, 2.0, 4.0];

    /// <summary>Ladder lengths that put the 1e-13 floor over the last few points for each order.</summary>
    private static int CountFor(double order) => order switch { 1.0 => 46, 2.0 => 24, _ => 14 };

    [TestCaseSource(nameof(Orders))]
    public void Detect_WithFloorEstimate_KeepsOnlyAsymptoticPointsAboveTheFloor(double order)
    {
        var (h, e) = ManufacturedLadders.Algebraic(order, CountFor(order));

        AsymptoticRange range = AsymptoticRangeDetector.Detect(h, e, new AsymptoticRangeOptions { RoundOffFloor = ManufacturedLadders.Floor });
        Log(range, h);

        range.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (int i in range.KeptIndices)
        {
            ManufacturedLadders.PreAsymptoticShare(h[i]).ShouldBeLessThanOrEqualTo(MaximumKeptPreAsymptoticShare, $"point {i} is pre-asymptotic");
            (ManufacturedLadders.TruncationPart(h[i], order) / ManufacturedLadders.Floor)
                .ShouldBeGreaterThanOrEqualTo(MinimumKeptTruncationOverFloor, $"point {i} is at the floor");
        }
        range.First.ShouldBeGreaterThan(0, "the coarse end (B h = 8) must be excluded");
        range.Last.ShouldBeLessThan(h.Length - 1, "the floor end must be excluded");
        range.Excluded.Count.ShouldBe(h.Length - range.Count);
        range.Excluded.Where(x => x.Index < range.First).ShouldAllBe(x => x.Reason.Contains("pre-asymptotic"));
        range.Excluded.Where(x => x.Index > range.Last).ShouldAllBe(x => x.Reason.Contains("floor"));
    }

    [TestCaseSource(nameof(Orders))]
    public void Detect_WithoutFloorEstimate_StillCutsTheFlattenedFineEnd(double order)
    {
        var (h, e) = ManufacturedLadders.Algebraic(order, CountFor(order));

        AsymptoticRange range = AsymptoticRangeDetector.Detect(h, e);
        Log(range, h);

        range.Count.ShouldBeGreaterThanOrEqualTo(4);
        range.SettledOrder!.Value.ShouldBe(order, SettledOrderRelativeTolerance * order);
        // Without the floor estimate the detector sees only the orders: every kept point must still have a
        // truncation error well above the floor, otherwise its pairwise order would not have settled.
        foreach (int i in range.KeptIndices)
            (ManufacturedLadders.TruncationPart(h[i], order) / ManufacturedLadders.Floor)
                .ShouldBeGreaterThan(MinimumKeptTruncationOverFloorWithoutEstimate, $"point {i}");
        range.Last.ShouldBeLessThan(h.Length - 1);
        range.Excluded.Where(x => x.Index > range.Last).ShouldAllBe(x => x.Reason.Contains("floor"));
    }

    [Test]
    public void Detect_ErrorsThatNeverFall_KeepNothingAndSaySo()
    {
        double[] h = [1.0, 0.5, 0.25, 0.125];
        double[] e = [1e-3, 1.05e-3, 0.98e-3, 1.01e-3];

        AsymptoticRange range = AsymptoticRangeDetector.Detect(h, e);

        range.Count.ShouldBeLessThan(2);
        range.Excluded.Count.ShouldBe(h.Length - range.Count);
        range.Excluded.ShouldAllBe(x => !string.IsNullOrWhiteSpace(x.Reason));
    }

    [Test]
    public void Detect_NonFiniteCoarseError_ExcludesItAsBlowUp()
    {
        double[] h = [1.0, 0.5, 0.25, 0.125, 0.0625];
        double[] e = [double.NaN, 0.25, 0.0625, 0.015625, 0.00390625];

        AsymptoticRange range = AsymptoticRangeDetector.Detect(h, e);

        range.First.ShouldBe(1);
        range.Last.ShouldBe(4);
        range.Excluded.Single().Reason.ShouldContain("not finite");
    }

    private static void Log(AsymptoticRange range, double[] h)
    {
        TestContext.Out.WriteLine($"{range.Describe(h)}, settled order {range.SettledOrder}");
        foreach (ExcludedPoint x in range.Excluded)
            TestContext.Out.WriteLine($"  #{x.Index}: {x.Reason}");
    }
}
