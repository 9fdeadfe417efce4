using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.Harness.Studies;
using ConvergenceSuite.Harness.Summary;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Studies;

/// <summary>Time studies on the S-L solver (cheap 1-D cases) and on synthetic ladders through the pluggable delegates.</summary>
public class TimeStudyTests
{
    /// <summary>Acceptance half-width for the Lie and Strang orders (the brief's 1.0 ± 0.1, 2.0 ± 0.1).</summary>
    private const double LowOrderHalfWidth = 0.1;

    /// <summary>Acceptance half-width for Yoshida-4 (4.0 ± 0.2).</summary>
    private const double FourthOrderHalfWidth = 0.2;

    private static CheckResult Study(string scheme, string dts, string window, string reference = """{ "kind": "exact" }""")
    {
        var c = TestCases.Small(2, $$"""{ "id": "time-study", "dts": [{{dts}}], "window": {{window}}, "final": 1.0, "reference": {{reference}} }""", scheme: scheme);
        var result = c.Checks.Single().Evaluate(new CheckContext(c, TestCases.Run(c), new SplitStepAdapter()));
        TestContext.Out.WriteLine($"{result.Verdict}: {result.Message}");
        return result;
    }

    [Test]
    public void TimeStudy_LieRegisteredAsFirstOrder_MeasuresOneWithinPointOne()
    {
        var r = Study("lie", "0.04, 0.02, 0.01, 0.005, 0.0025", "[0.9, 1.1]");
        r.Verdict.ShouldBe(Verdict.Pass);
        r.Study!.Rate.ShouldBe(1.0, LowOrderHalfWidth);
    }

    [Test]
    public void TimeStudy_LieExpectedAsSecondOrder_Fails()
    {
        var r = Study("lie", "0.04, 0.02, 0.01, 0.005, 0.0025", "[1.9, 2.1]");
        r.Verdict.ShouldBe(Verdict.Fail);
        r.Study!.Rate.ShouldBe(1.0, LowOrderHalfWidth);
    }

    [Test]
    public void TimeStudy_StrangAgainstRichardsonReference_MeasuresTwo()
    {
        var r = Study("strang", "0.1, 0.05, 0.025, 0.0125", "[1.9, 2.1]", """{ "kind": "richardson", "dt": 0.003125 }""");
        r.Verdict.ShouldBe(Verdict.Pass);
        r.Study!.Rate.ShouldBe(2.0, LowOrderHalfWidth);
        r.Evidence["richardson_order"].ShouldBe(2.0, LowOrderHalfWidth);
        r.Study.Reference.ShouldContain("Richardson");
    }

    [Test]
    public void TimeStudy_Yoshida4AgainstFinestRun_MeasuresFour()
    {
        var r = Study("yoshida4", "0.2, 0.1, 0.05, 0.025", "[3.8, 4.2]", """{ "kind": "finest", "dt": 0.0025 }""");
        r.Verdict.ShouldBe(Verdict.Pass);
        r.Study!.Rate.ShouldBe(4.0, FourthOrderHalfWidth);
    }

    [Test]
    public void TimeStudy_Result_CarriesTableWallTimesAndPlots()
    {
        var r = Study("strang", "0.1, 0.05, 0.025, 0.0125", "[1.9, 2.1]");
        var t = r.Study!;
        t.Kind.ShouldBe(StudyKind.Time);
        t.Rows.Count.ShouldBe(4);
        t.Rows[0].PairwiseRate.ShouldBeNull();
        t.Rows.Skip(1).ShouldAllBe(row => row.PairwiseRate != null);
        t.Rows.ShouldAllBe(row => row.WallSeconds > 0);
        t.WorkPrecision.ShouldNotBeNull();
        r.Plots.Count.ShouldBe(2);
        t.Plot.Series.ShouldContain(s => s.IsReference);
    }

    // ---- synthetic ladders through the pluggable runner/quantity (what a Kuramoto or W-L study would plug in) ----

