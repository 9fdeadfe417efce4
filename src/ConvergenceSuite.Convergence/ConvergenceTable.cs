using System.Globalization;
using System.Text;

namespace ConvergenceSuite.Convergence;

/// <summary>One row of a study table. Null means "not available" (printed empty in CSV, "--" in LaTeX).</summary>
/// <param name="Step">h (or dt) of the row.</param>
/// <param name="Error">Error of the row against the reference.</param>
/// <param name="PairwiseOrder">Order from the next coarser row to this one (null on the coarsest row).</param>
/// <param name="GciFine">GCI_fine²¹ (fraction) with this row as the fine grid of a triple (null where no triple).</param>
public sealed record ConvergenceTableRow(double Step, double? Error, double? PairwiseOrder, double? GciFine);

/// <summary>
/// A study table: h, error, pairwise order and GCI where available, rows coarse → fine. Exported as CSV
/// (round-trip numbers) or a LaTeX booktabs tabular; always invariant culture.
/// </summary>
public sealed record ConvergenceTable(IReadOnlyList<ConvergenceTableRow> Rows)
{
    /// <summary>
    /// Table for an error ladder (h strictly decreasing). With <paramref name="values"/> (the measured
    /// quantity on each grid) the GCI_fine²¹ of each consecutive triple is added on its finest row when it is
    /// defined (oscillatory triples included, with their |…| numbers; undefined ones stay empty).
    /// </summary>
    public static ConvergenceTable FromLadder(IReadOnlyList<double> h, IReadOnlyList<double> errors, IReadOnlyList<double>? values = null)
    {
        double[] orders = ObservedOrder.Pairwise(h, errors);
        if (values is not null && values.Count != h.Count)
            throw new ArgumentException($"values has {values.Count} entries but h has {h.Count}.");
        var rows = new List<ConvergenceTableRow>(h.Count);
        for (int i = 0; i < h.Count; i++)
        {
            double? p = i == 0 ? null : orders[i - 1];
            double? gci = null;
            if (values is not null && i >= 2)
            {
                GciResult g = GridConvergenceIndex.Compute(h[i], h[i - 1], h[i - 2], values[i], values[i - 1], values[i - 2]);
                if (g.IsDefined && double.IsFinite(g.GciFine21))
                    gci = g.GciFine21;
            }
            rows.Add(new ConvergenceTableRow(h[i], errors[i], p, gci));
        }
        return new ConvergenceTable(rows);
    }

    /// <summary>Table of an order study.</summary>
    public static ConvergenceTable FromStudy(OrderStudyResult study, IReadOnlyList<double>? values = null) =>
        FromLadder(study.Steps, study.Errors, values);

    /// <summary>
    /// CSV with header <c>h,error,pairwise_order,gci_fine</c>; numbers in invariant round-trip format
    /// ("R"), missing values as empty fields, NaN as <c>NaN</c>, lines ended by "\n".
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append("h,error,pairwise_order,gci_fine\n");
        foreach (ConvergenceTableRow r in Rows)
        {
            sb.Append(Csv(r.Step)).Append(',')
              .Append(Csv(r.Error)).Append(',')
              .Append(Csv(r.PairwiseOrder)).Append(',')
              .Append(Csv(r.GciFine)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// LaTeX booktabs tabular (needs \usepackage{booktabs}): columns h, error, p, GCI; h and error as
    /// m × 10^k with 4 significant digits, p with 3 decimals, GCI in percent with 2 decimals, "--" for
    /// missing values. A caption, if given, is emitted as a comment line for the including document.
    /// </summary>
    public string ToLatex(string? caption = null)
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(caption))
            sb.Append("% ").Append(caption.Replace('\n', ' ')).Append('\n');
        sb.Append("\\begin{tabular}{rrrr}\n");
        sb.Append("\\toprule\n");
        sb.Append("$h$ & error & $p$ & GCI \\\\\n");
        sb.Append("\\midrule\n");
        foreach (ConvergenceTableRow r in Rows)
        {
            sb.Append(Sci(r.Step)).Append(" & ")
              .Append(Sci(r.Error)).Append(" & ")
              .Append(r.PairwiseOrder is { } p && double.IsFinite(p) ? p.ToString("F3", CultureInfo.InvariantCulture) : "--").Append(" & ")
              .Append(r.GciFine is { } g && double.IsFinite(g) ? (100 * g).ToString("F2", CultureInfo.InvariantCulture) + "\\%" : "--")
              .Append(" \\\\\n");
        }
        sb.Append("\\bottomrule\n");
        sb.Append("\\end{tabular}\n");
        return sb.ToString();
    }

    private static string Csv(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>$m\times10^{k}$ with 4 significant digits, "--" for missing or non-finite, 0 as "$0$".</summary>
    private static string Sci(double? v)
    {
        if (v is not { } x || !double.IsFinite(x))
            return "--";
        if (x == 0)
            return "$0$";
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(x)));
        double mantissa = x / Math.Pow(10, exponent);
        string m = mantissa.ToString("F3", CultureInfo.InvariantCulture);
        if (m is "10.000" or "-10.000")
        {
            exponent++;
            m = (mantissa / 10).ToString("F3", CultureInfo.InvariantCulture);
        }
        return exponent == 0 ? $"${m}$" : $"${m}\\times10^{{{exponent.ToString(CultureInfo.InvariantCulture)}}}$";
    }
}
