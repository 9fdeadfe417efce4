namespace ConvergenceSuite.Convergence;

/// <summary>
/// Observed order of convergence from an error ladder (hᵢ, eᵢ), where eᵢ is the error against a
/// reference (exact solution or a much finer run). Ladders are ordered coarse → fine: h strictly
/// decreasing. h may be a step size, a time step or any length that shrinks on refinement.
/// </summary>
public static class ObservedOrder
{
    /// <summary>
    /// Pairwise observed orders pᵢ = ln(eᵢ / eᵢ₊₁) / ln(hᵢ / hᵢ₊₁), i = 0 … n − 2, for a ladder
    /// with e ≈ C hᵖ. Entry i joins point i with the next finer point i + 1. An entry is NaN when
    /// either error is not finite or not positive (the logarithm is undefined); callers that
    /// classify points (<see cref="AsymptoticRangeDetector"/>) turn that into a stated reason.
    /// </summary>
    public static double[] Pairwise(IReadOnlyList<double> h, IReadOnlyList<double> errors)
    {
        LadderValidation.RequireDecreasingSteps(h, errors, nameof(h));
        var orders = new double[Math.Max(0, h.Count - 1)];
        for (int i = 0; i < orders.Length; i++)
            orders[i] = PairOrder(h[i], errors[i], h[i + 1], errors[i + 1]);
        return orders;
    }

    /// <summary>
    /// Least-squares order: the slope of ln e against ln h over points first … first + count − 1,
    /// ln e ≈ ln C + p ln h, with the standard error of the slope (null for two points).
    /// </summary>
    /// <exception cref="ArgumentException">The range is invalid or contains a non-positive or non-finite error.</exception>
    public static LineFit LeastSquares(IReadOnlyList<double> h, IReadOnlyList<double> errors, int first, int count)
    {
        LadderValidation.RequireDecreasingSteps(h, errors, nameof(h));
        if (first < 0 || count < 2 || first + count > h.Count)
            throw new ArgumentException($"Range [{first}, {first + count - 1}] is not a range of at least 2 points within 0 … {h.Count - 1}.");
        var lx = new double[count];
        var ly = new double[count];
        for (int k = 0; k < count; k++)
        {
            double e = errors[first + k];
            if (!(e > 0) || !double.IsFinite(e))
                throw new ArgumentException($"Error at point {first + k} is {e}; the log-log fit needs positive finite errors.");
            lx[k] = Math.Log(h[first + k]);
            ly[k] = Math.Log(e);
        }
        return Convergence.LeastSquares.Fit(lx, ly);
    }

    /// <summary>Least-squares order over the whole ladder.</summary>
    public static LineFit LeastSquares(IReadOnlyList<double> h, IReadOnlyList<double> errors) =>
        LeastSquares(h, errors, 0, h.Count);

    internal static double PairOrder(double hCoarse, double eCoarse, double hFine, double eFine)
    {
        if (!(eCoarse > 0) || !(eFine > 0) || !double.IsFinite(eCoarse) || !double.IsFinite(eFine))
            return double.NaN;
        return Math.Log(eCoarse / eFine) / Math.Log(hCoarse / hFine);
    }
}

internal static class LadderValidation
{
    /// <summary>Same length, at least one point, steps positive, finite and strictly decreasing (coarse → fine).</summary>
    public static void RequireDecreasingSteps(IReadOnlyList<double> h, IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(values);
        if (h.Count != values.Count)
            throw new ArgumentException($"{name} has {h.Count} entries but the values have {values.Count}.");
        if (h.Count == 0)
            throw new ArgumentException("The ladder is empty.");
        for (int i = 0; i < h.Count; i++)
        {
            if (!(h[i] > 0) || !double.IsFinite(h[i]))
                throw new ArgumentException($"{name}[{i}] = {h[i]} is not a positive finite step.");
            if (i > 0 && !(h[i] < h[i - 1]))
                throw new ArgumentException($"{name} must decrease strictly (coarse → fine), but {name}[{i}] = {h[i]} ≥ {name}[{i - 1}] = {h[i - 1]}.");
        }
    }

    /// <summary>Same length, at least one point, grid sizes finite and strictly increasing (coarse → fine).</summary>
    public static void RequireIncreasingSizes(IReadOnlyList<double> m, IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(values);
        if (m.Count != values.Count)
            throw new ArgumentException($"{name} has {m.Count} entries but the values have {values.Count}.");
        if (m.Count == 0)
            throw new ArgumentException("The ladder is empty.");
        for (int i = 0; i < m.Count; i++)
        {
            if (!double.IsFinite(m[i]))
                throw new ArgumentException($"{name}[{i}] = {m[i]} is not finite.");
            if (i > 0 && !(m[i] > m[i - 1]))
                throw new ArgumentException($"{name} must increase strictly (coarse → fine), but {name}[{i}] = {m[i]} ≤ {name}[{i - 1}] = {m[i - 1]}.");
        }
    }
}
