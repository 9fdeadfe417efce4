using ConvergenceSuite.Cli;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Comparison;
using ConvergenceSuite.Reports.Json;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Reports;

/// <summary>compare: hand-made runs (every number invented) where the expected outcome follows from the tolerances'
/// definitions, not from the code under test.</summary>
public class RunComparisonTests
{
    private static StudyTable Study(double rate, double stderr, params double[] errors) => new(
        StudyKind.Time, "strang", "error", "exact", null,
        errors.Select((e, i) => new StudyRow(0.1 / (1 << i), null, e, i == 0 ? null : Math.Log2(errors[i - 1] / e), null, 0.1, null, true)).ToList(),
        rate, stderr, 1.9, 2.1, double.NaN, [2], new PlotSpec("p", "dt", "e", []));

    private static VerificationSummary Run(string id, Verdict orderVerdict = Verdict.Pass, double order = 2.0, double normDrift = 3e-14,
        double error0 = 1e-2, double seconds = 2.0, string? error = null, bool withNorm = true)
    {
        var checks = new List<CheckResult>
        {
            new("temporal-order", orderVerdict, "order", new Dictionary<string, double> { ["order_lsq"] = order, ["order_lsq_stderr"] = 1e-4, ["expected_low"] = 1.9, ["wall_seconds_total"] = seconds },
                [], null, Study(order, 1e-4, error0, error0 / 4, error0 / 16)),
        };
        if (withNorm) checks.Add(CheckResult.Of("norm-conservation", Verdict.Pass, "norm", new Dictionary<string, double> { ["max_relative_norm_drift"] = normDrift, ["tolerance"] = 1e-12 }));
        var env = new EnvironmentInfo("managed", ".NET", "Linux", 2, id + "-commit", DateTimeOffset.UnixEpoch, "quick", null);
        return new VerificationSummary(id, env,
        [
            new CaseResult("case-a", "", "SL", "split-step", "strang", "64", 0.01, seconds, error is null ? checks : [], error),
            new CaseResult("case-b", "", "SL", "split-step", "strang", "64", 0.01, 1.0,
                [CheckResult.Of("norm-conservation", Verdict.Pass, "norm", new Dictionary<string, double> { ["max_relative_norm_drift"] = 1e-14 })]),
        ]);
    }

    [Test]
    public void IdenticalRuns_NoRegression_AllDriftsZero()
    {
        var r = RunComparison.Compare(Run("a"), Run("b"));
        r.Regressed.ShouldBeFalse();
        r.VerdictChanges.ShouldBeEmpty();
        r.Drifts.ShouldAllBe(d => d.Ratio == 0);
        r.Drifts.ShouldContain(d => d.Quantity.EndsWith(".error", StringComparison.Ordinal)); // studies are compared row by row
    }

    [Test]
    public void TimingNoise_NeverFails_ButIsReportedOutsideTheBand()
    {
        // 2 s → 9 s is far outside max(50 %, 0.5 s); still exit 0: wall time decides nothing.
        var r = RunComparison.Compare(Run("a", seconds: 2), Run("b", seconds: 9));
        r.Regressed.ShouldBeFalse();
        r.Timings.Single(t => t.CaseId == "case-a").Word.ShouldBe("slower");
        RunComparison.Compare(Run("a", seconds: 2), Run("b", seconds: 2.9)).Timings.Single(t => t.CaseId == "case-a").Word.ShouldBe("within noise");
    }

    [Test]
    public void WrongData_FlippedVerdict_IsWorsenedAndNamed()
    {
        var r = RunComparison.Compare(Run("a"), Run("b", orderVerdict: Verdict.Fail));
        r.Regressed.ShouldBeTrue();
        var v = r.Worsened.Single();
        (v.CaseId, v.CheckId, v.Base, v.Head).ShouldBe(("case-a", "temporal-order", Standing.Pass, Standing.Fail));
        ComparisonWriters.ToMarkdown(r).ShouldContain("| case-a | temporal-order | pass | FAIL | **worsened** |");
    }

    [Test]
    public void ImprovedVerdict_DoesNotFail()
    {
        var r = RunComparison.Compare(Run("a", orderVerdict: Verdict.Inconclusive), Run("b"));
        r.VerdictChanges.Single().Worsened.ShouldBeFalse();
        r.Regressed.ShouldBeFalse();
    }

    [Test]
    public void WrongData_ErrorMovedBeyondFivePercent_Exceeds_WithinDoesNot()
    {
        // 1e-2 → 1.06e-2 is 5.7 % > 5 %: a changed error constant. 1e-2 → 1.04e-2 (3.8 %) is within.
        var moved = RunComparison.Compare(Run("a"), Run("b", error0: 1.06e-2));
        moved.Regressed.ShouldBeTrue();
        moved.Exceeding.ShouldContain(d => d.Quantity.StartsWith("study.rows[0]", StringComparison.Ordinal) && d.Quantity.EndsWith(".error", StringComparison.Ordinal));
        moved.VerdictChanges.ShouldBeEmpty(); // drift alone fails the comparison
        RunComparison.Compare(Run("a"), Run("b", error0: 1.04e-2)).Regressed.ShouldBeFalse();
    }

