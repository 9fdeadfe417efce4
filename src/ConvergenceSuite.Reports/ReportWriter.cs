using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Html;
using ConvergenceSuite.Reports.JUnit;
using ConvergenceSuite.Reports.Json;
using ConvergenceSuite.Reports.Markdown;

namespace ConvergenceSuite.Reports;

/// <summary>Full paths of the files <see cref="ReportWriter.WriteAll"/> wrote.</summary>
public sealed record ReportFiles(string SummaryJson, string JUnitXml, string IndexHtml);

/// <summary>The single entry point of the exporters: summary.json, junit.xml, index.html and summary.md.</summary>
public static class ReportWriter
{
    /// <summary>
    /// Writes summary.json, junit.xml, index.html and summary.md into <paramref name="directory"/> (created if missing).
    /// All four are rendered in memory, written to temporary files in the same directory, flushed to disk,
    /// and only then renamed over the final names, so an interrupted run leaves either the old file or the
    /// new one, never a half-written one.
    /// </summary>
    /// <param name="summary">The run; the exporters read only this.</param>
    /// <param name="directory">Target directory, e.g. reports/&lt;run-id&gt;.</param>
    /// <param name="sections">Extra HTML sections (e.g. Claims, Convergence) appended after the cases.</param>
    /// <param name="htmlOptions">Plot size; 640×400 by default.</param>
    public static ReportFiles WriteAll(
        VerificationSummary summary,
        string directory,
        IEnumerable<IReportSection>? sections = null,
        HtmlReportOptions? htmlOptions = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var dir = Path.GetFullPath(directory);
        Directory.CreateDirectory(dir);

        var outputs = new (string Name, byte[] Bytes)[]
        {
            (SummaryJson.FileName, SummaryJson.ToUtf8Bytes(summary)),
            (JUnitWriter.FileName, JUnitWriter.ToUtf8Bytes(summary)),
            (HtmlReport.FileName, HtmlReport.ToUtf8Bytes(summary, sections, htmlOptions)),
            (SummaryMarkdown.FileName, System.Text.Encoding.UTF8.GetBytes(SummaryMarkdown.Render(summary))),
        };

        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (name, bytes) in outputs)
            {
                var temp = Path.Combine(dir, $".{name}.{Guid.NewGuid():N}.tmp");
                temps.Add((temp, Path.Combine(dir, name)));
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
        return new ReportFiles(
            Path.Combine(dir, SummaryJson.FileName),
            Path.Combine(dir, JUnitWriter.FileName),
            Path.Combine(dir, HtmlReport.FileName));
    }
}
