using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Formatting;
using ConvergenceSuite.Reports.Plots;
using NUnit.Framework;
using Shouldly;
using SkiaSharp;

namespace ConvergenceSuite.Tests.Reports;

[TestFixture]
public class PlotRendererTests
{
    /// <summary>
    /// A one-line title in a 12–14 px font covers several hundred pixels; 100 differing pixels is far above
    /// rendering noise (which is zero: rendering is deterministic) and far below what swapping a title's words changes.
    /// </summary>
    private const int MinPixelsDrawnByTitle = 100;

    /// <summary>
    /// Budget per embedded plot: ~100 plots must keep index.html at a few MB, so one PNG (before the
    /// 4/3 base64 growth) may take at most 60 KB even for dense data.
    /// </summary>
    private const int MaxPngBytesPerPlot = 60_000;

    /// <summary>
    /// Heatmaps are a handful per report (phase-space snapshots), and a smooth 256×256 field at 640×400
    /// measured ≈98 KB; 150 KB per heatmap keeps ten of them under 2 MB.
    /// </summary>
    private const int MaxPngBytesPerHeatmap = 150_000;

    /// <summary>What to install when a font test fails: the plots need the DejaVu Sans font (an optional system
    /// component; run-verification.sh and .ci/run install it when run as root).</summary>
    internal const string NeedsFont = "this test needs the DejaVu Sans font: apt-get install fonts-dejavu-core fontconfig";