    [Test]
    public void WrongData_OrderShift_JudgedAbsolutely()
    {
        // 2.00 → 2.06 exceeds ±0.05; 2.00 → 2.04 does not (σ = 1e-4, so 3σ does not widen it).
        RunComparison.Compare(Run("a"), Run("b", order: 2.06)).Exceeding.ShouldContain(d => d.Quantity == "order_lsq");
        RunComparison.Compare(Run("a"), Run("b", order: 2.04)).Exceeding.ShouldNotContain(d => d.Quantity == "order_lsq");
    }

    [Test]
    public void RoundoffLevelChanges_BelowTheFloor_DoNotFail()
    {
        // a norm drift of 3e-14 → 9e-14 (3×) is roundoff: |Δ| = 6e-14 < 1e-12.
        RunComparison.Compare(Run("a", normDrift: 3e-14), Run("b", normDrift: 9e-14)).Regressed.ShouldBeFalse();
        RunComparison.Compare(Run("a", normDrift: 3e-14), Run("b", normDrift: 5e-12)).Regressed.ShouldBeTrue();
    }

    [Test]
    public void WrongData_NaN_InHead_Exceeds()
    {
        var r = RunComparison.Compare(Run("a"), Run("b", normDrift: double.NaN));
        r.Exceeding.ShouldContain(d => d.Quantity == "max_relative_norm_drift" && double.IsPositiveInfinity(d.Ratio));
    }

    [Test]
    public void WrongData_CaseErrorsOrDisappears_OrCheckMissing_IsWorsened()
    {
        RunComparison.Compare(Run("a"), Run("b", error: "timed out after 60 s")).Worsened.ShouldContain(v => v.CaseId == "case-a" && v.Head == Standing.Error);
        var head = Run("b") with { Cases = [Run("b").Cases[1]] };
        RunComparison.Compare(Run("a"), head).Worsened.ShouldContain(v => v.CaseId == "case-a" && v.Head == Standing.Absent);
        RunComparison.Compare(Run("a"), Run("b", withNorm: false)).Worsened.ShouldContain(v => v.CheckId == "norm-conservation");
    }

    [Test]
    public void ChangedSetting_IsExact()
    {
        var head = Run("b");
        var c = head.Cases[0];
        var norm = c.Checks[1] with { Evidence = new Dictionary<string, double> { ["max_relative_norm_drift"] = 3e-14, ["tolerance"] = 1e-10 } };
        head = head with { Cases = [c with { Checks = [c.Checks[0], norm] }, head.Cases[1]] };
        RunComparison.Compare(Run("a"), head).Exceeding.Single().Tolerance.ShouldBe(DriftTolerances.Exact);
    }

    [Test]
    public void Writers_RenderTablesAndJson()
    {
        var r = RunComparison.Compare(Run("a"), Run("b", orderVerdict: Verdict.Fail, error0: 2e-2));
        var md = ComparisonWriters.ToMarkdown(r);
        md.ShouldContain("| case | check | quantity | BASE | HEAD | change | tolerance | ratio |");
        md.ShouldContain("REGRESSED");
        ComparisonWriters.ToHtml(r).ShouldContain("<table>");
        using var doc = System.Text.Json.JsonDocument.Parse(ComparisonWriters.ToJson(r));
        doc.RootElement.GetProperty("regressed").GetBoolean().ShouldBeTrue();
    }

    [Test]
    public void Cli_Compare_ExitCodes()
    {
        var dir = Directory.CreateTempSubdirectory("compare-");
        try
        {
            string Write(string name, VerificationSummary s)
            {
                var p = Path.Combine(dir.FullName, name);
                File.WriteAllBytes(p, SummaryJson.ToUtf8Bytes(s));
                return p;
            }
            var a = Write("a.json", Run("a"));
            var b = Write("b.json", Run("b", seconds: 7));
            var bad = Write("bad.json", Run("c", orderVerdict: Verdict.Fail));
            CompareCommand.Run(a, b, null, new StringWriter(), new StringWriter()).ShouldBe(CommandLine.Success);
            var stdout = new StringWriter();
            CompareCommand.Run(a, bad, Path.Combine(dir.FullName, "out"), stdout, new StringWriter()).ShouldBe(CommandLine.ChecksFailed);
            stdout.ToString().ShouldContain("temporal-order");
            File.Exists(Path.Combine(dir.FullName, "out", "compare.html")).ShouldBeTrue();
            CompareCommand.Run(a, Path.Combine(dir.FullName, "missing"), null, new StringWriter(), new StringWriter()).ShouldBe(CommandLine.UsageError);
            File.WriteAllText(Path.Combine(dir.FullName, "garbage.json"), "{\"not\": \"a summary\"}");
            CompareCommand.Run(a, Path.Combine(dir.FullName, "garbage.json"), null, new StringWriter(), new StringWriter()).ShouldBe(CommandLine.UsageError);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
