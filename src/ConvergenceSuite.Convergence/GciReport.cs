using System.Globalization;
using System.Text;

namespace ConvergenceSuite.Convergence;

/// <summary>One parsed input line: the first column (cell count or h), the value, and where it came from.</summary>
public sealed record GciInputLine(int LineNumber, double FirstColumn, double Value);

/// <summary>One grid of a GCI analysis, fine → coarse order; Index 1 is the finest.</summary>
public sealed record GciGrid(int Index, int LineNumber, double? CellCount, double H, double Value);

/// <summary>A parsed and analysed GCI input: the grids (finest first) and the result for each consecutive triple.</summary>
public sealed record GciAnalysis(int Dimension, bool CellCounts, IReadOnlyList<GciGrid> Grids, IReadOnlyList<GciResult> Triples);

/// <summary>
/// "Other people's numbers": parses lines "h_or_cellcount value" and runs the GCI procedure of Celik et al.,
/// J. Fluids Eng. 130 (2008) 078001 on them, with an invariant-culture text report.
/// </summary>
/// <remarks>
/// Input: one grid per line, two numbers separated by whitespace and/or a comma, invariant culture ('.'
/// decimal point); '#' starts a comment; blank lines are skipped; grids may come in any order. With
/// cell counts, h = (1/N)^{1/d} (relative to the domain size; the GCI uses only ratios of h). At least three
/// grids; with more, every consecutive triple (finest first) is analysed.
/// </remarks>
public static class GciReport
{
    /// <summary>Parses, analyses and formats; the text a CLI verb prints.</summary>
    /// <exception cref="FormatException">Malformed input; the message names the line.</exception>
    public static string Run(TextReader input, int dimension, bool cellCounts) =>
        Format(Analyse(input, dimension, cellCounts));

    /// <summary>Parses and analyses.</summary>
    /// <exception cref="FormatException">Malformed input; the message names the line.</exception>
    public static GciAnalysis Analyse(TextReader input, int dimension, bool cellCounts)
    {
        if (dimension is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Dimension must be 1, 2 or 3.");
        IReadOnlyList<GciInputLine> lines = Parse(input, cellCounts);
        if (lines.Count < 3)
            throw new FormatException($"The GCI needs at least 3 grids; the input has {lines.Count} data line(s).");

        var grids = lines
            .Select(l => (Line: l, H: cellCounts ? GridConvergenceIndex.RepresentativeCellSize(l.FirstColumn, dimension) : l.FirstColumn))
            .OrderBy(x => x.H)
            .Select((x, i) => new GciGrid(i + 1, x.Line.LineNumber, cellCounts ? x.Line.FirstColumn : null, x.H, x.Line.Value))
            .ToList();
        for (int i = 1; i < grids.Count; i++)
        {
            if (grids[i].H == grids[i - 1].H)
                throw new FormatException($"line {grids[i].LineNumber}: same {(cellCounts ? "cell count" : "h")} as line {grids[i - 1].LineNumber}; every grid must differ.");
        }

        var triples = new List<GciResult>();
        for (int i = 0; i + 2 < grids.Count; i++)
            triples.Add(GridConvergenceIndex.Compute(grids[i].H, grids[i + 1].H, grids[i + 2].H, grids[i].Value, grids[i + 1].Value, grids[i + 2].Value));
        return new GciAnalysis(dimension, cellCounts, grids, triples);
    }

    /// <summary>Parses the data lines.</summary>
    /// <exception cref="FormatException">A line is not two numbers, or a number is out of range; the message names the line.</exception>
    public static IReadOnlyList<GciInputLine> Parse(TextReader input, bool cellCounts)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = new List<GciInputLine>();
        int lineNumber = 0;
        while (input.ReadLine() is { } raw)
        {
            lineNumber++;
            string text = raw;
            int hash = text.IndexOf('#');
            if (hash >= 0)
                text = text[..hash];
            string[] tokens = text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
                continue;
            if (tokens.Length != 2)
                throw new FormatException($"line {lineNumber}: expected 2 numbers \"{(cellCounts ? "cells" : "h")} value\", found {tokens.Length} field(s) in \"{raw.Trim()}\".");
            double first = ParseNumber(tokens[0], lineNumber, cellCounts ? "cell count" : "h", raw);
            double value = ParseNumber(tokens[1], lineNumber, "value", raw);
            if (cellCounts)
            {
                if (!(first >= 1) || first != Math.Floor(first))
                    throw new FormatException($"line {lineNumber}: cell count \"{tokens[0]}\" is not a positive whole number.");
            }
            else if (!(first > 0))
            {
                throw new FormatException($"line {lineNumber}: h \"{tokens[0]}\" must be positive.");
            }
            result.Add(new GciInputLine(lineNumber, first, value));
        }
        return result;
    }

