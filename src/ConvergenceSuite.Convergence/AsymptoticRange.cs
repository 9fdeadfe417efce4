using System.Globalization;

namespace ConvergenceSuite.Convergence;

/// <summary>Settings of <see cref="AsymptoticRangeDetector"/>; the defaults are reasoned below.</summary>
public sealed record AsymptoticRangeOptions
{
    /// <summary>
    /// Estimate of the round-off floor of the error, in the error's own units (e.g. 1e-13 · scale
    /// of the solution). Null: no value-based floor test, only the flattening test.
    /// </summary>
    public double? RoundOffFloor { get; init; }

    /// <summary>
    /// A point whose error is at most this factor times <see cref="RoundOffFloor"/> counts as "at the floor".
    /// 10: a floor estimate is only an order-of-magnitude statement (round-off accumulates like √steps or
    /// steps), so an error within one decade of it cannot be trusted to carry the truncation error.
    /// </summary>
    public double FloorProximityFactor { get; init; } = 10.0;

    /// <summary>
    /// A pairwise order at or below this value means the error has (nearly) stopped falling.
    /// 0.25: even a first-order method shows 1; an order of 0.25 means halving h gains less than 19 %,
    /// which is a stall (floor, or a coarse plateau), not a convergence rate worth fitting.
    /// </summary>
    public double MinimumConvergentOrder { get; init; } = 0.25;

    /// <summary>
    /// Pairwise orders count as settled when their spread (largest − smallest) is at most this fraction of
    /// their median. 0.05, i.e. ±2.5 % around the middle: half the width of the ±5 % order windows of the
    /// studies (e.g. Strang [1.9, 2.1]). With equally spaced ln h the least-squares order is a positive-weight
    /// average of the pairwise orders, so it stays inside their spread; pre-asymptotic drift that survives
    /// this test therefore moves the fit by less than half a window. Noisy ladders may need a wider value
    /// (and then yield a less sharp verdict).
    /// </summary>
    public double OrderSettlingTolerance { get; init; } = 0.05;
}

/// <summary>A point of a ladder left out of the asymptotic range, with the reason a report prints.</summary>
public sealed record ExcludedPoint(int Index, double Step, double Error, string Reason);

/// <summary>
/// The detected asymptotic range of an error ladder (coarse → fine): points First … Last (inclusive) are
/// kept; every other point appears once in <see cref="Excluded"/> with its reason.
/// </summary>
public sealed record AsymptoticRange(
    int First,
    int Last,
    IReadOnlyList<double> PairwiseOrders,
    IReadOnlyList<ExcludedPoint> Excluded,
    double? SettledOrder)
{
    /// <summary>Number of kept points (0 when none).</summary>
    public int Count => Last >= First ? Last - First + 1 : 0;

    /// <summary>Indices of the kept points.</summary>
    public IEnumerable<int> KeptIndices => Count == 0 ? [] : Enumerable.Range(First, Count);

    /// <summary>"points 3–8 of 12 kept (h = 0.125 … 0.00390625)"-style text.</summary>
    public string Describe(IReadOnlyList<double> h)
    {
        int n = PairwiseOrders.Count + 1;
        if (Count == 0)
            return $"no points kept of {n}";
        return string.Create(CultureInfo.InvariantCulture,
            $"points {First}–{Last} of {n} kept (h = {h[First]:G6} … {h[Last]:G6})");
    }
}

/// <summary>
/// Finds the asymptotic range of an error ladder e ≈ C hᵖ: drops a pre-asymptotic coarse end, where the
/// pairwise orders have not settled, and a round-off fine end, where the error reaches a floor or stops
/// falling. The detector never sees the expected order: it must not pick points to fit an expectation.
/// </summary>
/// <remarks>
/// Steps, on a ladder ordered coarse → fine:
/// (1) a non-finite error cuts off itself and every coarser point (a blow-up belongs to the coarse end);
/// (2) a non-positive error, or one within <see cref="AsymptoticRangeOptions.FloorProximityFactor"/> of the
///     floor estimate, cuts off itself and every finer point;
/// (3) from the fine end, points are dropped while the pairwise order to the next coarser point is at most
///     <see cref="AsymptoticRangeOptions.MinimumConvergentOrder"/> (error flattened or grew);
/// (4) of the remaining pairwise orders, the longest run of consecutive pairs, all above the minimum order
///     and with a spread within <see cref="AsymptoticRangeOptions.OrderSettlingTolerance"/> of the run's median, is the
///     asymptotic range (ties go to the finer run). Points coarser than it are pre-asymptotic, points finer
///     than it are floor-contaminated.
/// Known limit: a long slow "creep" near a floor whose orders agree with each other can outvote a shorter
/// truly asymptotic run; supplying <see cref="AsymptoticRangeOptions.RoundOffFloor"/> prevents that.
/// </remarks>
public static class AsymptoticRangeDetector
{
    /// <summary>Detects the asymptotic range of the ladder (h strictly decreasing, coarse → fine).</summary>
    public static AsymptoticRange Detect(IReadOnlyList<double> h, IReadOnlyList<double> errors, AsymptoticRangeOptions? options = null)
    {
        options ??= new AsymptoticRangeOptions();
        double[] orders = ObservedOrder.Pairwise(h, errors);
        int n = h.Count;
        var reasons = new string?[n];

        // (1) Non-finite errors: cut off the point and everything coarser.
        int lo = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            if (!double.IsFinite(errors[i]))
            {
                reasons[i] = Inv($"error is {errors[i]} (not finite): the run failed or blew up");
                for (int j = i - 1; j >= 0; j--)
                    reasons[j] ??= Inv($"coarser than point {i}, whose error is not finite");
                lo = i + 1;
                break;
            }
        }

