using System.Globalization;
using System.Text.RegularExpressions;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Plots;
using ScottPlot;

namespace ConvergenceSuite.Reports.Studies;

/// <summary>
/// Draws a study plot (a <see cref="PlotSpec"/>) as PNG or SVG with ScottPlot 5, for the files written next to a
/// report. Like <see cref="PlotRenderer"/> it plots log10 of the data on log axes with <see cref="LogTickGenerator"/>,
/// drops points it cannot draw (NaN, ±∞, ≤ 0 on a log axis), draws reference series dashed without markers, uses
/// "DejaVu Sans" for every text element and renders under the invariant culture (no decimal commas in tick labels).
/// SVG comes from <c>Plot.GetSvgXml(width, height)</c> (ScottPlot 5's Skia SVG canvas).
/// </summary>
public static partial class StudyPlotRenderer
{
    /// <summary>Width of the written figures in pixels (SVG user units).</summary>
    public const int Width = 640;

    /// <summary>Height of the written figures.</summary>
    public const int Height = 420;

    private const float MarkerSize = 6f;
    private const float LineWidth = 1.5f;

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] RenderPng(PlotSpec spec, int width = Width, int height = Height) =>
        Render(spec, plot => plot.GetImageBytes(width, height, ImageFormat.Png));

    /// <summary>The plot as an SVG document (UTF-8 text).</summary>
    /// <remarks>Skia numbers clip paths with a process-wide counter ("cl_13", hexadecimal); they are renumbered from 1 in order of
    /// appearance so that the same plot always gives the same bytes.</remarks>
    public static string RenderSvg(PlotSpec spec, int width = Width, int height = Height) =>
        RenumberClipIds(Render(spec, plot => plot.GetSvgXml(width, height)));

    private static string RenumberClipIds(string svg)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!map.TryGetValue(m.Value, out var id))
                map[m.Value] = id = "cl_" + (map.Count + 1).ToString(CultureInfo.InvariantCulture);
            return id;
        });
    }

    [GeneratedRegex(@"\bcl_[0-9a-fA-F]+\b")]
    private static partial Regex ClipId();

    private static T Render<T>(PlotSpec spec, Func<Plot, T> output)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        using var plot = new Plot();
        try
        {
            plot.Font.Set(PlotRenderer.FontFamily);
            plot.Title(spec.Title);
            plot.XLabel(spec.XLabel);
            plot.YLabel(spec.YLabel);
            plot.Axes.Title.Label.FontName = PlotRenderer.FontFamily;
            plot.Axes.Bottom.Label.FontName = PlotRenderer.FontFamily;
            plot.Axes.Left.Label.FontName = PlotRenderer.FontFamily;
            var palette = new ScottPlot.Palettes.Category10();
            var drawn = 0;
            for (var i = 0; i < spec.Series.Count; i++)
            {
                var s = spec.Series[i];
                var xs = new List<double>();
                var ys = new List<double>();
                for (var k = 0; k < Math.Min(s.X.Count, s.Y.Count); k++)
                {
                    double x = s.X[k], y = s.Y[k];
                    if (!double.IsFinite(x) || !double.IsFinite(y) || (spec.LogX && x <= 0) || (spec.LogY && y <= 0)) continue;
                    xs.Add(spec.LogX ? Math.Log10(x) : x);
                    ys.Add(spec.LogY ? Math.Log10(y) : y);
                }
                if (xs.Count == 0) continue;
                drawn += xs.Count;
                var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), palette.GetColor(i));
                scatter.LegendText = s.Name;
                scatter.LineWidth = LineWidth;
                if (s.IsReference)
                {
                    scatter.LinePattern = LinePattern.Dashed;
                    scatter.MarkerSize = 0;
                }
                else
                {
                    scatter.MarkerSize = MarkerSize;
                }
            }
            if (spec.LogX) plot.Axes.Bottom.TickGenerator = new LogTickGenerator();
            if (spec.LogY) plot.Axes.Left.TickGenerator = new LogTickGenerator();
            if (drawn == 0)
            {
                var note = plot.Add.Annotation("no drawable points (NaN, or ≤ 0 on a log axis)", Alignment.MiddleCenter);
                note.LabelFontName = PlotRenderer.FontFamily;
                plot.Axes.SetLimits(0, 1, 0, 1);
            }
            if (spec.Series.Count > 0)
            {
                plot.ShowLegend(Edge.Right);
                plot.Legend.SetBestFontOnEachRender = false;
                plot.Legend.FontName = PlotRenderer.FontFamily;
            }
            return output(plot);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