    /// <summary>The invariant-culture text report.</summary>
    public static string Format(GciAnalysis analysis)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.Append("# Grid Convergence Index, Celik et al., J. Fluids Eng. 130 (2008) 078001\n");
        sb.Append(c, $"# {analysis.Grids.Count} grids, d = {analysis.Dimension}, ");
        sb.Append(analysis.CellCounts
            ? "first column = cell count N, h = (1/N)^(1/d) relative to the domain size\n"
            : "first column = representative cell size h\n");
        sb.Append(c, $"{"grid",-5} {"line",-5} {"N",-12} {"h",-14} {"phi",-14}\n");
        foreach (GciGrid g in analysis.Grids)
        {
            string n = g.CellCount is { } cells ? cells.ToString("R", c) : "-";
            sb.Append(c, $"{g.Index,-5} {g.LineNumber,-5} {n,-12} {g.H.ToString("G7", c),-14} {g.Value.ToString("R", c),-14}\n");
        }

        for (int t = 0; t < analysis.Triples.Count; t++)
        {
            GciResult r = analysis.Triples[t];
            sb.Append('\n');
            sb.Append(c, $"triple {t + 1}-{t + 2}-{t + 3} (grid {t + 1} finest)\n");
            Row(sb, "r21", G(r.R21, "G6"));
            Row(sb, "r32", G(r.R32, "G6"));
            Row(sb, "epsilon21 = phi2 - phi1", G(r.Epsilon21, "G6"));
            Row(sb, "epsilon32 = phi3 - phi2", G(r.Epsilon32, "G6"));
            Row(sb, "convergence", r.Convergence.ToString().ToLowerInvariant());
            Row(sb, "apparent order p", r.IsDefined ? $"{G(r.ApparentOrder, "F4")} ({r.Iterations.ToString(c)} fixed-point iterations)" : "undefined");
            Row(sb, "phi_ext21", G(r.PhiExt21, "G8"));
            Row(sb, "phi_ext32", G(r.PhiExt32, "G8"));
            Row(sb, "e_a21", Percent(r.RelativeError21));
            Row(sb, "e_ext21", Percent(r.ExtrapolatedRelativeError21));
            Row(sb, "GCI_fine21", Percent(r.GciFine21));
            Row(sb, "e_a32", Percent(r.RelativeError32));
            Row(sb, "GCI32", Percent(r.GciFine32));
            Row(sb, "GCI32/(r21^p GCI21)", double.IsFinite(r.AsymptoticRatio)
                ? $"{G(r.AsymptoticRatio, "F4")} (close to 1: asymptotic range)"
                : "undefined");
            foreach (string note in r.Notes)
                sb.Append("  note: ").Append(note).Append('\n');
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, string value) =>
        sb.Append("  ").Append(name.PadRight(26)).Append(value).Append('\n');

    private static string G(double x, string format) =>
        double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "undefined";

    private static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("F4", CultureInfo.InvariantCulture) + " %" : "undefined";

    private static double ParseNumber(string token, int lineNumber, string what, string raw)
    {
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
            throw new FormatException($"line {lineNumber}: {what} \"{token}\" is not a finite number (invariant culture, '.' as decimal point) in \"{raw.Trim()}\".");
        return x;
    }
}
