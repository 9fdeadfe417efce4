using System.Globalization;
using System.Text;
using System.Text.Json;
using ConvergenceSuite.Reports.Formatting;

namespace ConvergenceSuite.Reports.Comparison;

/// <summary>Markdown (pull-request comment, $GITHUB_STEP_SUMMARY), HTML and JSON renderings of a <see cref="ComparisonReport"/>.</summary>
public static class ComparisonWriters
{
    /// <summary>Rows per Markdown/HTML table: a PR comment is limited to 65 536 characters; the JSON has everything.</summary>
    public const int MaxTableRows = 30;

    /// <summary>How many of the largest within-tolerance drifts are shown (what moved, even if allowed).</summary>
    public const int WithinToleranceShown = 5;

    /// <summary>The word a table shows for a standing: "pass", "inconclusive", "FAIL", "error" or "absent".</summary>
    public static string Word(Standing s) => s switch
    {
        Standing.Pass => "pass",
        Standing.Inconclusive => "inconclusive",
        Standing.Fail => "FAIL",
        Standing.Error => "error",
        _ => "absent",
    };

    /// <summary>One line: "REGRESSED: …" with the counts of worsened verdicts and of drifts beyond tolerance, or "no regression: …"
    /// with the count of judged numbers; both give the number of improved verdicts.</summary>
    public static string Headline(ComparisonReport r)
    {
        var worse = r.Worsened.Count();
        var exceeding = r.Exceeding.Count();
        var better = r.VerdictChanges.Count(v => !v.Worsened && v.Base != Standing.Absent && v.Head < v.Base);
        return r.Regressed
            ? $"REGRESSED: {worse} verdict(s) worsened, {exceeding} drift(s) beyond tolerance ({better} improved)"
            : $"no regression: no verdict worsened, {r.Drifts.Count(d => d.Tolerance.Judged)} numbers within tolerance ({better} verdict(s) improved)";
    }

    /// <summary>The comparison as Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY; tables are cut at <see cref="MaxTableRows"/> rows.</summary>
    public static string ToMarkdown(ComparisonReport r)
    {
        var m = new StringBuilder();
        m.Append(CultureInfo.InvariantCulture, $"## ConvergenceSuite compare: `{r.BaseRunId}` ({Short(r.BaseCommit)}) → `{r.HeadRunId}` ({Short(r.HeadCommit)})\n\n");
        m.Append(CultureInfo.InvariantCulture, $"**{Headline(r)}**\n\n");
        foreach (var n in r.Notes) m.Append("> note: ").Append(n).Append('\n');
        if (r.Notes.Count > 0) m.Append('\n');

        m.Append("### Verdict changes\n\n");
        if (r.VerdictChanges.Count == 0) m.Append("none\n\n");
        else
        {
            m.Append("| case | check | BASE | HEAD | change |\n|---|---|---|---|---|\n");
            foreach (var v in Ordered(r.VerdictChanges).Take(MaxTableRows))
                m.Append(Row(v.CaseId, v.CheckId ?? "(case)", Word(v.Base), Word(v.Head), v.Worsened ? "**worsened**" : "improved/new"));
            More(m, r.VerdictChanges.Count);
        }

        var exceeding = r.Exceeding.ToList();
        m.Append(CultureInfo.InvariantCulture, $"### Numeric drift beyond tolerance ({exceeding.Count})\n\n");
        if (exceeding.Count == 0) m.Append("none\n\n");
        else
        {
            DriftTable(m, exceeding.Take(MaxTableRows));
            More(m, exceeding.Count);
        }
        var within = r.Drifts.Where(d => d.Tolerance.Judged && !d.Exceeds && d.Ratio > 0).OrderByDescending(d => d.Ratio).Take(WithinToleranceShown).ToList();
        m.Append(CultureInfo.InvariantCulture, $"### Largest drift within tolerance ({r.Drifts.Count(d => d.Tolerance.Judged && !d.Exceeds && d.Ratio > 0)} moved, {r.Drifts.Count(d => d.Ratio == 0)} identical)\n\n");
        if (within.Count == 0) m.Append("none\n\n");
        else DriftTable(m, within);

        var band = $"max({DriftTolerances.TimingRelativeBand * 100:G3} %, {DriftTolerances.TimingAbsoluteBand:G3} s)";
        var outside = r.Timings.Where(t => t.OutsideNoise).OrderByDescending(t => Math.Abs(t.Delta)).ToList();
        m.Append(CultureInfo.InvariantCulture, $"### Wall time (noise band {band}, informational)\n\n");
        m.Append(CultureInfo.InvariantCulture, $"total {InvariantFormat.Seconds(r.BaseTotalSeconds)} → {InvariantFormat.Seconds(r.HeadTotalSeconds)}; ");
        if (outside.Count == 0) m.Append(CultureInfo.InvariantCulture, $"all {r.Timings.Count} case(s) within noise\n\n");
        else
        {
            m.Append(CultureInfo.InvariantCulture, $"{outside.Count} of {r.Timings.Count} case(s) outside the band\n\n");
            m.Append("| case | BASE | HEAD | change | |\n|---|---|---|---|---|\n");
            foreach (var t in outside.Take(MaxTableRows))
                m.Append(Row(t.CaseId, InvariantFormat.Seconds(t.BaseSeconds), InvariantFormat.Seconds(t.HeadSeconds), Pct(t.Delta, t.BaseSeconds), t.Word));
            More(m, outside.Count);
        }

        var used = r.Drifts.Select(d => d.Tolerance).DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        if (used.Count > 0)
        {
            m.Append("<details><summary>Tolerances</summary>\n\n| tolerance | judged | reason |\n|---|---|---|\n");
            foreach (var t in used) m.Append(Row(t.Name, t.Judged ? "yes" : "no", t.Reason));
            m.Append("\n</details>\n");
        }
        return m.ToString();
    }

