using System.Text;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Claims;
using ConvergenceSuite.Reports.Html;
using ConvergenceSuite.Reports.JUnit;
using ConvergenceSuite.Reports.Markdown;
using ConvergenceSuite.Reports.Studies;

namespace ConvergenceSuite.Reports;

/// <summary>One file of a report: its path relative to the report folder ('/'-separated) and its bytes.</summary>
public sealed record ReportOutput(string RelativePath, byte[] Bytes);

/// <summary>
/// An exporter: renders files from the run's summary alone, in memory. <see cref="ReportWriter.WriteAll(VerificationSummary, string, IEnumerable{IReportExporter})"/>
/// writes what every exporter rendered, atomically. verify, merge, claims and gallery all write through this one contract
/// (<see cref="ReportExporters.Standard"/>), so a new output format is one new exporter.
/// </summary>
public interface IReportExporter
{
    /// <summary>Short name, e.g. "summary.json".</summary>
    string Name { get; }

    /// <summary>The files for <paramref name="summary"/> (none when the summary holds nothing this exporter writes).</summary>
    IReadOnlyList<ReportOutput> Render(VerificationSummary summary);
}

/// <summary>The exporters of this package.</summary>
public static class ReportExporters
{
    /// <summary>summary.json (System.Text.Json source generation, <see cref="SummaryJson"/>).</summary>
    public static IReportExporter SummaryJson { get; } = new Exporter(Json.SummaryJson.FileName, s => [new(Json.SummaryJson.FileName, Json.SummaryJson.ToUtf8Bytes(s))]);

    /// <summary>junit.xml for CI test views (<see cref="JUnitWriter"/>).</summary>
    public static IReportExporter JUnit { get; } = new Exporter(JUnitWriter.FileName, s => [new(JUnitWriter.FileName, JUnitWriter.ToUtf8Bytes(s))]);

    /// <summary>summary.md (<see cref="SummaryMarkdown"/>).</summary>
    public static IReportExporter Markdown { get; } = new Exporter(SummaryMarkdown.FileName,
        s => [new(SummaryMarkdown.FileName, Encoding.UTF8.GetBytes(SummaryMarkdown.Render(s)))]);

    /// <summary>claims.json when the run evaluated the claims ledger (<see cref="ClaimsJson"/>).</summary>
    public static IReportExporter ClaimsData { get; } = new Exporter(ClaimsJson.FileName,
        s => s.Claims is null ? [] : [new(ClaimsJson.FileName, Encoding.UTF8.GetBytes(ClaimsJson.Serialize(s.Claims)))]);

    /// <summary>studies/*.csv, *.tex, *.svg, *.png for every convergence study (<see cref="StudyExport"/>).</summary>
    public static IReportExporter Studies { get; } = new Exporter(StudyExport.FolderName + "/", StudyExport.Render);

    /// <summary>index.html with its pages: the Claims page when the run holds the ledger, then <paramref name="sections"/>.</summary>
    public static IReportExporter Html(IEnumerable<IReportSection>? sections = null, HtmlReportOptions? options = null)
    {
        var extra = sections?.ToArray() ?? [];
        return new Exporter(HtmlReport.FileName, s =>
        {
            IEnumerable<IReportSection> pages = s.Claims is null ? extra : [new ClaimsSection(s.Claims), .. extra];
            return [new(HtmlReport.FileName, HtmlReport.ToUtf8Bytes(s, pages, options))];
        });
    }

    /// <summary>
    /// What a run writes: summary.json, junit.xml, index.html (Claims page first when the ledger ran, then
    /// <paramref name="sections"/>), summary.md, claims.json (with the ledger) and, when <paramref name="studies"/>, the
    /// study files.
    /// </summary>
    public static IReadOnlyList<IReportExporter> Standard(IEnumerable<IReportSection>? sections = null, bool studies = true, HtmlReportOptions? options = null) =>
        studies
            ? [SummaryJson, JUnit, Html(sections, options), Markdown, ClaimsData, Studies]
            : [SummaryJson, JUnit, Html(sections, options), Markdown, ClaimsData];

    private sealed class Exporter(string name, Func<VerificationSummary, IReadOnlyList<ReportOutput>> render) : IReportExporter
    {
        public string Name => name;

        public IReadOnlyList<ReportOutput> Render(VerificationSummary summary)
        {
            ArgumentNullException.ThrowIfNull(summary);
            return render(summary);
        }
    }
}