        // (2) Floor by value: cut off the point and everything finer.
        int hi = n - 1;
        double? floorLimit = options.RoundOffFloor is { } floor ? floor * options.FloorProximityFactor : null;
        for (int i = lo; i < n; i++)
        {
            string? why = null;
            if (!(errors[i] > 0))
                why = Inv($"error {errors[i]:G4} ≤ 0: exact to round-off, at the floor");
            else if (floorLimit is { } limit && errors[i] <= limit)
                why = Inv($"error {errors[i]:G4} is within a factor {options.FloorProximityFactor:G3} of the round-off floor estimate {options.RoundOffFloor:G3}");
            if (why is null)
                continue;
            reasons[i] = why;
            for (int j = i + 1; j < n; j++)
                reasons[j] ??= Inv($"finer than point {i}, which is already at the round-off floor");
            hi = i - 1;
            break;
        }

        // (3) Flattening at the fine end.
        while (hi > lo && !(orders[hi - 1] > options.MinimumConvergentOrder))
        {
            reasons[hi] = Inv($"pairwise order {orders[hi - 1]:F3} from point {hi - 1} (h {h[hi - 1]:G4} → {h[hi]:G4}, error {errors[hi - 1]:G4} → {errors[hi]:G4}) is ≤ {options.MinimumConvergentOrder:G3}: the error stopped falling (round-off floor)");
            hi--;
        }

        // (4) Longest settled run of pairwise orders within [lo, hi].
        int bestA = -1, bestB = -1;
        double bestMedian = double.NaN;
        for (int a = lo; a < hi; a++)
        {
            for (int b = a; b < hi; b++)
            {
                if (!IsSettled(orders, a, b, options, out double median))
                    continue;
                int length = b - a + 1;
                int bestLength = bestA < 0 ? 0 : bestB - bestA + 1;
                if (length > bestLength || (length == bestLength && b > bestB))
                {
                    bestA = a;
                    bestB = b;
                    bestMedian = median;
                }
            }
        }

        int first, last;
        double? settled = null;
        if (bestA >= 0)
        {
            first = bestA;
            last = bestB + 1;
            settled = bestMedian;
        }
        else if (hi == lo && lo < n && reasons[lo] is null)
        {
            first = lo; // a single usable point: kept, nothing to judge
            last = lo;
        }
        else
        {
            first = 0;
            last = -1;
        }

        for (int i = lo; i <= hi; i++)
        {
            if (reasons[i] is not null || (i >= first && i <= last))
                continue;
            if (settled is null)
            {
                double p = i < hi ? orders[i] : orders[i - 1];
                reasons[i] = Inv($"no settled convergence: pairwise order {p:F3} is not above {options.MinimumConvergentOrder:G3} or has no neighbour to agree with");
            }
            else if (i < first)
            {
                reasons[i] = orders[i] > options.MinimumConvergentOrder
                    ? Inv($"pre-asymptotic: pairwise order {orders[i]:F3} to the next finer point does not fit the settled run (median {settled:F3}, allowed spread {100 * options.OrderSettlingTolerance:G3} %)")
                    : Inv($"pre-asymptotic: pairwise order {orders[i]:F3} to the next finer point is ≤ {options.MinimumConvergentOrder:G3} (error not yet falling)");
            }
            else
            {
                reasons[i] = Inv($"fine end: pairwise order {orders[i - 1]:F3} from the next coarser point does not fit the settled run (median {settled:F3}, allowed spread {100 * options.OrderSettlingTolerance:G3} %): onset of the round-off floor");
            }
        }

        var excluded = new List<ExcludedPoint>();
        for (int i = 0; i < n; i++)
        {
            if (reasons[i] is { } reason)
                excluded.Add(new ExcludedPoint(i, h[i], errors[i], reason));
        }
        return new AsymptoticRange(first, last, orders, excluded, settled);
    }

    private static bool IsSettled(double[] orders, int a, int b, AsymptoticRangeOptions options, out double median)
    {
        median = double.NaN;
        for (int j = a; j <= b; j++)
        {
            if (!double.IsFinite(orders[j]) || !(orders[j] > options.MinimumConvergentOrder))
                return false;
        }
        var run = orders[a..(b + 1)];
        Array.Sort(run);
        int m = run.Length;
        median = m % 2 == 1 ? run[m / 2] : 0.5 * (run[m / 2 - 1] + run[m / 2]);
        return run[^1] - run[0] <= options.OrderSettlingTolerance * Math.Abs(median);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
