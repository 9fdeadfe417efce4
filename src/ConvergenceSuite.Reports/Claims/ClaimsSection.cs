using System.Text;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Formatting;
using ConvergenceSuite.Reports.Html;

namespace ConvergenceSuite.Reports.Claims;

/// <summary>
/// The "Claims" page of index.html: a table of every ledger entry (statement as printed, what was tested, the paper's
/// verdict, key numbers, the independent confirmation of a violation, and the corrected statement the numbers support,
/// marked as the harness's finding, with its own verdict), then per entry the tests with their plots. It reads only the
/// ledger run it is given (a report model like the summary) and computes nothing.
/// </summary>
public sealed class ClaimsSection(LedgerRun run) : IReportSection
{
    /// <inheritdoc/>
    public string Id => "claims";
    /// <inheritdoc/>
    public string Title => "Claims";

    /// <inheritdoc/>
    public string RenderHtml(VerificationSummary summary)
    {
        var h = new StringBuilder();
        var counts = Enum.GetValues<Verdict>().Select(v => $"{run.Outcomes.Count(o => o.Evaluated && o.Verdict == v)} {LedgerRun.VerdictWord(v)}");
        var failed = run.Outcomes.Count(o => !o.Evaluated);
        h.Append("<p>Every numbered statement of the paper, tested as printed (").Append(E(run.Tier)).Append(" tier): ")
         .Append(E(string.Join(", ", counts))).Append(failed > 0 ? $", {failed} NOT EVALUATED" : "").Append(". ")
         .Append("A verdict is the numbers' verdict on the paper, not on the solver: “violated” is recorded only with an independent confirmation, ")
         .Append("and a violated statement of the paper does not fail the verification (an entry the ledger cannot evaluate does). ")
         .Append("Corrected statements are the harness's findings, each tested on the same data.</p>\n");
        h.Append("<p><b>Solutions from the solver under test:</b> ").Append(E(run.Solvers.Length == 0 ? "not recorded" : run.Solvers))
         .Append("; closed forms, the exact factorised reference and the correlation-ODE integrations are the harness's own.</p>\n");
        h.Append("<table class=\"claims\">\n<thead><tr><th>entry</th><th>statement as printed</th><th>verdict</th><th>evidence</th>")
         .Append("<th>independent confirmation</th><th>corrected statement (harness finding)</th></tr></thead>\n<tbody>\n");
        foreach (var o in run.Outcomes)
        {
            var css = !o.Evaluated ? "error" : o.Verdict switch { Verdict.Pass => "pass", Verdict.Fail => "fail", _ => "inconclusive" };
            var label = !o.Evaluated ? "NOT EVALUATED" : LedgerRun.VerdictWord(o.Verdict);
            h.Append("<tr><td><a href=\"#claim-").Append(E(o.Id)).Append("\">").Append(E(o.Title)).Append("</a></td><td>").Append(E(o.Quote))
             .Append("</td><td><span class=\"badge ").Append(css).Append("\">").Append(E(label)).Append("</span></td><td>")
             .Append(E(o.Error ?? o.Summary)).Append("</td><td>");
            if (o.Confirmation is { } c)
                h.Append(c.Confirmed ? "<b>confirmed</b> by " : "<b>not confirmed</b> by ").Append(E(c.Route)).Append(": ").Append(E(c.Message));
            h.Append("</td><td>");
            if (o.Correction is { } r)
                h.Append("<i>Harness finding:</i> ").Append(E(r.Statement)).Append(" — <span class=\"badge ")
                 .Append(r.Verdict == Verdict.Pass ? "pass" : r.Verdict == Verdict.Fail ? "fail" : "inconclusive").Append("\">")
                 .Append(E(LedgerRun.VerdictWord(r.Verdict))).Append("</span> ").Append(E(r.Message));
            h.Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        foreach (var o in run.Outcomes)
        {
            h.Append("<h3 id=\"claim-").Append(E(o.Id)).Append("\">").Append(E(o.Title)).Append(" <span class=\"meta\">(").Append(E(o.Id)).Append(", ")
             .Append(E(InvariantFormat.Seconds(o.ElapsedSeconds))).Append(")</span></h3>\n");
            h.Append("<p><b>As printed:</b> ").Append(E(o.Quote)).Append("</p>\n<p><b>Tested:</b> ").Append(E(o.Tested)).Append("</p>\n");
            if (o.Error is not null) h.Append("<p class=\"fail\"><b>Not evaluated:</b> ").Append(E(o.Error)).Append("</p>\n");
            if (o.Runs.Count > 0)
                h.Append("<p><b>Solver runs:</b> ").Append(E(string.Join("; ", o.Runs.Select(r => r.ToString())))).Append("</p>\n");
            foreach (var t in o.Tests)
            {
                h.Append("<p><b>").Append(E(t.DataSet)).Append("</b> — ").Append(E(LedgerRun.VerdictWord(t.Verdict))).Append(": ").Append(E(t.Message)).Append("</p>\n");
                if (t.Plots.Count > 0)
                {
                    h.Append("<div class=\"plots\">\n");
                    foreach (var p in t.Plots) h.Append(HtmlReport.PlotFigure(p, p.Title));
                    h.Append("</div>\n");
                }
            }
        }
        return h.ToString();
    }

    private static string E(string? s) => InvariantFormat.Html(s);
}
