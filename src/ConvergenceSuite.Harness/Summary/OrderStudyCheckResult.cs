using System.Globalization;
using ConvergenceSuite.Convergence;

namespace ConvergenceSuite.Harness.Summary;

/// <summary>An order study (<see cref="OrderStudyResult"/>, from the convergence library) as a check of the summary.</summary>
public static class OrderStudyCheckResult
{
    /// <summary>
    /// The result as a summary check: evidence carries the LSQ order, its standard error, the window, the
    /// kept range and the pairwise orders (finite values only); the message names the exclusions; the plot
    /// shows the ladder (log-log) with a reference line of the window's middle slope.
    /// </summary>
    public static CheckResult ToCheckResult(this OrderStudyResult result, string checkId, string quantityLabel = "error")
    {
        // Only finite numbers go into the evidence (undefined ones are left out, the message says why), so
        // JSON exporters never meet NaN.
        var evidence = new Dictionary<string, double>();
        void Add(string key, double value)
        {
            if (double.IsFinite(value))
                evidence[key] = value;
        }
        Add("order_lsq", result.Order);
        Add("order_lsq_stderr", result.OrderStandardError);
        Add("expected_low", result.ExpectedLow);
        Add("expected_high", result.ExpectedHigh);
        if (result.Range.Count > 0)
        {
            Add("kept_first", result.Range.First);
            Add("kept_last", result.Range.Last);
        }
        Add("kept_count", result.Range.Count);
        Add("points", result.Steps.Count);
        for (int i = 0; i < result.PairwiseOrders.Count; i++)
            Add($"pairwise_order_{i}", result.PairwiseOrders[i]);

        var series = new List<Series> { new("measured", result.Steps.ToArray(), result.Errors.ToArray()) };
        if (result.Range.Count > 0 && double.IsFinite(result.Order))
        {
            // Reference line of the window's middle slope through the finest kept point.
            double slope = 0.5 * (result.ExpectedLow + result.ExpectedHigh);
            double h0 = result.Steps[result.Range.Last], e0 = result.Errors[result.Range.Last];
            double[] x = result.Steps.Skip(result.Range.First).Take(result.Range.Count).ToArray();
            double[] y = x.Select(h => e0 * Math.Pow(h / h0, slope)).ToArray();
            series.Add(new Series(string.Create(CultureInfo.InvariantCulture, $"slope {slope:G3}"), x, y, IsReference: true));
        }
        var plot = new PlotSpec($"{checkId}: {quantityLabel} vs step", "h", quantityLabel, series, LogX: true, LogY: true);
        return new CheckResult(checkId, result.Verdict, result.Message, evidence, [plot]);
    }
}
