using System.Text;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Formatting;
using ConvergenceSuite.Reports.Html;

namespace ConvergenceSuite.Reports.Studies;

/// <summary>
/// The "Convergence" page of index.html: per study its verdict, what was refined and against which reference, the
/// fitted order p (or spectral rate α) ± standard error against the expectation, the log-log (time) or log-linear
/// (grid) plot of error with reference-slope lines, and the table of error, pairwise order and GCI per level; then the
/// informational work-precision plots. It reads only the summary and computes nothing.
/// </summary>
/// <param name="linkFiles">Link each study's CSV/LaTeX/SVG/PNG under studies/ (set when <see cref="StudyExport.WriteAll"/> wrote them).</param>
public sealed class ConvergenceSection(bool linkFiles = false) : IReportSection
{
    /// <inheritdoc/>
    public string Id => "convergence";
    /// <inheritdoc/>
    public string Title => "Convergence";

    /// <inheritdoc/>
    public string RenderHtml(VerificationSummary summary)
    {
        var entries = StudyExport.Entries(summary);
        var h = new StringBuilder();
        if (entries.Count == 0)
        {
            h.Append("<p>No convergence studies ran.</p>\n");
            return h.ToString();
        }
        h.Append("<p>Verdicts rest on the observed order (least squares over the detected asymptotic range, against the stated window) ")
         .Append("or, for grid studies, on the spectral rate α of e ≈ C e^(−αM); never on one error threshold. ")
         .Append("Rows marked † lie outside the fitted range. Wall times are informational only.</p>\n");
        foreach (var e in entries.Where(x => x.Check.Study is not null))
            WriteStudy(h, e, e.Check.Study!);
        var wp = entries.Where(x => x.Check.Study is null).ToList();
        if (wp.Count > 0)
        {
            h.Append("<h3>Work-precision (informational)</h3>\n<div class=\"plots\">\n");
            foreach (var e in wp)
            {
                foreach (var p in e.Check.Plots) h.Append(HtmlReport.PlotFigure(p, $"{e.Case.CaseId}: {p.Title}"));
            }
            h.Append("</div>\n");
            foreach (var e in wp) Links(h, e, tables: false);
        }
        return h.ToString();
    }

    private void WriteStudy(StringBuilder h, StudyEntry e, StudyTable t)
    {
        var css = e.Check.Verdict switch { Verdict.Pass => "pass", Verdict.Fail => "fail", _ => "inconclusive" };
        h.Append("<h3 id=\"study-").Append(E(e.Name)).Append("\">").Append(E(e.Case.CaseId)).Append(" / ").Append(E(e.Check.CheckId))
         .Append(" <span class=\"badge ").Append(css).Append("\">").Append(E(e.Check.Verdict.ToString())).Append("</span></h3>\n");
        var rate = t.Kind == StudyKind.Time ? "order p" : "spectral rate α";
        var expected = t.Kind == StudyKind.Time
            ? $"expected [{D(t.ExpectedLow)}, {D(t.ExpectedHigh)}]"
            : $"minimum {D(t.ExpectedLow)}" + (double.IsFinite(t.Floor) ? $", floor {D(t.Floor)}" : "");
        h.Append("<p class=\"meta\">").Append(t.Kind == StudyKind.Time ? "time refinement" : "grid refinement")
         .Append(" · scheme <b>").Append(E(t.Scheme)).Append("</b> · ").Append(E(rate)).Append(" <b>").Append(E(D(t.Rate)))
         .Append(" ± ").Append(E(D(t.RateStandardError))).Append("</b> (").Append(E(expected)).Append(")<br>error: ")
         .Append(E(t.Quantity)).Append("<br>reference: ").Append(E(t.Reference)).Append("</p>\n");
        h.Append("<p>").Append(E(e.Check.Message)).Append("</p>\n");
        h.Append("<div class=\"plots\">\n").Append(HtmlReport.PlotFigure(t.Plot, t.Plot.Title));
        if (t.WorkPrecision is { } wp) h.Append(HtmlReport.PlotFigure(wp, wp.Title));
        h.Append("</div>\n");

        var grid = t.Kind == StudyKind.Grid;
        h.Append("<table class=\"study\">\n<thead><tr>");
        if (grid) h.Append("<th>M</th>");
        h.Append("<th>").Append(E(t.StepName)).Append("</th><th>error</th><th>").Append(grid ? "local rate α_i" : "pairwise order p_i")
         .Append("</th><th>GCI_fine</th><th>wall time</th>");
        if (t.ValueLabel is not null) h.Append("<th>").Append(E(t.ValueLabel)).Append("</th>");
        h.Append("<th>fitted</th></tr></thead>\n<tbody>\n");
        foreach (var r in t.Rows)
        {
            h.Append("<tr>");
            if (grid) h.Append("<td class=\"num\">").Append(r.GridPoints is null ? "" : E(string.Join("×", r.GridPoints))).Append("</td>");
            h.Append(Num(r.Step)).Append(Num(r.Error)).Append(Num(r.PairwiseRate))
             .Append(r.GciFine is { } g ? "<td class=\"num\" title=\"" + InvariantFormat.RoundTrip(g) + "\">" + E(InvariantFormat.Display(100 * g)) + " %</td>" : "<td></td>")
             .Append(r.WallSeconds is { } s ? "<td class=\"num\">" + E(InvariantFormat.Seconds(s)) + "</td>" : "<td></td>");
            if (t.ValueLabel is not null) h.Append(Num(r.Value));
            h.Append("<td>").Append(r.Kept ? "yes" : "† no").Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        Links(h, e, tables: true);
    }

    private void Links(StringBuilder h, StudyEntry e, bool tables)
    {
        if (!linkFiles) return;
        string[] extensions = tables ? ["csv", "tex", "svg", "png"] : ["svg", "png"];
        h.Append("<p class=\"meta\">files: ");
        h.Append(string.Join(" · ", extensions.Select(x =>
            $"<a href=\"{StudyExport.FolderName}/{E(e.Name)}.{x}\">{E(e.Name)}.{x}</a>")));
        h.Append("</p>\n");
    }

    private static string Num(double? v) =>
        v is { } x ? "<td class=\"num\" title=\"" + InvariantFormat.RoundTrip(x) + "\">" + E(InvariantFormat.Display(x)) + "</td>" : "<td></td>";

    private static string D(double v) => InvariantFormat.Display(v);

    private static string E(string? s) => InvariantFormat.Html(s);
}
