namespace ConvergenceSuite.Convergence;

/// <summary>Richardson extrapolation with an observed order, from a fine/medium/coarse triple.</summary>
/// <param name="Order">Observed order p (NaN when undefined).</param>
/// <param name="Limit">Extrapolated value φ_ext = (r₂₁ᵖ φ₁ − φ₂)/(r₂₁ᵖ − 1) (NaN when undefined).</param>
/// <param name="Convergence">Behaviour of the triple (see <see cref="GciConvergence"/>).</param>
/// <param name="Notes">Flags (oscillation, divergence, undefined order).</param>
public sealed record RichardsonEstimate(double Order, double Limit, GciConvergence Convergence, IReadOnlyList<string> Notes);

/// <summary>
/// Richardson extrapolation of a value sequence φ(h) = φ₀ + a₁ h^{p₁} + a₂ h^{p₂} + … towards h → 0, for
/// constant or non-constant refinement ratios r = h_coarse / h_fine.
/// </summary>
public static class Richardson
{
    /// <summary>
    /// Two-level extrapolation with known order p: φ₀ ≈ (rᵖ φ_fine − φ_coarse)/(rᵖ − 1),
    /// r = h_coarse/h_fine &gt; 1. Exact when φ(h) = φ₀ + a hᵖ.
    /// </summary>
    public static double Extrapolate(double fine, double coarse, double ratio, double order)
    {
        if (!(ratio > 1) || !double.IsFinite(ratio))
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "Refinement ratio must be > 1.");
        if (!(order > 0) || !double.IsFinite(order))
            throw new ArgumentOutOfRangeException(nameof(order), order, "Order must be positive and finite.");
        double rp = Math.Pow(ratio, order);
        return (rp * fine - coarse) / (rp - 1);
    }

    /// <summary>
    /// Two-level extrapolation with known order for every consecutive pair of a ladder (h strictly
    /// decreasing, coarse → fine); entry i uses points i and i + 1 with rᵢ = hᵢ/hᵢ₊₁.
    /// </summary>
    public static double[] ExtrapolateSequence(IReadOnlyList<double> h, IReadOnlyList<double> values, double order)
    {
        LadderValidation.RequireDecreasingSteps(h, values, nameof(h));
        var result = new double[Math.Max(0, h.Count - 1)];
        for (int i = 0; i < result.Length; i++)
            result[i] = Extrapolate(values[i + 1], values[i], h[i] / h[i + 1], order);
        return result;
    }

    /// <summary>
    /// Generalised Richardson extrapolation: with k + 1 values and k known exponents p₁ &lt; … &lt; p_k,
    /// solves φ(hⱼ) = φ₀ + Σₘ aₘ hⱼ^{pₘ} exactly for φ₀ (any, non-constant, ratios). Uses the last k + 1
    /// (finest) points of the ladder. Exact for data of that form up to round-off in the solve.
    /// </summary>
    public static double ExtrapolateToLimit(IReadOnlyList<double> h, IReadOnlyList<double> values, IReadOnlyList<double> orders)
    {
        LadderValidation.RequireDecreasingSteps(h, values, nameof(h));
        ArgumentNullException.ThrowIfNull(orders);
        int k = orders.Count;
        if (k < 1)
            throw new ArgumentException("At least one order is needed.");
        if (h.Count < k + 1)
            throw new ArgumentException($"{k} orders need {k + 1} values, got {h.Count}.");
        foreach (double p in orders)
        {
            if (!(p > 0) || !double.IsFinite(p))
                throw new ArgumentException($"Order {p} is not positive and finite.");
        }

        int n = k + 1, offset = h.Count - n;
        // Columns scaled by the finest-but-one step so entries stay O(1): unknowns φ₀ and aₘ h_s^{pₘ}.
        double scale = h[offset];
        var a = new double[n, n];
        var b = new double[n];
        for (int j = 0; j < n; j++)
        {
            double hj = h[offset + j] / scale;
            a[j, 0] = 1.0;
            for (int m = 0; m < k; m++)
                a[j, m + 1] = Math.Pow(hj, orders[m]);
            b[j] = values[offset + j];
        }
        return SolveFirstUnknown(a, b);
    }

    /// <summary>
    /// Extrapolation with the observed order of a fine/medium/coarse triple (h₁ &lt; h₂ &lt; h₃), using the
    /// same fixed-point apparent order as the GCI (<see cref="GridConvergenceIndex.Compute"/>).
    /// </summary>
    public static RichardsonEstimate WithObservedOrder(double h1, double h2, double h3, double phi1, double phi2, double phi3)
    {
        GciResult g = GridConvergenceIndex.Compute(h1, h2, h3, phi1, phi2, phi3);
        return new RichardsonEstimate(g.ApparentOrder, g.PhiExt21, g.Convergence, g.Notes);
    }

    /// <summary>Gaussian elimination with partial pivoting; returns x₀ of A x = b.</summary>
    private static double SolveFirstUnknown(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                    pivot = row;
            }
            if (a[pivot, col] == 0)
                throw new ArgumentException("The extrapolation system is singular (repeated steps or orders).");
            if (pivot != col)
            {
                for (int c = 0; c < n; c++)
                    (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (int row = col + 1; row < n; row++)
            {
                double f = a[row, col] / a[col, col];
                for (int c = col; c < n; c++)
                    a[row, c] -= f * a[col, c];
                b[row] -= f * b[col];
            }
        }
        var x = new double[n];
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int c = row + 1; c < n; c++)
                sum -= a[row, c] * x[c];
            x[row] = sum / a[row, row];
        }
        return x[0];
    }
}
