using System.Globalization;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Studies;

/// <summary>The plots of a study, filled in with every number so that the exporters only draw.</summary>
public static class StudyPlots
{
    /// <summary>y-axis label of study plots; the full definition of the error is printed with the table.</summary>
    public const string ErrorAxisLabel = "error against the reference";

    /// <summary>
    /// Error against the step: the measured ladder, the kept (fitted) points as a separate series, and one dashed
    /// reference line per slope s through the finest kept point, e = e₀ (h/h₀)ˢ (log-log), or, for a grid study with
    /// <paramref name="logX"/> false, e = e₀ e^{−s (M − M₀)} against M (log-linear).
    /// </summary>
    public static PlotSpec ErrorAgainstStep(string title, string xLabel, string yLabel, IReadOnlyList<double> x, IReadOnlyList<double> errors,
        int keptFirst, int keptCount, IReadOnlyList<double> slopes, bool logX)
    {
        var series = new List<Series> { new("measured", x.ToArray(), errors.ToArray()) };
        if (keptCount > 0)
        {
            series.Add(new Series("fitted range", x.Skip(keptFirst).Take(keptCount).ToArray(), errors.Skip(keptFirst).Take(keptCount).ToArray()));
            var last = keptFirst + keptCount - 1;
            double x0 = x[last], e0 = errors[last];
            if (e0 > 0 && double.IsFinite(e0))
            {
                var xs = x.Where(double.IsFinite).ToArray();
                foreach (var s in slopes.Where(double.IsFinite))
                {
                    var ys = xs.Select(h => logX ? e0 * Math.Pow(h / x0, s) : e0 * Math.Exp(-s * (h - x0))).ToArray();
                    var name = logX
                        ? string.Create(CultureInfo.InvariantCulture, $"slope {s:G3}")
                        : string.Create(CultureInfo.InvariantCulture, $"e^(−{s:G3} M)");
                    series.Add(new Series(name, xs, ys, IsReference: true));
                }
            }
        }
        return new PlotSpec(title, xLabel, yLabel, series, LogX: logX, LogY: true);
    }

    /// <summary>Error against wall-clock seconds, one series per scheme (log-log). Informational: timing is noisy.</summary>
    public static PlotSpec WorkPrecision(string title, IEnumerable<(string Name, IReadOnlyList<double> Seconds, IReadOnlyList<double> Errors)> curves, string yLabel) =>
        new(title, "wall time (s)", yLabel,
            curves.Select(c => new Series(c.Name, c.Seconds.ToArray(), c.Errors.ToArray())).ToArray(), LogX: true, LogY: true);
}
