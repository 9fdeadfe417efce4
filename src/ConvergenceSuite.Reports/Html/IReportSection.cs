using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Reports.Html;

/// <summary>
/// An extra named section of index.html (e.g. "Claims", "Convergence"), rendered after the per-case
/// sections and linked from the navigation bar. Register it by passing it to
/// <see cref="ReportExporters.Html"/> or <see cref="HtmlReport.Render"/>.
/// </summary>
/// <remarks>
/// Like every exporter, a section reads only the summary and computes nothing. The fragment it returns is
/// inserted verbatim inside &lt;section id="{Id}"&gt;, after an &lt;h2&gt; with <see cref="Title"/>, so it
/// must be well-formed, escape its text (<see cref="Formatting.InvariantFormat.Html"/>), format numbers
/// invariantly (<see cref="Formatting.InvariantFormat.Display"/>) and reference no external resource;
/// plots can be embedded with <see cref="HtmlReport.PlotFigure"/>. If rendering throws, the report is
/// still written and the section shows the exception message.
/// </remarks>
public interface IReportSection
{
    /// <summary>Anchor id, unique in the page: letters, digits, '-' or '_' (e.g. "claims").</summary>
    string Id { get; }

    /// <summary>Heading and navigation label (plain text, escaped by the writer).</summary>
    string Title { get; }

    /// <summary>The section body as an HTML fragment.</summary>
    string RenderHtml(VerificationSummary summary);
}