    /// <summary>A scalar "model" whose value at step dt is exact + C dtᵖ (+ C' dt^{p+1}): the order is known exactly.</summary>
    private static (StudyRunner<double> Runner, StudyQuantity<double> Quantity) Synthetic(double order, double exact = 1.5)
    {
        StudyRunner<double> runner = dt => new StudyRun<double>(exact + 0.3 * Math.Pow(dt, order) + 0.05 * Math.Pow(dt, order + 1), 1e-3);
        var quantity = new StudyQuantity<double>
        {
            Label = "|u − u_ref|",
            Error = (u, reference) => Math.Abs(u - reference),
            Value = u => u,
            Combine = (x, a, y, b) => a * x + b * y,
        };
        return (runner, quantity);
    }

    private static readonly double[] Ladder = [0.1, 0.05, 0.025, 0.0125, 0.00625];

    [Test]
    public void Evaluate_SyntheticSecondOrderAgainstExact_Passes()
    {
        var (runner, quantity) = Synthetic(2);
        var r = TimeStudy.Evaluate("time-study", new TimeStudySettings(Ladder, 1.9, 2.1, TimeReference.Exact, 1e-14, "synthetic"), runner, quantity, () => 1.5);
        r.Verdict.ShouldBe(Verdict.Pass);
        r.Study!.Rate.ShouldBe(2.0, LowOrderHalfWidth);
    }

    [Test]
    public void Evaluate_SyntheticSecondOrderAgainstRichardson_Passes()
    {
        var (runner, quantity) = Synthetic(2);
        var r = TimeStudy.Evaluate("time-study", new TimeStudySettings(Ladder, 1.9, 2.1, new TimeReference(TimeReferenceKind.Richardson, 0.0015625), 1e-14, "synthetic"),
            runner, quantity);
        r.Verdict.ShouldBe(Verdict.Pass);
    }

    [Test]
    public void Evaluate_SyntheticFirstOrderClaimedSecond_Fails()
    {
        var (runner, quantity) = Synthetic(1);
        var r = TimeStudy.Evaluate("time-study", new TimeStudySettings(Ladder, 1.9, 2.1, TimeReference.Exact, 1e-14, "synthetic"), runner, quantity, () => 1.5);
        r.Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void Evaluate_ExactReferenceMissing_Throws()
    {
        var (runner, quantity) = Synthetic(2);
        Should.Throw<InvalidOperationException>(() =>
            TimeStudy.Evaluate("time-study", new TimeStudySettings(Ladder, 1.9, 2.1, TimeReference.Exact, 1e-14, "synthetic"), runner, quantity));
    }

    [Test]
    public void Evaluate_RichardsonWithoutLinearStructure_Throws()
    {
        var (runner, quantity) = Synthetic(2);
        var noCombine = new StudyQuantity<double> { Label = quantity.Label, Error = quantity.Error };
        Should.Throw<InvalidOperationException>(() =>
            TimeStudy.Evaluate("time-study", new TimeStudySettings(Ladder, 1.9, 2.1, new TimeReference(TimeReferenceKind.Richardson, 0.001), 1e-14, "s"), runner, noCombine));
    }

    [Test]
    public void Decide_NaNError_DoesNotPass()
    {
        var errors = new[] { 1e-2, 2.5e-3, double.NaN, 1.6e-4, 4e-5 };
        var r = TimeStudy.Decide("time-study", new TimeStudySettings(Ladder, 1.9, 2.1, TimeReference.Exact, 1e-14, "s"), errors, null, null, "e", "exact");
        r.Verdict.ShouldNotBe(Verdict.Pass);
    }

    [Test]
    public void Decide_GciOnlyOnKeptMonotonicTriples()
    {
        var errors = Ladder.Select(h => 0.3 * h * h).ToArray();
        var values = Ladder.Select(h => 1.5 + 0.3 * h * h).ToArray();
        var r = TimeStudy.Decide("time-study", new TimeStudySettings(Ladder, 1.9, 2.1, TimeReference.Exact, 1e-14, "s"), errors, values, null, "e", "exact");
        r.Study!.Rows.Take(2).ShouldAllBe(row => row.GciFine == null);
        r.Study.Rows.Skip(2).ShouldAllBe(row => row.GciFine > 0);
        // Values that stopped changing (round-off noise) give no GCI.
        var flat = Ladder.Select(_ => 1.5).ToArray();
        TimeStudy.Decide("time-study", new TimeStudySettings(Ladder, 1.9, 2.1, TimeReference.Exact, 1e-14, "s"), errors, flat, null, "e", "exact")
            .Study!.Rows.ShouldAllBe(row => row.GciFine == null);
    }
}
