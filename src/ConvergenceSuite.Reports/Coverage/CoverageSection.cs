using System.Text;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Formatting;
using ConvergenceSuite.Reports.Html;

namespace ConvergenceSuite.Reports.Coverage;

/// <summary>
/// The "Coverage" page of index.html: line and branch coverage of src/ as recorded in the summary
/// (<see cref="VerificationSummary.Coverage"/>), per assembly, with a link to the ReportGenerator HTML report under
/// coverage/. Like every exporter it reads the summary and computes nothing (the percentages are the recorded rates × 100).
/// </summary>
public sealed class CoverageSection : IReportSection
{
    /// <inheritdoc/>
    public string Id => "coverage";
    /// <inheritdoc/>
    public string Title => "Coverage";

    /// <inheritdoc/>
    public string RenderHtml(VerificationSummary summary)
    {
        var c = summary.Coverage;
        if (c is null) return "<p>No coverage was collected with this run (run-verification.sh --coverage collects it).</p>\n";
        var h = new StringBuilder();
        h.Append("<p>Coverage of <code>").Append(InvariantFormat.Html(c.Scope)).Append("</code> while the test suite ran (coverlet, merged by ReportGenerator): ")
         .Append("<strong>lines ").Append(Percent(c.LineRate)).Append("</strong> (").Append(c.LinesCovered).Append(" of ").Append(c.LinesValid).Append("), ")
         .Append("<strong>branches ").Append(Percent(c.BranchRate)).Append("</strong> (").Append(c.BranchesCovered).Append(" of ").Append(c.BranchesValid).Append("). ")
         .Append("<a href=\"").Append(InvariantFormat.Html(c.Report)).Append("\">Full coverage report</a>.</p>\n");
        if (c.Assemblies.Count > 0)
        {
            h.Append("<table>\n<thead><tr><th>assembly</th><th>lines</th><th>branches</th></tr></thead>\n<tbody>\n");
            foreach (var a in c.Assemblies)
                h.Append("<tr><td>").Append(InvariantFormat.Html(a.Name)).Append("</td><td>").Append(Percent(a.LineRate))
                 .Append("</td><td>").Append(Percent(a.BranchRate)).Append("</td></tr>\n");
            h.Append("</tbody>\n</table>\n");
        }
        return h.ToString();
    }

    private static string Percent(double rate) => double.IsFinite(rate) ? (100 * rate).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " %" : "n/a";
}
