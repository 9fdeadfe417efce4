using System.Globalization;
using ConvergenceSuite.Harness.Summary;
using ScottPlot;

namespace ConvergenceSuite.Reports.Plots;

/// <summary>
/// Draws a <see cref="PlotSpec"/> or <see cref="HeatmapSpec"/> to PNG with ScottPlot 5.
/// It transforms nothing but what drawing needs (log10 for a log axis) and drops, rather than
/// crashes on, points it cannot draw: NaN/±∞ anywhere, and x ≤ 0 (y ≤ 0) on a log x (y) axis.
/// Dropped points are counted in the legend entry, e.g. "error (3 points not drawn)".
/// </summary>
/// <remarks>
/// ScottPlot 5 has no logarithmic axis; the documented approach (cookbook "Log Scale Tick Marks") is
/// to plot log10 of the data and give the axis a tick generator whose labels show 10ᵏ and whose minor
/// ticks are log-distributed; <see cref="LogTickGenerator"/> does that for the visible range. Rendering runs under the invariant culture so tick labels never use a
/// decimal comma, which also makes the PNG bytes independent of the current culture.
/// </remarks>
public static class PlotRenderer
{
    /// <summary>Default PNG width in pixels; 640×400 keeps a report with ~100 plots at a few MB.</summary>
    public const int DefaultWidth = 640;

    /// <summary>Default PNG height in pixels.</summary>
    public const int DefaultHeight = 400;

    /// <summary>The font every text element uses. Without an installed font Skia draws no text at all.</summary>
    public const string FontFamily = "DejaVu Sans";

    /// <summary>Marker size (pixels) of measured series; reference series draw no markers.</summary>
    private const float MarkerSize = 5f;

    private const float LineWidth = 1.5f;

    /// <summary>The family name Skia actually resolves for <see cref="FontFamily"/> (differs when the font is missing).</summary>
    public static string ResolvedFontFamily()
    {
        using var typeface = SkiaSharp.SKTypeface.FromFamilyName(FontFamily);
        return typeface?.FamilyName ?? string.Empty;
    }

    /// <summary>True when <see cref="FontFamily"/> is installed, i.e. plots will carry text.</summary>
    public static bool FontAvailable => string.Equals(ResolvedFontFamily(), FontFamily, StringComparison.OrdinalIgnoreCase);