    /// <summary>The comparison as a standalone HTML page: verdict changes, judged drifts worst first, wall times, tolerances.</summary>
    public static string ToHtml(ComparisonReport r)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ConvergenceSuite compare</title>\n")
         .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}")
         .Append(".bad{color:#b00;font-weight:bold}.ok{color:#070}</style></head><body>\n");
        h.Append(CultureInfo.InvariantCulture, $"<h1>Compare <code>{E(r.BaseRunId)}</code> ({E(Short(r.BaseCommit))}) → <code>{E(r.HeadRunId)}</code> ({E(Short(r.HeadCommit))})</h1>\n");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"{(r.Regressed ? "bad" : "ok")}\">{E(Headline(r))}</p>\n");
        foreach (var n in r.Notes) h.Append("<p>note: ").Append(E(n)).Append("</p>\n");
        h.Append("<h2>Verdict changes</h2>\n<table><tr><th>case</th><th>check</th><th>BASE</th><th>HEAD</th><th>change</th><th>HEAD message</th></tr>\n");
        foreach (var v in Ordered(r.VerdictChanges))
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(v.CaseId)}</td><td>{E(v.CheckId ?? "(case)")}</td><td>{Word(v.Base)}</td><td>{Word(v.Head)}</td><td class=\"{(v.Worsened ? "bad" : "ok")}\">{(v.Worsened ? "worsened" : "improved/new")}</td><td>{E(v.HeadMessage)}</td></tr>\n");
        h.Append("</table>\n<h2>Numeric drift (judged numbers that moved, worst first)</h2>\n");
        h.Append("<table><tr><th>case</th><th>check</th><th>quantity</th><th>BASE</th><th>HEAD</th><th>change</th><th>tolerance</th><th>ratio</th></tr>\n");
        foreach (var d in r.Drifts.Where(d => d.Tolerance.Judged && d.Ratio > 0).OrderByDescending(d => d.Ratio))
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(d.CaseId)}</td><td>{E(d.CheckId)}</td><td>{E(d.Quantity)}</td><td>{InvariantFormat.Display(d.Base)}</td><td>{InvariantFormat.Display(d.Head)}</td><td>{E(Change(d))}</td><td>{E(d.Tolerance.Name)}</td><td class=\"{(d.Exceeds ? "bad" : "ok")}\">{InvariantFormat.Display(d.Ratio)}</td></tr>\n");
        h.Append("</table>\n<h2>Wall time (informational)</h2>\n<table><tr><th>case</th><th>BASE</th><th>HEAD</th><th>change</th><th>band</th><th></th></tr>\n");
        foreach (var t in r.Timings)
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(t.CaseId)}</td><td>{InvariantFormat.Seconds(t.BaseSeconds)}</td><td>{InvariantFormat.Seconds(t.HeadSeconds)}</td><td>{E(Pct(t.Delta, t.BaseSeconds))}</td><td>±{InvariantFormat.Seconds(t.Band)}</td><td>{t.Word}</td></tr>\n");
        h.Append("</table>\n<h2>Tolerances</h2>\n<ul>\n");
        foreach (var t in r.Drifts.Select(d => d.Tolerance).DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal))
            h.Append(CultureInfo.InvariantCulture, $"<li><b>{E(t.Name)}</b>{(t.Judged ? "" : " (informational)")}: {E(t.Reason)}</li>\n");
        h.Append("</ul>\n</body></html>\n");
        return h.ToString();
    }

    /// <summary>The whole comparison as indented UTF-8 JSON (schemaVersion 1), untruncated.</summary>
    public static byte[] ToJson(ComparisonReport r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 1);
            w.WriteString("base", r.BaseRunId);
            w.WriteString("head", r.HeadRunId);
            w.WriteString("baseCommit", r.BaseCommit);
            w.WriteString("headCommit", r.HeadCommit);
            w.WriteBoolean("regressed", r.Regressed);
            w.WriteString("headline", Headline(r));
            w.WriteStartArray("notes");
            foreach (var n in r.Notes) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteStartArray("verdictChanges");
            foreach (var v in Ordered(r.VerdictChanges))
            {
                w.WriteStartObject();
                w.WriteString("case", v.CaseId);
                if (v.CheckId is null) w.WriteNull("check"); else w.WriteString("check", v.CheckId);
                w.WriteString("base", Word(v.Base));
                w.WriteString("head", Word(v.Head));
                w.WriteBoolean("worsened", v.Worsened);
                w.WriteString("headMessage", v.HeadMessage);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("drifts");
            foreach (var d in r.Drifts)
            {
                w.WriteStartObject();
                w.WriteString("case", d.CaseId);
                w.WriteString("check", d.CheckId);
                w.WriteString("quantity", d.Quantity);
                w.WriteString("base", InvariantFormat.RoundTrip(d.Base));
                w.WriteString("head", InvariantFormat.RoundTrip(d.Head));
                w.WriteString("tolerance", d.Tolerance.Name);
                w.WriteBoolean("judged", d.Tolerance.Judged);
                w.WriteString("allowed", InvariantFormat.RoundTrip(d.Allowed));
                w.WriteString("ratio", InvariantFormat.RoundTrip(d.Ratio));
                w.WriteBoolean("exceeds", d.Exceeds);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("timings");
            foreach (var t in r.Timings)
            {
                w.WriteStartObject();
                w.WriteString("case", t.CaseId);
                w.WriteNumber("baseSeconds", Finite(t.BaseSeconds));
                w.WriteNumber("headSeconds", Finite(t.HeadSeconds));
                w.WriteNumber("band", Finite(t.Band));
                w.WriteString("change", t.Word);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static double Finite(double x) => double.IsFinite(x) ? x : 0;

    private static IEnumerable<VerdictChange> Ordered(IEnumerable<VerdictChange> v) =>
        v.OrderByDescending(x => x.Worsened).ThenBy(x => x.CaseId, StringComparer.Ordinal).ThenBy(x => x.CheckId, StringComparer.Ordinal);

    private static void DriftTable(StringBuilder m, IEnumerable<NumericDrift> drifts)
    {
        m.Append("| case | check | quantity | BASE | HEAD | change | tolerance | ratio |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var d in drifts)
            m.Append(Row(d.CaseId, d.CheckId, d.Quantity, InvariantFormat.Display(d.Base), InvariantFormat.Display(d.Head), Change(d), d.Tolerance.Name,
                d.Ratio.ToString("G3", CultureInfo.InvariantCulture)));
        m.Append('\n');
    }

    private static void More(StringBuilder m, int count)
    {
        if (count > MaxTableRows) m.Append(CultureInfo.InvariantCulture, $"\n… and {count - MaxTableRows} more (compare.json has all)\n");
        m.Append('\n');
    }

    private static string Change(NumericDrift d) =>
        !double.IsFinite(d.Base) || !double.IsFinite(d.Head) ? "non-finite"
        : d.Base != 0 ? (d.Head / d.Base).ToString("G3", CultureInfo.InvariantCulture) + "×"
        : "Δ " + InvariantFormat.Display(d.Head - d.Base);

    private static string Pct(double delta, double baseValue) =>
        baseValue > 0 ? (100 * delta / baseValue).ToString("+0;-0", CultureInfo.InvariantCulture) + " %" : InvariantFormat.Seconds(delta);

    private static string Row(params string[] cells) =>
        "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal))) + " |\n";

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private static string E(string s) => InvariantFormat.Html(s);
}
