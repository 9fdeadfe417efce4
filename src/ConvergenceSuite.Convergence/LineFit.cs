namespace ConvergenceSuite.Convergence;

/// <summary>
/// Result of an ordinary least-squares straight-line fit y ≈ Intercept + Slope·x.
/// </summary>
/// <param name="Slope">Fitted slope b.</param>
/// <param name="SlopeStandardError">
/// Standard error of the slope, σ_b = √( Σ rᵢ² / (n − 2) / Σ (xᵢ − x̄)² ); null when n = 2
/// (two points fix the line exactly and leave no residual degree of freedom).
/// </param>
/// <param name="Intercept">Fitted intercept a.</param>
/// <param name="Count">Number of points n used in the fit.</param>
/// <param name="ResidualRms">Root-mean-square residual √(Σ rᵢ² / n).</param>
public sealed record LineFit(double Slope, double? SlopeStandardError, double Intercept, int Count, double ResidualRms);

/// <summary>Ordinary least squares for a straight line (the one place the convergence code fits lines).</summary>
public static class LeastSquares
{
    /// <summary>
    /// Fits y ≈ a + b x by ordinary least squares with centred sums:
    /// b = Σ (xᵢ − x̄)(yᵢ − ȳ) / Σ (xᵢ − x̄)², a = ȳ − b x̄.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two points, unequal lengths, non-finite input or all x equal.</exception>
    public static LineFit Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.");
        int n = x.Count;
        if (n < 2)
            throw new ArgumentException($"A line fit needs at least 2 points, got {n}.");
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                throw new ArgumentException($"Point {i} is not finite (x = {x[i]}, y = {y[i]}).");
        }

        double meanX = 0, meanY = 0;
        for (int i = 0; i < n; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;

        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - meanX;
            sxx += dx * dx;
            sxy += dx * (y[i] - meanY);
        }
        if (sxx == 0)
            throw new ArgumentException("All x values are equal; the slope is undefined.");

        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double ssr = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i] - (intercept + slope * x[i]);
            ssr += r * r;
        }
        double? stderr = n > 2 ? Math.Sqrt(ssr / (n - 2) / sxx) : null;
        return new LineFit(slope, stderr, intercept, n, Math.Sqrt(ssr / n));
    }
}
