using System.Globalization;
using System.Text;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Formatting;

namespace ConvergenceSuite.Reports.Markdown;

/// <summary>summary.md: a short Markdown digest of a run (headline, failing checks, one row per case) for a pull-request
/// comment or $GITHUB_STEP_SUMMARY. Everything in it is also in summary.json.</summary>
public static class SummaryMarkdown
{
    /// <summary>Name of the file in the output directory: summary.md.</summary>
    public const string FileName = "summary.md";

    /// <summary>Rows listed before "… and N more": GitHub limits a comment to 65 536 characters.</summary>
    public const int MaxRows = 60;

    /// <summary>The Markdown digest of <paramref name="s"/>; the list of failing checks and the per-case table are each cut at <see cref="MaxRows"/> rows.</summary>
    public static string Render(VerificationSummary s)
    {
        var m = new StringBuilder();
        var passed = s.Cases.Count(c => c.Passed);
        m.Append(CultureInfo.InvariantCulture, $"## ConvergenceSuite run `{s.RunId}`\n\n");
        m.Append(CultureInfo.InvariantCulture, $"**{(s.AllPassed ? "all verdicts pass" : "NOT all verdicts pass")}**: {passed} of {s.Cases.Count} case(s) pass; ");
        m.Append(CultureInfo.InvariantCulture, $"commit {s.Environment.GitCommit}, tier {s.Environment.Tier}, FFT {s.Environment.FftBackend}, {s.Environment.ProcessorCount} core(s), ");
        m.Append(InvariantFormat.Seconds(s.Cases.Sum(c => double.IsFinite(c.ElapsedSeconds) ? c.ElapsedSeconds : 0))).Append(" case time\n\n");
        var failing = s.FailingChecks().ToList();
        if (failing.Count > 0)
        {
            m.Append("Failing:\n\n");
            foreach (var f in failing.Take(MaxRows)) m.Append("- `").Append(f.Replace("`", "'", StringComparison.Ordinal)).Append("`\n");
            if (failing.Count > MaxRows) m.Append(CultureInfo.InvariantCulture, $"- … and {failing.Count - MaxRows} more\n");
            m.Append('\n');
        }
        m.Append("| case | verdict | checks | time |\n|---|---|---|---|\n");
        foreach (var c in s.Cases.Take(MaxRows))
        {
            var verdict = c.Error is not null ? "error" : c.Passed ? "pass" : "FAIL";
            m.Append(CultureInfo.InvariantCulture, $"| {c.CaseId.Replace("|", "\\|", StringComparison.Ordinal)} | {verdict} | {c.Checks.Count(k => k.Verdict == Verdict.Pass)}/{c.Checks.Count} | {InvariantFormat.Seconds(c.ElapsedSeconds)} |\n");
        }
        if (s.Cases.Count > MaxRows) m.Append(CultureInfo.InvariantCulture, $"\n… and {s.Cases.Count - MaxRows} more case(s) in summary.json\n");
        return m.ToString();
    }
}
