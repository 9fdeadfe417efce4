using System.Globalization;
using System.Text;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Reports.Studies;

/// <summary>A study found in a summary: its case, its check result and the file name stem of its artefacts.</summary>
/// <param name="Case">The case the study ran in.</param>
/// <param name="Check">The check result (with <see cref="CheckResult.Study"/> set, or a work-precision result).</param>
/// <param name="Name">"&lt;case&gt;-&lt;check&gt;", made file-safe and unique within the run.</param>
public sealed record StudyEntry(CaseResult Case, CheckResult Check, string Name);

/// <summary>
/// Writes each convergence study of a run as reports/&lt;run&gt;/studies/&lt;case&gt;-&lt;check&gt;.{csv,tex,svg,png}.
/// It reads only the summary (the numbers are the check's <see cref="StudyTable"/>) and formats every number with the
/// invariant culture, so the CSV and LaTeX bytes do not depend on the current culture.
/// </summary>
public static class StudyExport
{
    /// <summary>Sub-folder of the report directory holding the study files.</summary>
    public const string FolderName = "studies";

    /// <summary>Id of the informational work-precision check, whose plot is also exported (SVG and PNG only).</summary>
    public const string WorkPrecisionCheckId = "work-precision";

    /// <summary>Every study of the summary (checks carrying a table, and work-precision checks), in report order.</summary>
    public static IReadOnlyList<StudyEntry> Entries(VerificationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<StudyEntry>();
        foreach (var c in summary.Cases)
        {
            foreach (var k in c.Checks)
            {
                if (k.Study is null && !(k.CheckId == WorkPrecisionCheckId && k.Plots.Count > 0)) continue;
                var stem = FileSafe($"{c.CaseId}-{k.CheckId}");
                var name = stem;
                for (var n = 2; !used.Add(name); n++) name = stem + "-" + n.ToString(CultureInfo.InvariantCulture);
                result.Add(new StudyEntry(c, k, name));
            }
        }
        return result;
    }

    /// <summary>
    /// The files of every study, under studies/ (<see cref="FolderName"/>): a table's CSV and LaTeX, the plot's SVG and
    /// PNG. A plot that cannot be drawn is left out (its table files are still there).
    /// </summary>
    public static IReadOnlyList<ReportOutput> Render(VerificationSummary summary)
    {
        var entries = Entries(summary);
        var files = new List<ReportOutput>();
        var utf8 = new UTF8Encoding(false);
        foreach (var e in entries)
        {
            void Add(string extension, byte[] bytes) => files.Add(new ReportOutput($"{FolderName}/{e.Name}.{extension}", bytes));
            var plot = e.Check.Study?.Plot ?? e.Check.Plots[0];
            if (e.Check.Study is { } table)
            {
                Add("csv", utf8.GetBytes(ToCsv(table)));
                Add("tex", utf8.GetBytes(ToLatex(table, Caption(e))));
            }
            try
            {
                Add("svg", utf8.GetBytes(StudyPlotRenderer.RenderSvg(plot)));
                Add("png", StudyPlotRenderer.RenderPng(plot));
            }
            catch (InvalidOperationException)
            {
                // ScottPlot cannot scale extreme data (see PlotRenderer); the tables above still carry the numbers.
            }
        }
        return files;
    }

    /// <summary>
    /// Writes the files of every study into &lt;reportDirectory&gt;/studies (through <see cref="ReportWriter"/>, atomically);
    /// returns the full paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(VerificationSummary summary, string reportDirectory) =>
        ReportWriter.WriteAll(summary, reportDirectory, [ReportExporters.Studies]).Written;

    /// <summary>"case / check: scheme, verdict" caption of a study.</summary>
    public static string Caption(StudyEntry e) =>
        $"{e.Case.CaseId} / {e.Check.CheckId}: {e.Check.Study?.Scheme ?? e.Case.Scheme}, {e.Check.Verdict}";

