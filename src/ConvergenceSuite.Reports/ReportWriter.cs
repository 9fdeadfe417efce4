using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Html;
using ConvergenceSuite.Reports.Json;
using ConvergenceSuite.Reports.JUnit;

namespace ConvergenceSuite.Reports;

/// <summary>Full paths of the main files <see cref="ReportWriter"/> wrote (empty when that file was not among the
/// exporters), and of every file written.</summary>
public sealed record ReportFiles(string SummaryJson, string JUnitXml, string IndexHtml)
{
    /// <summary>Every file written, in the exporters' order.</summary>
    public IReadOnlyList<string> Written { get; init; } = [];
}

/// <summary>Writes what the exporters (<see cref="IReportExporter"/>) render, atomically.</summary>
public static class ReportWriter
{
    /// <summary>
    /// summary.json, junit.xml, index.html (with <paramref name="sections"/>; the Claims page first when the run holds the
    /// ledger) and summary.md: <see cref="WriteAll(VerificationSummary, string, IEnumerable{IReportExporter})"/> with those
    /// four exporters.
    /// </summary>
    /// <param name="summary">The run; the exporters read only this.</param>
    /// <param name="directory">Target directory, e.g. reports/&lt;run-id&gt;.</param>
    /// <param name="sections">Extra HTML sections (e.g. Convergence) appended after the cases.</param>
    /// <param name="htmlOptions">Plot size; 640×400 by default.</param>
    public static ReportFiles WriteAll(
        VerificationSummary summary,
        string directory,
        IEnumerable<IReportSection>? sections = null,
        HtmlReportOptions? htmlOptions = null) =>
        WriteAll(summary, directory, [ReportExporters.SummaryJson, ReportExporters.JUnit, ReportExporters.Html(sections, htmlOptions), ReportExporters.Markdown]);

    /// <summary>
    /// Renders every exporter's files in memory, writes them to temporary files beside their final names (creating
    /// sub-folders), flushes them to disk, and only then renames them over the final names, so an interrupted run
    /// leaves either the old file or the new one, never a half-written one. A path that would leave
    /// <paramref name="directory"/> or two exporters writing the same file is refused before anything is written.
    /// </summary>
    public static ReportFiles WriteAll(VerificationSummary summary, string directory, IEnumerable<IReportExporter> exporters)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(exporters);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var dir = Path.GetFullPath(directory);
        var outputs = new List<(string Path, byte[] Bytes)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exporter in exporters)
        foreach (var output in exporter.Render(summary))
        {
            var path = Path.GetFullPath(Path.Combine(dir, output.RelativePath));
            if (!path.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidOperationException($"exporter {exporter.Name} writes '{output.RelativePath}', outside the report folder");
            if (!seen.Add(path)) throw new InvalidOperationException($"two exporters write '{output.RelativePath}'");
            outputs.Add((path, output.Bytes));
        }
        Directory.CreateDirectory(dir);

        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (final, bytes) in outputs)
            {
                var folder = Path.GetDirectoryName(final)!;
                Directory.CreateDirectory(folder);
                var temp = Path.Combine(folder, $".{Path.GetFileName(final)}.{Guid.NewGuid():N}.tmp");
                temps.Add((temp, final));
                using var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            foreach (var (temp, final) in temps)
            {
                File.Move(temp, final, overwrite: true);
            }
        }
        finally
        {
            foreach (var (temp, _) in temps)
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
        string Main(string name) => seen.Contains(Path.Combine(dir, name)) ? Path.Combine(dir, name) : "";
        return new ReportFiles(Main(SummaryJson.FileName), Main(JUnitWriter.FileName), Main(HtmlReport.FileName))
        {
            Written = outputs.Select(o => o.Path).ToArray(),
        };
    }
}
