using System.Globalization;
using System.Text;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Formatting;
using ConvergenceSuite.Reports.Plots;

namespace ConvergenceSuite.Reports.Html;

/// <summary>Size of the embedded plot images.</summary>
/// <param name="PlotWidth">PNG width in pixels.</param>
/// <param name="PlotHeight">PNG height in pixels.</param>
public sealed record HtmlReportOptions(int PlotWidth = PlotRenderer.DefaultWidth, int PlotHeight = PlotRenderer.DefaultHeight)
{
    /// <summary>640×400 plots.</summary>
    public static HtmlReportOptions Default { get; } = new();
}

/// <summary>
/// Writes the self-contained <c>index.html</c>: header (run, environment, overall verdict), a summary
/// table of cases, one section per case with its checks and plots (PNG as base64 data URIs), then the
/// registered <see cref="IReportSection"/>s. No external CSS, scripts, fonts or images: it opens offline.
/// Every number is formatted with the invariant culture, so the file is byte-identical under any culture.
/// </summary>
public static class HtmlReport
{
    /// <summary>Name of the file inside a report directory.</summary>
    public const string FileName = "index.html";

    /// <summary>Renders the report to UTF-8 bytes (no BOM).</summary>
    public static byte[] ToUtf8Bytes(VerificationSummary summary, IEnumerable<IReportSection>? sections = null, HtmlReportOptions? options = null) =>
        new UTF8Encoding(false).GetBytes(Render(summary, sections, options));

