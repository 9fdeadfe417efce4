using System.Globalization;

namespace ConvergenceSuite.Convergence;

/// <summary>
/// Everything an order study decided, with the numbers a report prints: the ladder, pairwise orders, the
/// detected asymptotic range with exclusion reasons, the least-squares order ± standard error, the expected
/// window and the verdict.
/// </summary>
public sealed record OrderStudyResult(
    Verdict Verdict,
    string Message,
    IReadOnlyList<double> Steps,
    IReadOnlyList<double> Errors,
    IReadOnlyList<double> PairwiseOrders,
    AsymptoticRange Range,
    LineFit? Fit,
    double ExpectedLow,
    double ExpectedHigh)
{
    /// <summary>Least-squares order over the kept range (NaN when no fit was possible).</summary>
    public double Order => Fit?.Slope ?? double.NaN;

    /// <summary>Standard error of <see cref="Order"/> (NaN when undefined, i.e. fewer than three kept points).</summary>
    public double OrderStandardError => Fit?.SlopeStandardError ?? double.NaN;
}

/// <summary>Settings of <see cref="OrderVerdict.Evaluate"/>.</summary>
public sealed record OrderVerdictOptions
{
    /// <summary>Range detection settings.</summary>
    public AsymptoticRangeOptions Range { get; init; } = new();

    /// <summary>
    /// Fewest kept points for a verdict. 3: two points give a single pairwise order, with no check that it
    /// has settled and no standard error.
    /// </summary>
    public int MinimumPoints { get; init; } = 3;

    /// <summary>
    /// A fitted order outside the window fails only when it is more than this many standard errors from the
    /// window's nearer edge. 2: about 95 % two-sided for normal residuals.
    /// </summary>
    public double FailSigmas { get; init; } = 2.0;

    /// <summary>
    /// With a round-off floor estimate, a finest error more than this factor above the floor whose last pairwise order
    /// has collapsed (≤ <see cref="AsymptoticRangeOptions.MinimumConvergentOrder"/>) is not round-off: the runs converge to
    /// something other than the reference, and the study fails. 1e3: round-off is an order-of-magnitude estimate, three
    /// decades above it is truncation or a wrong limit.
    /// </summary>
    public double StagnationFactor { get; init; } = 1e3;
}

/// <summary>Pass/Fail/Inconclusive for an observed order against an expected window [lo, hi].</summary>
public static class OrderVerdict
{
    /// <summary>
    /// Decides the verdict from the least-squares order p ± σ over the detected asymptotic range:
    /// Inconclusive when fewer than <see cref="OrderVerdictOptions.MinimumPoints"/> points are kept;
    /// Pass when lo ≤ p ≤ hi and σ ≤ (hi − lo)/2 (the fit resolves the window);
    /// Fail when p lies outside the window by more than <see cref="OrderVerdictOptions.FailSigmas"/>·σ;
    /// Inconclusive otherwise (the scatter is too large to decide).
    /// </summary>
    public static OrderStudyResult Evaluate(
        IReadOnlyList<double> h, IReadOnlyList<double> errors, double expectedLow, double expectedHigh, OrderVerdictOptions? options = null)
    {
        options ??= new OrderVerdictOptions();
        if (!(expectedLow <= expectedHigh) || !double.IsFinite(expectedLow) || !double.IsFinite(expectedHigh))
            throw new ArgumentException($"Expected window [{expectedLow}, {expectedHigh}] is not a finite interval.");

        AsymptoticRange range = AsymptoticRangeDetector.Detect(h, errors, options.Range);
        string window = Inv($"[{expectedLow:G4}, {expectedHigh:G4}]");
        string kept = range.Describe(h);
        string exclusions = range.Excluded.Count == 0
            ? "none excluded"
            : string.Join("; ", range.Excluded.Select(x => Inv($"#{x.Index} {x.Reason}")));

        if (options.Range.RoundOffFloor is { } floor && errors.Count >= 2 && range.PairwiseOrders.Count > 0
            && errors[^1] > options.StagnationFactor * floor && !(range.PairwiseOrders[^1] > options.Range.MinimumConvergentOrder))
        {
            LineFit? all = ObservedOrder.LeastSquares(h, errors, 0, errors.Count);
            return new OrderStudyResult(Verdict.Fail,
                Inv($"the error stagnates at {errors[^1]:G3}, more than {options.StagnationFactor:G2} × the round-off floor {floor:G2} (last pairwise order {range.PairwiseOrders[^1]:F3}): the runs do not converge to the reference; expected {window}; excluded: {exclusions}"),
                h.ToArray(), errors.ToArray(), range.PairwiseOrders, range, all, expectedLow, expectedHigh);
        }

        if (range.Count < options.MinimumPoints)
        {
            LineFit? partial = range.Count >= 2 ? ObservedOrder.LeastSquares(h, errors, range.First, range.Count) : null;
            string got = partial is null ? "" : Inv($" (order {partial.Slope:F3} from {range.Count} points is not enough)");
            return new OrderStudyResult(Verdict.Inconclusive,
                Inv($"inconclusive: {kept}, need at least {options.MinimumPoints} in the asymptotic range{got}; expected {window}; excluded: {exclusions}"),
                h.ToArray(), errors.ToArray(), range.PairwiseOrders, range, partial, expectedLow, expectedHigh);
        }

        LineFit fit = ObservedOrder.LeastSquares(h, errors, range.First, range.Count);
        double p = fit.Slope;
        double sigma = fit.SlopeStandardError ?? double.PositiveInfinity;
        double halfWidth = 0.5 * (expectedHigh - expectedLow);
        double distance = p < expectedLow ? expectedLow - p : p > expectedHigh ? p - expectedHigh : 0.0;
        string measured = Inv($"order {p:F3} ± {sigma:G2} (least squares over {kept}; expected {window})");

        Verdict verdict;
        string why;
        if (distance == 0 && sigma <= halfWidth)
        {
            verdict = Verdict.Pass;
            why = "within the window";
        }
        else if (distance > options.FailSigmas * sigma)
        {
            verdict = Verdict.Fail;
            why = Inv($"outside the window by {distance:G3} (> {options.FailSigmas:G2} σ)");
        }
        else
        {
            verdict = Verdict.Inconclusive;
            why = distance == 0
                ? Inv($"inside the window but σ = {sigma:G2} exceeds its half-width {halfWidth:G2}")
                : Inv($"outside the window by {distance:G3}, within {options.FailSigmas:G2} σ");
        }
        return new OrderStudyResult(verdict, $"{measured}: {why}; excluded: {exclusions}",
            h.ToArray(), errors.ToArray(), range.PairwiseOrders, range, fit, expectedLow, expectedHigh);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