    /// <summary>
    /// CSV, one row per refinement level (coarse → fine), header
    /// <c>dt,error,pairwise_order,gci_fine,wall_seconds,value,kept</c> for a time study and
    /// <c>h,M,error,pairwise_rate,gci_fine,wall_seconds,value,kept</c> for a grid study (M per axis, "x"-joined for
    /// d &gt; 1). Numbers in invariant round-trip form ("R"), unavailable values empty, "\n" line ends.
    /// </summary>
    public static string ToCsv(StudyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var grid = table.Kind == StudyKind.Grid;
        var sb = new StringBuilder();
        sb.Append(grid ? "h,M,error,pairwise_rate,gci_fine,wall_seconds,value,kept\n" : "dt,error,pairwise_order,gci_fine,wall_seconds,value,kept\n");
        foreach (var r in table.Rows)
        {
            sb.Append(R(r.Step)).Append(',');
            if (grid) sb.Append(r.GridPoints is null ? "" : string.Join("x", r.GridPoints.Select(m => m.ToString(CultureInfo.InvariantCulture)))).Append(',');
            sb.Append(R(r.Error)).Append(',')
              .Append(R(r.PairwiseRate)).Append(',')
              .Append(R(r.GciFine)).Append(',')
              .Append(R(r.WallSeconds)).Append(',')
              .Append(R(r.Value)).Append(',')
              .Append(r.Kept ? "true" : "false").Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// A LaTeX booktabs tabular (needs \usepackage{booktabs}): time studies Δt, error, p, GCI; grid studies M, h, error,
    /// local rate, GCI. Steps and errors as m × 10^k (4 significant digits), orders with 3 decimals, GCI in percent,
    /// "--" where unavailable, rows outside the fitted range marked with a dagger; a last row gives the fitted p or α
    /// ± its standard error and the window. The caption is emitted as a comment line.
    /// </summary>
    public static string ToLatex(StudyTable table, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var grid = table.Kind == StudyKind.Grid;
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(caption)) sb.Append("% ").Append(caption.Replace('\n', ' ')).Append('\n');
        sb.Append("% reference: ").Append(table.Reference.Replace('\n', ' ')).Append('\n');
        sb.Append("% error: ").Append(table.Quantity.Replace('\n', ' ')).Append('\n');
        sb.Append(grid ? "\\begin{tabular}{rrrrr}\n" : "\\begin{tabular}{rrrr}\n");
        sb.Append("\\toprule\n");
        sb.Append(grid ? "$M$ & $h$ & error & $\\alpha_i$ & GCI \\\\\n" : "$\\Delta t$ & error & $p$ & GCI \\\\\n");
        sb.Append("\\midrule\n");
        foreach (var r in table.Rows)
        {
            var mark = r.Kept ? "" : "$^\\dagger$";
            if (grid)
                sb.Append(GridCell(r.GridPoints)).Append(" & ");
            sb.Append(Sci(r.Step)).Append(grid ? " & " : mark + " & ")
              .Append(Sci(r.Error)).Append(grid ? mark + " & " : " & ")
              .Append(r.PairwiseRate is { } p && double.IsFinite(p) ? p.ToString("F3", CultureInfo.InvariantCulture) : "--").Append(" & ")
              .Append(r.GciFine is { } g && double.IsFinite(g) ? Sci(100 * g) + "\\%" : "--")
              .Append(" \\\\\n");
        }
        sb.Append("\\midrule\n");
        var columns = grid ? 5 : 4;
        var rate = double.IsFinite(table.Rate) ? table.Rate.ToString("F3", CultureInfo.InvariantCulture) : "--";
        var sigma = double.IsFinite(table.RateStandardError) ? " \\pm " + Sci(table.RateStandardError).Trim('$') : "";
        var expected = grid
            ? "\\ge " + table.ExpectedLow.ToString("G4", CultureInfo.InvariantCulture)
            : "\\in [" + table.ExpectedLow.ToString("G4", CultureInfo.InvariantCulture) + ", " + table.ExpectedHigh.ToString("G4", CultureInfo.InvariantCulture) + "]";
        sb.Append("\\multicolumn{").Append(columns.ToString(CultureInfo.InvariantCulture)).Append("}{l}{fitted $")
          .Append(grid ? "\\alpha" : "p").Append(" = ").Append(rate).Append(sigma).Append("$, expected $")
          .Append(grid ? "\\alpha" : "p").Append(' ').Append(expected).Append("$} \\\\\n");
        sb.Append("\\bottomrule\n");
        sb.Append("\\end{tabular}\n");
        sb.Append("% $^\\dagger$: outside the fitted range (pre-asymptotic or at the round-off floor)\n");
        return sb.ToString();
    }

    /// <summary>"$M$" for d = 1, "$M^d$" when every axis has M points, "$M_1\times M_2$" otherwise.</summary>
    private static string GridCell(IReadOnlyList<int>? m)
    {
        if (m is not { Count: > 0 }) return "--";
        var first = m[0].ToString(CultureInfo.InvariantCulture);
        if (m.Count == 1) return "$" + first + "$";
        if (m.All(x => x == m[0])) return "$" + first + "^" + m.Count.ToString(CultureInfo.InvariantCulture) + "$";
        return "$" + string.Join("\\times", m.Select(x => x.ToString(CultureInfo.InvariantCulture))) + "$";
    }

    private static string R(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>$m\times10^{k}$ with 4 significant digits; "--" for non-finite; "$0$" for 0.</summary>
    internal static string Sci(double x)
    {
        if (!double.IsFinite(x)) return "--";
        if (x == 0) return "$0$";
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(x)));
        var mantissa = x / Math.Pow(10, exponent);
        var m = mantissa.ToString("F3", CultureInfo.InvariantCulture);
        if (m is "10.000" or "-10.000")
        {
            exponent++;
            m = (mantissa / 10).ToString("F3", CultureInfo.InvariantCulture);
        }
        return exponent == 0 ? $"${m}$" : $"${m}\\times10^{{{exponent.ToString(CultureInfo.InvariantCulture)}}}$";
    }

    /// <summary>Letters, digits, '-', '_', '.' kept; anything else becomes '-'.</summary>
    internal static string FileSafe(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name) sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '-');
        return sb.Length == 0 ? "study" : sb.ToString();
    }
}
