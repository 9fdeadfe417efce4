namespace ConvergenceSuite.Convergence;

/// <summary>A fitted exponential rate: ln q(t) ≈ a − λ t over the fitted points.</summary>
/// <param name="Rate">λ, the decay rate (positive for decay; a growth rate is −λ, see <see cref="Growth"/>).</param>
/// <param name="StandardError">Standard error of λ from the least-squares fit (0 for two points, which leave no residual).</param>
/// <param name="Count">Points used.</param>
/// <param name="From">First time fitted.</param>
/// <param name="To">Last time fitted.</param>
/// <param name="Intercept">a, the fitted ln q at t = 0.</param>
public sealed record RateFit(double Rate, double StandardError, int Count, double From, double To, double Intercept = 0)
{
    /// <summary>The growth rate −λ (for a quantity that grows as e^{γt}).</summary>
    public double Growth => -Rate;
}

/// <summary>
/// The one exponential-rate fit of the harness (checks and claims ledger alike): least squares of ln q against t
/// (<see cref="LeastSquares.Fit"/>, the line fit the convergence studies use). Which samples lie in the asymptotic window
/// is the caller's decision; this fits exactly the points it is given.
/// </summary>
public static class ExponentialRate
{
    /// <summary>Fits ln q ≈ a − λ t over every (t, q) given; q must be positive and finite.</summary>
    /// <exception cref="ArgumentException">Fewer than two points, unequal lengths, a non-positive or non-finite q, or all t equal.</exception>
    public static RateFit Fit(IReadOnlyList<double> times, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (times.Count != values.Count) throw new ArgumentException($"{times.Count} times but {values.Count} values.");
        var logs = new double[values.Count];
        for (var i = 0; i < logs.Length; i++)
        {
            if (!(values[i] > 0) || !double.IsFinite(values[i])) throw new ArgumentException($"An exponential rate needs positive finite values; value {i} is {values[i]}.");
            logs[i] = Math.Log(values[i]);
        }
        var fit = LeastSquares.Fit(times, logs);
        return new RateFit(-fit.Slope, fit.SlopeStandardError ?? 0, fit.Count, times[0], times[^1], fit.Intercept);
    }
}
