using System.Globalization;

namespace ConvergenceSuite.Convergence;

/// <summary>Settings of <see cref="SpectralConvergence.Fit"/>.</summary>
public sealed record SpectralFitOptions
{
    /// <summary>Round-off floor estimate of the error (absolute); null: only the flattening test applies.</summary>
    public double? RoundOffFloor { get; init; }

    /// <summary>Errors within this factor of the floor are at the floor (10: see <see cref="AsymptoticRangeOptions.FloorProximityFactor"/>).</summary>
    public double FloorProximityFactor { get; init; } = 10.0;

    /// <summary>
    /// A fine-end step whose local decay rate ln(eᵢ/eᵢ₊₁)/(Mᵢ₊₁ − Mᵢ) is below this fraction of the median
    /// rate of the coarser steps has flattened. 0.5: exponential convergence keeps its rate (an algebraic
    /// prefactor changes it slowly); a step that gains less than half the usual decades per grid point is the
    /// floor taking over. Steps just before that can still carry a floor comparable to the truncation error:
    /// supply <see cref="RoundOffFloor"/> when the floor level is known.
    /// </summary>
    public double FlatteningFraction { get; init; } = 0.5;
}

/// <summary>
/// Least-squares fit of e ≈ C e^{−αM}: ln e = ln C − α M over the kept range.
/// </summary>
/// <param name="Alpha">Decay rate α per unit of M.</param>
/// <param name="AlphaStandardError">Standard error of α (null with two points).</param>
/// <param name="Prefactor">C = exp(intercept).</param>
/// <param name="First">First kept index.</param>
/// <param name="Last">Last kept index (inclusive).</param>
/// <param name="Excluded">Points left out, with reasons.</param>
public sealed record SpectralFit(double Alpha, double? AlphaStandardError, double Prefactor, int First, int Last, IReadOnlyList<ExcludedPoint> Excluded)
{
    /// <summary>Number of kept points.</summary>
    public int Count => Last - First + 1;
}

/// <summary>Spectral (exponential) convergence in the grid size M.</summary>
public static class SpectralConvergence
{
    /// <summary>
    /// Fits e ≈ C e^{−αM} to a ladder with M strictly increasing (coarse → fine) over the range above the
    /// round-off floor: points at or near the floor (and all finer ones), non-positive errors, and a fine end
    /// whose local decay rate has collapsed are excluded with reasons.
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than two points remain above the floor.</exception>
    public static SpectralFit Fit(IReadOnlyList<double> gridSizes, IReadOnlyList<double> errors, SpectralFitOptions? options = null)
    {
        options ??= new SpectralFitOptions();
        LadderValidation.RequireIncreasingSizes(gridSizes, errors, nameof(gridSizes));
        int n = gridSizes.Count;
        var reasons = new string?[n];

        int lo = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            if (!double.IsFinite(errors[i]))
            {
                reasons[i] = Inv($"error is {errors[i]} (not finite)");
                for (int j = i - 1; j >= 0; j--)
                    reasons[j] ??= Inv($"coarser than point {i}, whose error is not finite");
                lo = i + 1;
                break;
            }
        }

        int hi = n - 1;
        double? limit = options.RoundOffFloor is { } f ? f * options.FloorProximityFactor : null;
        for (int i = lo; i < n; i++)
        {
            string? why = !(errors[i] > 0)
                ? Inv($"error {errors[i]:G4} ≤ 0: at the round-off floor")
                : limit is { } l && errors[i] <= l
                    ? Inv($"error {errors[i]:G4} is within a factor {options.FloorProximityFactor:G3} of the round-off floor estimate {options.RoundOffFloor:G3}")
                    : null;
            if (why is null)
                continue;
            reasons[i] = why;
            for (int j = i + 1; j < n; j++)
                reasons[j] ??= Inv($"finer than point {i}, which is already at the round-off floor");
            hi = i - 1;
            break;
        }

        // Fine-end flattening: local decay rate collapsing relative to the coarser steps.
        while (hi - lo >= 2)
        {
            double last = Rate(gridSizes, errors, hi - 1);
            var coarser = new List<double>();
            for (int i = lo; i < hi - 1; i++)
                coarser.Add(Rate(gridSizes, errors, i));
            coarser.Sort();
            double median = coarser.Count % 2 == 1
                ? coarser[coarser.Count / 2]
                : 0.5 * (coarser[coarser.Count / 2 - 1] + coarser[coarser.Count / 2]);
            if (!(median > 0) || last >= options.FlatteningFraction * median)
                break;
            reasons[hi] = Inv($"local decay rate {last:G4} per unit M is below {options.FlatteningFraction:G3} × the median rate {median:G4} of the coarser steps: the error flattened (round-off floor)");
            hi--;
        }

        if (hi - lo + 1 < 2)
            throw new InvalidOperationException($"Only {Math.Max(0, hi - lo + 1)} point(s) lie above the round-off floor; an exponential fit needs 2.");

        var m = new double[hi - lo + 1];
        var le = new double[hi - lo + 1];
        for (int i = lo; i <= hi; i++)
        {
            m[i - lo] = gridSizes[i];
            le[i - lo] = Math.Log(errors[i]);
        }
        LineFit fit = LeastSquares.Fit(m, le);
        var excluded = new List<ExcludedPoint>();
        for (int i = 0; i < n; i++)
        {
            if (reasons[i] is { } r)
                excluded.Add(new ExcludedPoint(i, gridSizes[i], errors[i], r));
        }
        return new SpectralFit(-fit.Slope, fit.SlopeStandardError, Math.Exp(fit.Intercept), lo, hi, excluded);
    }

    private static double Rate(IReadOnlyList<double> m, IReadOnlyList<double> e, int i) =>
        Math.Log(e[i] / e[i + 1]) / (m[i + 1] - m[i]);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
