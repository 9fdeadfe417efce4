using System.Globalization;
using ConvergenceSuite.Reports.Formatting;
using ScottPlot;

namespace ConvergenceSuite.Reports.Plots;

/// <summary>
/// Ticks for an axis whose coordinates are log10 of the data (ScottPlot 5 has no native log axis).
/// Wide ranges: a labelled major tick "10ᵏ" at each decade (every n-th decade if there are many) and
/// unlabelled minor ticks at m·10ᵏ, m = 2…9. Ranges holding fewer than two decade ticks: labelled ticks
/// at 1, 2, 5 ·10ᵏ (or at every m·10ᵏ for very narrow ranges) so the axis always carries numbers.
/// </summary>
internal sealed class LogTickGenerator : ITickGenerator
{
    /// <summary>Upper bound on labelled decades; more than this and only every n-th decade is labelled.</summary>
    private const int MaxLabelledDecades = 8;

    /// <summary>Fewer visible decade ticks than this switches to 1-2-5 labels.</summary>
    private const int MinDecadeTicks = 2;

    /// <summary>Fewer visible 1-2-5 ticks than this switches to labels at every mantissa 1…9.</summary>
    private const int MinOneTwoFiveTicks = 3;

    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 1000;

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        Ticks = Generate(range.Min, range.Max).ToArray();
    }

    /// <summary>Ticks inside [lo, hi] (log10 coordinates).</summary>
    internal static List<Tick> Generate(double lo, double hi)
    {
        var ticks = new List<Tick>();
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi <= lo)
        {
            return ticks;
        }
        var kMin = (int)Math.Floor(lo);
        var kMax = (int)Math.Ceiling(hi);
        if (kMax - kMin > 2000)
        {
            return ticks; // absurd range (cannot come from finite doubles); draw no ticks rather than millions
        }
        var decades = Enumerable.Range(kMin, kMax - kMin + 1).Where(k => k >= lo && k <= hi).ToList();

        if (decades.Count >= MinDecadeTicks)
        {
            var step = Math.Max(1, (int)Math.Ceiling(decades.Count / (double)MaxLabelledDecades));
            for (var k = kMin; k <= kMax; k++)
            {
                if (k >= lo && k <= hi)
                {
                    ticks.Add(Mod(k, step) == 0 ? Tick.Major(k, InvariantFormat.PowerOfTen(k)) : Tick.Minor(k));
                }
                if (step == 1)
                {
                    for (var m = 2; m <= 9; m++)
                    {
                        var p = k + Math.Log10(m);
                        if (p >= lo && p <= hi)
                        {
                            ticks.Add(Tick.Minor(p));
                        }
                    }
                }
            }
            return ticks;
        }

        int[] labelled = [1, 2, 5];
        var count125 = CountInside(lo, hi, kMin, kMax, labelled);
        if (count125 < MinOneTwoFiveTicks)
        {
            labelled = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        }
        for (var k = kMin; k <= kMax; k++)
        {
            for (var m = 1; m <= 9; m++)
            {
                var p = k + Math.Log10(m);
                if (p < lo || p > hi)
                {
                    continue;
                }
                ticks.Add(labelled.Contains(m) ? Tick.Major(p, Label(m, k)) : Tick.Minor(p));
            }
        }
        return ticks;
    }

    private static int Mod(int a, int n) => ((a % n) + n) % n;

    private static int CountInside(double lo, double hi, int kMin, int kMax, int[] mantissas)
    {
        var n = 0;
        for (var k = kMin; k <= kMax; k++)
        {
            foreach (var m in mantissas)
            {
                var p = k + Math.Log10(m);
                if (p >= lo && p <= hi)
                {
                    n++;
                }
            }
        }
        return n;
    }

    /// <summary>m·10ᵏ as a plain decimal for |k| ≤ 3 (e.g. "0.02", "500"), else "2×10⁻⁵".</summary>
    internal static string Label(int m, int k)
    {
        if (Math.Abs(k) <= 3)
        {
            return ((decimal)m * (decimal)Math.Pow(10, k)).ToString(CultureInfo.InvariantCulture);
        }
        return m == 1 ? InvariantFormat.PowerOfTen(k) : m.ToString(CultureInfo.InvariantCulture) + "×" + InvariantFormat.PowerOfTen(k);
    }
}