    private const int W = 320;
    private const int H = 200;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Test]
    public void FontFamily_ResolvesToDejaVuSans()
    {
        PlotRenderer.ResolvedFontFamily().ShouldBe("DejaVu Sans", NeedsFont);
        PlotRenderer.FontAvailable.ShouldBeTrue(NeedsFont);
    }

    [Test]
    public void Title_DrawsTextPixels()
    {
        // Two titles of equal length leave the layout unchanged, so the pixels can differ only if glyphs are
        // actually drawn (with no usable font Skia draws nothing and both images would be identical).
        PlotSpec Spec(string title) => new(title, "x", "y", [new Series("s", [1.0, 2, 3], [1.0, 4, 9])]);
        using var one = Decode(PlotRenderer.RenderPng(Spec("Title number one"), W, H));
        using var two = Decode(PlotRenderer.RenderPng(Spec("Other words here"), W, H));
        CountDifferentPixels(one, two).ShouldBeGreaterThan(MinPixelsDrawnByTitle, NeedsFont);
    }

    [Test]
    public void ExtremeFiniteValues_ScottPlotCannotScale_FigureShowsErrorInsteadOfThrowing()
    {
        // ScottPlot's autoscaler overflows on ±1e308 (measured: InvalidOperationException); the report must survive.
        var spec = new PlotSpec("extreme", "x", "y", [new Series("s", [-1e308, 0, 1e308], [1e308, -1e308, 5e-324])]);
        var html = ConvergenceSuite.Reports.Html.HtmlReport.PlotFigure(spec);
        html.ShouldStartWith("<p class=\"plot-error\">Plot “extreme” could not be drawn: InvalidOperationException");
    }

    [Test]
    public void Render_IsDeterministic()
    {
        var spec = SampleSummaries.Mixed().Cases[0].Checks[1].Plots[0];
        PlotRenderer.RenderPng(spec, W, H).ShouldBe(PlotRenderer.RenderPng(spec, W, H));
    }

    [Test]
    public void LogAxes_OnlyNaNAndNonPositiveValues_RenderWithoutThrowing()
    {
        var spec = new PlotSpec("bad data", "h", "error",
        [
            new Series("nan", [double.NaN, 1, 2], [1.0, double.NaN, double.PositiveInfinity]),
            new Series("negative", [-1.0, 0, 1], [1.0, 2, -3]),
            new Series("zero y", [1.0, 2], [0.0, 0.0], IsReference: true),
            new Series("empty", [], []),
        ], LogX: true, LogY: true);
        var png = PlotRenderer.RenderPng(spec, W, H);
        png.Take(8).ShouldBe(PngSignature);
        using var bmp = Decode(png);
        bmp.Width.ShouldBe(W);
        bmp.Height.ShouldBe(H);
    }

    [Test]
    public void LogAxis_SomeNonPositiveValues_DrawsTheRest()
    {
        var spec = new PlotSpec("partly bad", "h", "error",
            [new Series("e", [0.1, 0.01, 0.001, 0.0001], [1e-2, -1, 1e-6, double.NaN])], LogX: true, LogY: true);
        PlotRenderer.RenderPng(spec, W, H).Take(8).ShouldBe(PngSignature);
    }

    [Test]
    public void LogAxis_LessThanOneDecade_RendersWithoutThrowing()
    {
        var spec = new PlotSpec("narrow", "x", "y", [new Series("e", [1.0, 2, 3], [1.0, 1.5, 2])], LogY: true);
        PlotRenderer.RenderPng(spec, W, H).Take(8).ShouldBe(PngSignature);
    }

    [Test]
    public void MismatchedSeriesLengths_AndNoSeries_RenderWithoutThrowing()
    {
        PlotRenderer.RenderPng(new PlotSpec("m", "x", "y", [new Series("s", [1.0, 2, 3], [1.0])]), W, H).Take(8).ShouldBe(PngSignature);
        PlotRenderer.RenderPng(new PlotSpec("none", "x", "y", []), W, H).Take(8).ShouldBe(PngSignature);
    }

    [Test]
    public void Heatmap_InvalidShapeOrAllNaN_RendersNoteWithoutThrowing()
    {
        PlotRenderer.RenderPng(new HeatmapSpec("bad", 3, 3, [1.0, 2], 0, 1, 0, 1, "x", "y"), W, H).Take(8).ShouldBe(PngSignature);
        PlotRenderer.RenderPng(new HeatmapSpec("nan", 1, 2, [double.NaN, double.NaN], 0, 1, 0, 1, "x", "y"), W, H).Take(8).ShouldBe(PngSignature);
        PlotRenderer.RenderPng(new HeatmapSpec("extent", 1, 1, [1.0], 1, 0, 0, 1, "x", "y"), W, H).Take(8).ShouldBe(PngSignature);
        PlotRenderer.RenderPng(new HeatmapSpec("flat", 1, 2, [3.0, 3.0], 0, 1, 0, 1, "x", "y"), W, H).Take(8).ShouldBe(PngSignature);
    }

    [Test]
    public void Heatmap_RowZeroIsDrawnAtTheBottom()
    {
        // Only row 0 is high: the bright end of viridis (yellow) must appear in the lower half, not the upper.
        const int rows = 8, cols = 4;
        var values = new double[rows * cols];
        for (var c = 0; c < cols; c++)
        {
            values[c] = 1;
        }
        using var bmp = Decode(PlotRenderer.RenderPng(new HeatmapSpec("", rows, cols, values, 0, 1, 0, 1, "", ""), W, H));
        var x = W / 3; // inside the data area, away from the colour bar on the right
        var yellowRows = Enumerable.Range(0, H).Where(y => IsYellow(bmp.GetPixel(x, y))).ToList();
        yellowRows.ShouldNotBeEmpty();
        yellowRows.Min().ShouldBeGreaterThan(H / 2);
    }

    [Test]
    public void DefaultSize_DenseSeriesAndLargeHeatmap_StayWithinSizeBudget()
    {
        var random = new Random(20250314);
        var t = Enumerable.Range(0, 4000).Select(i => i * 0.0025).ToArray();
        var noisy = t.Select(x => Math.Exp(-x) * (1 + 0.3 * random.NextDouble())).ToArray();
        var dense = new PlotSpec("dense", "t", "y", [new Series("noisy", t, noisy), new Series("exp", t, t.Select(x => Math.Exp(-x)).ToArray(), IsReference: true)], LogY: true);
        const int n = 256;
        var values = Enumerable.Range(0, n * n).Select(i => Math.Sin(i % n * 0.1) * Math.Cos(i / n * 0.07)).ToArray();
        // Smooth like a Wigner function; white noise would not compress (≈160 KB measured) but is not what checks plot.
        var heatmap = new HeatmapSpec("large", n, n, values, -1, 1, -1, 1, "x", "p");
        var densePng = PlotRenderer.RenderPng(dense);
        var heatmapPng = PlotRenderer.RenderPng(heatmap);
        TestContext.Out.WriteLine($"dense series PNG: {densePng.Length} B, 256×256 heatmap PNG: {heatmapPng.Length} B");
        densePng.Length.ShouldBeLessThan(MaxPngBytesPerPlot);
        heatmapPng.Length.ShouldBeLessThan(MaxPngBytesPerHeatmap);
    }

    [Test]
    public void LogTicks_WideRange_LabelEveryDecadeAsPowerOfTen()
    {
        var ticks = LogTickGenerator.Generate(-6.3, -1.2);
        ticks.Where(t => t.IsMajor).Select(t => t.Label).ShouldBe(["10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²"]);
        ticks.Count(t => !t.IsMajor).ShouldBeGreaterThan(30); // log-spaced minor ticks m·10ᵏ
    }

    [Test]
    public void LogTicks_ManyDecades_LabelOnlyEveryNthDecade()
    {
        var labelled = LogTickGenerator.Generate(-20, 0).Count(t => t.IsMajor);
        labelled.ShouldBeLessThanOrEqualTo(11);
        labelled.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Test]
    public void LogTicks_LessThanTwoDecades_LabelOneTwoFive()
    {
        // 0.025 … 0.4: only 10⁻¹ is a decade inside, so 1-2-5 ticks are labelled.
        var labels = LogTickGenerator.Generate(Math.Log10(0.025), Math.Log10(0.4)).Where(t => t.IsMajor).Select(t => t.Label).ToList();
        labels.ShouldBe(["0.05", "0.1", "0.2"]);
    }

    [Test]
    public void LogTicks_VeryNarrowRange_LabelEveryMantissa()
    {
        var labels = LogTickGenerator.Generate(Math.Log10(1.5), Math.Log10(4.5)).Where(t => t.IsMajor).Select(t => t.Label).ToList();
        labels.ShouldBe(["2", "3", "4"]);
    }

    [Test]
    public void LogTicks_InvalidRange_NoTicks()
    {
        LogTickGenerator.Generate(double.NaN, 1).ShouldBeEmpty();
        LogTickGenerator.Generate(2, 1).ShouldBeEmpty();
    }

    [Test]
    public void PowerOfTen_UsesSuperscripts()
    {
        InvariantFormat.PowerOfTen(-10).ShouldBe("10⁻¹⁰");
        LogTickGenerator.Label(5, -5).ShouldBe("5×10⁻⁵");
        LogTickGenerator.Label(2, 3).ShouldBe("2000");
        LogTickGenerator.Label(2, -3).ShouldBe("0.002");
    }

    private static bool IsYellow(SKColor c) => c.Red > 200 && c.Green > 200 && c.Blue < 100;

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidDataException("not a PNG");

    private static int CountDifferentPixels(SKBitmap a, SKBitmap b)
    {
        a.Width.ShouldBe(b.Width);
        a.Height.ShouldBe(b.Height);
        var n = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                {
                    n++;
                }
            }
        }
        return n;
    }
}