    /// <summary>Renders a line/scatter plot to PNG bytes.</summary>
    public static byte[] RenderPng(PlotSpec spec, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var _ = new InvariantCultureScope();
        var plot = new Plot();
        try
        {
            Configure(plot, spec.Title, spec.XLabel, spec.YLabel);
            var palette = new ScottPlot.Palettes.Category10();
            var drawn = 0;
            for (var i = 0; i < spec.Series.Count; i++)
            {
                var s = spec.Series[i];
                var (xs, ys, dropped) = DrawablePoints(s, spec.LogX, spec.LogY);
                var color = palette.GetColor(i);
                var legend = dropped == 0
                    ? s.Name
                    : string.Create(CultureInfo.InvariantCulture, $"{s.Name} ({dropped} point{(dropped == 1 ? "" : "s")} not drawn)");
                if (xs.Length == 0)
                {
                    // Keep the series visible in the legend even though nothing of it can be drawn.
                    var item = new LegendItem { LabelText = legend, LineColor = color, LineWidth = LineWidth };
                    if (s.IsReference)
                    {
                        item.LinePattern = LinePattern.Dashed;
                    }
                    plot.Legend.ManualItems.Add(item);
                    continue;
                }
                drawn += xs.Length;
                var sc = plot.Add.Scatter(xs, ys, color);
                sc.LegendText = legend;
                sc.LineWidth = LineWidth;
                if (s.IsReference)
                {
                    sc.LinePattern = LinePattern.Dashed;
                    sc.MarkerSize = 0;
                }
                else
                {
                    sc.MarkerSize = MarkerSize;
                }
            }
            if (spec.LogX)
            {
                plot.Axes.Bottom.TickGenerator = new LogTickGenerator();
            }
            if (spec.LogY)
            {
                plot.Axes.Left.TickGenerator = new LogTickGenerator();
            }
            if (spec.LogX || spec.LogY)
            {
                plot.Grid.MinorLineWidth = 1;
                plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
            }
            if (drawn == 0)
            {
                var note = plot.Add.Annotation("no drawable points (NaN, or ≤ 0 on a log axis)", Alignment.MiddleCenter);
                note.LabelFontName = FontFamily;
                plot.Axes.SetLimits(0, 1, 0, 1);
            }
            if (spec.Series.Count > 0)
            {
                // Outside the data area, so it never hides a curve.
                plot.ShowLegend(Edge.Right);
                plot.Legend.SetBestFontOnEachRender = false;
                plot.Legend.FontName = FontFamily;
            }
            return plot.GetImageBytes(width, height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    /// <summary>
    /// Renders a heatmap with a colour bar. Row r of <see cref="HeatmapSpec.Values"/> (row-major) is drawn
    /// at y from YMin + r·Δy to YMin + (r+1)·Δy, Δy = (YMax − YMin)/Rows — row 0 at the bottom; column c
    /// likewise from XMin. Non-finite cells are left blank. A spec whose value count is not Rows·Columns
    /// renders as a note instead of throwing.
    /// </summary>
    public static byte[] RenderPng(HeatmapSpec spec, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var _ = new InvariantCultureScope();
        var plot = new Plot();
        try
        {
            Configure(plot, spec.Title, spec.XLabel, spec.YLabel);
            string? problem = null;
            if (spec.Rows <= 0 || spec.Columns <= 0 || (long)spec.Rows * spec.Columns != spec.Values.Count)
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"invalid heatmap: {spec.Values.Count} values for {spec.Rows} × {spec.Columns}");
            }
            else if (!(double.IsFinite(spec.XMin) && double.IsFinite(spec.XMax) && double.IsFinite(spec.YMin)
                         && double.IsFinite(spec.YMax) && spec.XMax > spec.XMin && spec.YMax > spec.YMin))
            {
                problem = "invalid heatmap extent";
            }
            var range = new DataRange();
            if (problem is null)
            {
                // ScottPlot's Intensities[0, *] is the top row; the spec's row 0 is the bottom (y = YMin).
                var z = new double[spec.Rows, spec.Columns];
                for (var r = 0; r < spec.Rows; r++)
                {
                    for (var c = 0; c < spec.Columns; c++)
                    {
                        var v = spec.Values[r * spec.Columns + c];
                        var finite = double.IsFinite(v);
                        z[spec.Rows - 1 - r, c] = finite ? v : double.NaN;
                        if (finite)
                        {
                            range.Add(v);
                        }
                    }
                }
                if (range.IsEmpty)
                {
                    problem = "heatmap has no finite values";
                }
                else
                {
                    var hm = plot.Add.Heatmap(z);
                    hm.Extent = new CoordinateRect(spec.XMin, spec.XMax, spec.YMin, spec.YMax);
                    hm.Colormap = new ScottPlot.Colormaps.Viridis();
                    hm.NaNCellColor = Colors.Transparent;
                    var max = range.Max > range.Min ? range.Max : range.Min + 1;
                    hm.ManualRange = new ScottPlot.Range(range.Min, max);
                    var bar = plot.Add.ColorBar(hm);
                    bar.Axis.TickLabelStyle.FontName = FontFamily;
                    plot.Axes.SetLimits(spec.XMin, spec.XMax, spec.YMin, spec.YMax);
                }
            }
            if (problem is not null)
            {
                var note = plot.Add.Annotation(problem, Alignment.MiddleCenter);
                note.LabelFontName = FontFamily;
            }
            return plot.GetImageBytes(width, height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void Configure(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Font.Set(FontFamily);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Title.Label.FontName = FontFamily;
        plot.Axes.Bottom.Label.FontName = FontFamily;
        plot.Axes.Left.Label.FontName = FontFamily;
    }

    /// <summary>Keeps the points that can be drawn; log10 of the coordinates on a log axis.</summary>
    private static (double[] Xs, double[] Ys, int Dropped) DrawablePoints(Series s, bool logX, bool logY)
    {
        var n = Math.Min(s.X.Count, s.Y.Count);
        var xs = new List<double>(n);
        var ys = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var x = s.X[i];
            var y = s.Y[i];
            if (!double.IsFinite(x) || !double.IsFinite(y) || (logX && x <= 0) || (logY && y <= 0))
            {
                continue;
            }
            xs.Add(logX ? Math.Log10(x) : x);
            ys.Add(logY ? Math.Log10(y) : y);
        }
        var dropped = Math.Max(s.X.Count, s.Y.Count) - xs.Count;
        return (xs.ToArray(), ys.ToArray(), dropped);
    }

    /// <summary>Running min/max of finite values.</summary>
    private sealed class DataRange
    {
        public double Min { get; private set; } = double.PositiveInfinity;
        public double Max { get; private set; } = double.NegativeInfinity;
        public bool IsEmpty => Min > Max;

        public void Add(double v)
        {
            Min = Math.Min(Min, v);
            Max = Math.Max(Max, v);
        }

        public void Add(IEnumerable<double> values)
        {
            foreach (var v in values)
            {
                Add(v);
            }
        }
    }

    /// <summary>Sets the current thread's culture to invariant and restores it on dispose.</summary>
    private sealed class InvariantCultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public InvariantCultureScope()
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
