using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Regression;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Regression;

/// <summary>The comparison must fail on drift, NaN, and missing, extra or reshaped quantities, and be symmetric.</summary>
public class RegressionComparisonTests
{
    private static readonly double[] Times = [0, 0.5, 1.0];

    /// <summary>Drift well beyond <see cref="RegressionTolerances.Correlations"/> (1e-10): a real change of the solution.</summary>
    private const double Drift = 1e-6;

    /// <summary>Well inside the z tolerance: the size of backend round-off.</summary>
    private const double RoundOff = 1e-13;

    private static Quantity Z(params double[] values) =>
        new("z", QuantityKind.Correlations, "test z", [3, 1, 1], true, values, Times);

    private static Quantity T() => new("t", QuantityKind.SampleTimes, "times", [3], false, Times.ToArray());

    private static readonly double[] Base = [1, 0, 0.9, 0.1, 0.8, 0.2];

    private static double[] With(int index, double value)
    {
        var v = Base.ToArray();
        v[index] = value;
        return v;
    }

    [Test]
    public void Compare_Identical_Passes()
    {
        var r = RegressionComparison.Compare([T(), Z(Base)], [T(), Z(Base)]);
        r.Passed.ShouldBeTrue();
        r.Compared.ShouldBe(6);
        RegressionComparison.ToCheckResult(r, "ref.json").Verdict.ShouldBe(Verdict.Pass);
    }

    [Test]
    public void Compare_RoundOffDifference_Passes() =>
        RegressionComparison.Compare([Z(Base)], [Z(With(3, 0.1 + RoundOff))]).Passed.ShouldBeTrue();

    [Test]
    public void Compare_Drift_FailsAndNamesQuantityEntryAndTime()
    {
        var r = RegressionComparison.Compare([T(), Z(Base)], [T(), Z(With(4, 0.8 + Drift))]);
        r.Passed.ShouldBeFalse();
        r.Failed.ShouldBe(1);
        r.Largest[0].Quantity.ShouldBe("z");
        r.Largest[0].Entry.ShouldBe("[2,0,0]");
        r.Largest[0].Time.ShouldBe(1.0);
        r.Largest[0].Deviation.ShouldBe(Drift, 1e-12);
        var check = RegressionComparison.ToCheckResult(r, "reference-data/x.v1.json");
        check.Verdict.ShouldBe(Verdict.Fail);
        check.Message.ShouldContain("drift");
        check.Message.ShouldContain("z[2,0,0] at t = 1");
        check.Message.ShouldContain("reference-data/x.v1.json");
    }

    [Test]
    public void Compare_IsSymmetric()
    {
        var a = Z(Base);
        var b = Z(With(1, 3e-10));
        var ab = RegressionComparison.Compare([a], [b]);
        var ba = RegressionComparison.Compare([b], [a]);
        ab.WorstRatio.ShouldBe(ba.WorstRatio);
        ab.Passed.ShouldBe(ba.Passed);
    }

    [Test]
    public void Compare_NaNInRun_Fails()
    {
        var r = RegressionComparison.Compare([Z(Base)], [Z(With(2, double.NaN))]);
        r.Passed.ShouldBeFalse();
        r.WorstRatio.ShouldBe(double.PositiveInfinity);
        RegressionComparison.VerdictOf(r).ShouldBe(Verdict.Fail);
    }

    [Test]
    public void Compare_NaNOnBothSides_StillFails()
    {
        var nan = With(0, double.NaN);
        RegressionComparison.Compare([Z(nan)], [Z(nan)]).Passed.ShouldBeFalse();
    }

    [Test]
    public void Compare_InfinityInReference_Fails() =>
        RegressionComparison.Compare([Z(With(5, double.PositiveInfinity))], [Z(Base)]).Passed.ShouldBeFalse();

    [Test]
    public void Compare_QuantityMissingFromRun_Fails()
    {
        var r = RegressionComparison.Compare([T(), Z(Base)], [T()]);
        r.Passed.ShouldBeFalse();
        r.Problems.ShouldContain(p => p.Contains("'z'") && p.Contains("did not produce"));
        RegressionComparison.ToCheckResult(r, "f").Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void Compare_QuantityMissingFromReference_Fails() =>
        RegressionComparison.Compare([T()], [T(), Z(Base)]).Problems.ShouldContain(p => p.Contains("reference lacks"));

    [Test]
    public void Compare_ShapeMismatch_Fails()
    {
        var reshaped = new Quantity("z", QuantityKind.Correlations, "z", [3, 2], false, Base.ToArray());
        RegressionComparison.Compare([Z(Base)], [reshaped]).Problems.ShouldContain(p => p.Contains("shape"));
    }

    [Test]
    public void Compare_ReportsAtMostFiveLargestWorstFirst()
    {
        var many = Enumerable.Range(0, 40).Select(i => (double)i).ToArray();
        var drifted = many.Select((v, i) => v + i * Drift).ToArray();
        var q = (double[] v) => new Quantity("norms", QuantityKind.Norms, "n", [40], false, v);
        var r = RegressionComparison.Compare([q(many)], [q(drifted)]);
        r.Largest.Count.ShouldBe(RegressionComparison.ReportedDeviations);
        r.Largest.Select(d => d.Ratio).ShouldBeInOrder(SortDirection.Descending);
        r.Largest[0].Entry.ShouldBe("[39]");
    }

    [Test]
    public void Tolerance_EveryKindHasAReason()
    {
        foreach (var kind in Enum.GetValues<QuantityKind>())
        {
            var t = RegressionTolerances.For(kind);
            t.Reason.ShouldNotBeNullOrWhiteSpace();
            t.Absolute.ShouldBeGreaterThan(0);
        }
    }
}