    /// <summary>Renders the report as an HTML string.</summary>
    public static string Render(VerificationSummary summary, IEnumerable<IReportSection>? sections = null, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        options ??= HtmlReportOptions.Default;
        var extra = (sections ?? []).ToList();
        var anchors = new AnchorSet();
        var caseAnchors = summary.Cases.Select(c => anchors.Claim("case-" + Slug(c.CaseId))).ToList();
        var sectionAnchors = extra.Select(s => anchors.Claim(Slug(s.Id))).ToList();

        var h = new StringBuilder(64 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<title>ConvergenceSuite report ").Append(E(summary.RunId)).Append("</title>\n")
         .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");

        WriteHeader(h, summary, extra, sectionAnchors, caseAnchors);
        WriteCaseTable(h, summary, caseAnchors);
        for (var i = 0; i < summary.Cases.Count; i++)
        {
            WriteCase(h, summary.Cases[i], caseAnchors[i], options);
        }
        for (var i = 0; i < extra.Count; i++)
        {
            WriteExtraSection(h, summary, extra[i], sectionAnchors[i]);
        }
        h.Append("<footer>Written by ConvergenceSuite.Reports from summary.json schema version ")
         .Append(I(VerificationSummary.SchemaVersion)).Append(". Exporters compute nothing: every number above was produced by the checks.</footer>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>
    /// A &lt;figure&gt; with the plot as an embedded PNG (data URI) and a caption; if rendering throws,
    /// a paragraph with the error instead. For use by <see cref="IReportSection"/> implementations too.
    /// </summary>
    public static string PlotFigure(PlotSpec plot, string? caption = null, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        options ??= HtmlReportOptions.Default;
        return Figure(() => PlotRenderer.RenderPng(plot, options.PlotWidth, options.PlotHeight), plot.Title, caption ?? plot.Title, options);
    }

    /// <summary>Like <see cref="PlotFigure"/> for a heatmap.</summary>
    public static string HeatmapFigure(HeatmapSpec heatmap, string? caption = null, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(heatmap);
        options ??= HtmlReportOptions.Default;
        return Figure(() => PlotRenderer.RenderPng(heatmap, options.PlotWidth, options.PlotHeight), heatmap.Title, caption ?? heatmap.Title, options);
    }

    private static string Figure(Func<byte[]> render, string title, string caption, HtmlReportOptions options)
    {
        byte[] png;
        try
        {
            png = render();
        }
        catch (Exception ex)
        {
            return $"<p class=\"plot-error\">Plot “{E(title)}” could not be drawn: {E(ex.GetType().Name)}: {E(ex.Message)}</p>\n";
        }
        return "<figure class=\"plot\"><img src=\"data:image/png;base64," + Convert.ToBase64String(png)
            + "\" alt=\"" + E(title) + "\" width=\"" + I(options.PlotWidth) + "\" height=\"" + I(options.PlotHeight)
            + "\"><figcaption>" + E(caption) + "</figcaption></figure>\n";
    }

    private static void WriteHeader(StringBuilder h, VerificationSummary s, List<IReportSection> extra, List<string> sectionAnchors, List<string> caseAnchors)
    {
        var env = s.Environment;
        var failing = s.FailingChecks().ToList();
        h.Append("<header>\n<h1>ConvergenceSuite verification report</h1>\n");
        h.Append("<p class=\"overall ").Append(s.AllPassed ? "pass" : "fail").Append("\">")
         .Append(s.AllPassed
             ? "ALL PASSED"
             : s.Cases.Count == 0 ? "FAILED: no cases ran" : "FAILED: " + I(failing.Count) + " failing item" + (failing.Count == 1 ? "" : "s"))
         .Append("</p>\n");
        if (!PlotRenderer.FontAvailable)
        {
            h.Append("<p class=\"warning\">Font “").Append(E(PlotRenderer.FontFamily))
             .Append("” is not installed on the machine that wrote this report; plots may show no text.</p>\n");
        }
        h.Append("<table class=\"env\">\n");
        EnvRow(h, "Run id", s.RunId);
        EnvRow(h, "Date", env.Date.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        EnvRow(h, "Tier", env.Tier);
        EnvRow(h, "Case filter", env.CaseFilter ?? "(none)");
        EnvRow(h, "FFT backend", env.FftBackend);
        EnvRow(h, "Runtime", env.Runtime);
        EnvRow(h, "Operating system", env.OperatingSystem);
        EnvRow(h, "Processor count", I(env.ProcessorCount));
        EnvRow(h, "Git commit", env.GitCommit);
        h.Append("</table>\n");
        if (failing.Count > 0)
        {
            h.Append("<details class=\"failing\" open=\"open\"><summary>Not passed</summary><ul>\n");
            foreach (var f in failing)
            {
                h.Append("<li>").Append(E(f)).Append("</li>\n");
            }
            h.Append("</ul></details>\n");
        }
        h.Append("<nav><a href=\"#cases\">Cases</a>");
        for (var i = 0; i < extra.Count; i++)
        {
            h.Append(" · <a href=\"#").Append(sectionAnchors[i]).Append("\">").Append(E(extra[i].Title)).Append("</a>");
        }
        h.Append("</nav>\n</header>\n");
    }

    private static void EnvRow(StringBuilder h, string key, string value) =>
        h.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    private static void WriteCaseTable(StringBuilder h, VerificationSummary s, List<string> anchors)
    {
        h.Append("<section id=\"cases\">\n<h2>Cases</h2>\n<table class=\"cases\">\n<thead><tr>")
         .Append("<th>Case</th><th>Model</th><th>Solver</th><th>Scheme</th><th>Grid</th><th>dt</th><th>Elapsed</th>")
         .Append("<th>Pass</th><th>Fail</th><th>Inconclusive</th><th>Status</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < s.Cases.Count; i++)
        {
            var c = s.Cases[i];
            var status = StatusOf(c);
            h.Append("<tr class=\"").Append(status.Css).Append("\"><td><a href=\"#").Append(anchors[i]).Append("\">")
             .Append(E(c.CaseId)).Append("</a></td><td>").Append(E(c.Model)).Append("</td><td>").Append(E(c.Solver))
             .Append("</td><td>").Append(E(c.Scheme)).Append("</td><td>").Append(E(c.Grid)).Append("</td>")
             .Append(NumCell(c.TimeStep))
             .Append("<td class=\"num\">").Append(E(InvariantFormat.Seconds(c.ElapsedSeconds))).Append("</td>")
             .Append("<td class=\"num\">").Append(I(c.Checks.Count(k => k.Verdict == Verdict.Pass))).Append("</td>")
             .Append("<td class=\"num\">").Append(I(c.Checks.Count(k => k.Verdict == Verdict.Fail))).Append("</td>")
             .Append("<td class=\"num\">").Append(I(c.Checks.Count(k => k.Verdict == Verdict.Inconclusive))).Append("</td>")
             .Append("<td class=\"status\">").Append(status.Label).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private static (string Css, string Label) StatusOf(CaseResult c) =>
        c.Error is not null ? ("error", "ERROR")
        : c.Checks.Count == 0 ? ("error", "NO CHECKS")
        : c.Passed ? ("pass", "PASS")
        : c.Checks.Any(k => k.Verdict == Verdict.Fail) ? ("fail", "FAIL")
        : ("inconclusive", "INCONCLUSIVE");

    private static void WriteCase(StringBuilder h, CaseResult c, string anchor, HtmlReportOptions options)
    {
        var status = StatusOf(c);
        h.Append("<section class=\"case\" id=\"").Append(anchor).Append("\">\n<h2>").Append(E(c.CaseId))
         .Append(" <span class=\"badge ").Append(status.Css).Append("\">").Append(status.Label).Append("</span></h2>\n");
        if (c.Description.Length > 0)
        {
            h.Append("<p class=\"description\">").Append(E(c.Description)).Append("</p>\n");
        }
        h.Append("<p class=\"meta\">model <b>").Append(E(c.Model)).Append("</b> · solver <b>").Append(E(c.Solver))
         .Append(c.Provenance is { } provenance ? "</b> · provenance <b class=\"provenance\">" + E(provenance.ToString()) : "")
         .Append("</b> · scheme <b>").Append(E(c.Scheme)).Append("</b> · grid <b>").Append(E(c.Grid))
         .Append("</b> · dt <b title=\"").Append(InvariantFormat.RoundTrip(c.TimeStep)).Append("\">")
         .Append(E(InvariantFormat.Display(c.TimeStep))).Append("</b> · elapsed <b>")
         .Append(E(InvariantFormat.Seconds(c.ElapsedSeconds))).Append("</b></p>\n");
        if (c.Error is not null)
        {
            h.Append("<pre class=\"case-error\">").Append(E(c.Error)).Append("</pre>\n");
        }
        if (c.Checks.Count == 0)
        {
            h.Append("<p class=\"case-error\">No checks were recorded for this case.</p>\n</section>\n");
            return;
        }
        h.Append("<table class=\"checks\">\n<thead><tr><th>Check</th><th>Verdict</th><th>Message</th><th>Evidence</th></tr></thead>\n<tbody>\n");
        foreach (var k in c.Checks)
        {
            var css = VerdictCss(k.Verdict);
            h.Append("<tr class=\"").Append(css).Append("\" id=\"").Append(anchor).Append("--").Append(Slug(k.CheckId)).Append("\">")
             .Append("<td class=\"check-id\">").Append(E(k.CheckId)).Append("</td>")
             .Append("<td class=\"verdict\">").Append(k.Verdict.ToString()).Append("</td>")
             .Append("<td>").Append(E(k.Message)).Append("</td><td>");
            if (k.Evidence.Count > 0)
            {
                h.Append("<table class=\"evidence\">");
                foreach (var (key, value) in k.Evidence)
                {
                    h.Append("<tr><th>").Append(E(key)).Append("</th>").Append(NumCell(value)).Append("</tr>");
                }
                h.Append("</table>");
            }
            h.Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        // All figures of a case in one wrapping row; each caption names its check.
        if (c.Checks.Any(k => k.Plots.Count > 0 || (k.Heatmaps?.Count ?? 0) > 0))
        {
            h.Append("<div class=\"plots\">\n");
            foreach (var k in c.Checks)
            {
                foreach (var p in k.Plots)
                {
                    h.Append(PlotFigure(p, k.CheckId + ": " + p.Title, options));
                }
                foreach (var m in k.Heatmaps ?? [])
                {
                    h.Append(HeatmapFigure(m, k.CheckId + ": " + m.Title, options));
                }
            }
            h.Append("</div>\n");
        }
        h.Append("</section>\n");
    }

    private static void WriteExtraSection(StringBuilder h, VerificationSummary summary, IReportSection section, string anchor)
    {
        string body;
        try
        {
            body = section.RenderHtml(summary);
        }
        catch (Exception ex)
        {
            body = $"<p class=\"plot-error\">This section could not be rendered: {E(ex.GetType().Name)}: {E(ex.Message)}</p>\n";
        }
        h.Append("<section class=\"extra\" id=\"").Append(anchor).Append("\">\n<h2>").Append(E(section.Title)).Append("</h2>\n")
         .Append(body);
        if (!body.EndsWith('\n'))
        {
            h.Append('\n');
        }
        h.Append("</section>\n");
    }

    private static string NumCell(double value) =>
        "<td class=\"num\" title=\"" + InvariantFormat.RoundTrip(value) + "\">" + E(InvariantFormat.Display(value)) + "</td>";

    private static string VerdictCss(Verdict v) => v switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        _ => "inconclusive",
    };

    private static string E(string? text) => InvariantFormat.Html(text);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Anchor-safe form of an id: ASCII letters, digits, '-', '_', '.'; anything else becomes '-'.</summary>
    internal static string Slug(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var ch in id)
        {
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '-');
        }
        return sb.Length == 0 ? "x" : sb.ToString();
    }

    /// <summary>Hands out unique anchor ids, suffixing "-2", "-3", … on collisions.</summary>
    private sealed class AnchorSet
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal) { "cases" };

        public string Claim(string wanted)
        {
            var id = wanted;
            for (var n = 2; !_used.Add(id); n++)
            {
                id = wanted + "-" + n.ToString(CultureInfo.InvariantCulture);
            }
            return id;
        }
    }

    private const string Css = """
        body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:1.5em auto;max-width:1400px;padding:0 1em;color:#222;font-size:14px}
        h1{margin:.2em 0}h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}h3{margin:1em 0 .3em}
        table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
        thead th{background:#eee}td.num{text-align:right;font-family:"DejaVu Sans Mono",monospace;white-space:nowrap}
        table.env th{background:#f4f4f4;font-weight:normal;color:#555}
        table.evidence{margin:0;font-size:12px}table.evidence th{font-weight:normal;background:#fafafa}
        .overall{font-size:1.4em;font-weight:bold;padding:.3em .6em;display:inline-block;border-radius:4px}
        .overall.pass{background:#d4edda;color:#155724}.overall.fail{background:#f8d7da;color:#721c24}
        tr.pass td.verdict,tr.pass td.status,.badge.pass{background:#d4edda;color:#155724;font-weight:bold}
        tr.fail td.verdict,tr.fail td.status,.badge.fail{background:#f8d7da;color:#721c24;font-weight:bold}
        tr.inconclusive td.verdict,tr.inconclusive td.status,.badge.inconclusive{background:#fff3cd;color:#856404;font-weight:bold}
        tr.error td.status,.badge.error{background:#e2d5f0;color:#4a1a7a;font-weight:bold}
        .badge{font-size:.6em;padding:.15em .5em;border-radius:3px;vertical-align:middle}
        td.check-id{font-family:"DejaVu Sans Mono",monospace;white-space:nowrap}
        .case-error,.plot-error,.warning{background:#f8d7da;color:#721c24;padding:.5em;white-space:pre-wrap}
        .description{color:#444}.meta{color:#555}
        .plots{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start;margin-top:1em}
        figure.plot{margin:0}figure.plot img{max-width:100%;height:auto;border:1px solid #ddd}
        figcaption{font-size:12px;color:#555}
        nav{margin:1em 0;font-size:1.1em}
        footer{margin-top:3em;color:#777;font-size:12px;border-top:1px solid #ccc;padding-top:.5em}

        """;
}
