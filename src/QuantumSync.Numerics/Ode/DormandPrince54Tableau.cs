namespace QuantumSync.Numerics.Ode;

/// <summary>
/// Butcher tableau of the Dormand–Prince 5(4) pair (Dormand &amp; Prince 1980; Hairer, Nørsett &amp; Wanner,
/// Solving ODEs I, §II.5) and the coefficients of its 4th-order continuous extension (Hairer–Wanner's DOPRI5
/// dense output). Seven stages; the 7th is evaluated at the new solution (FSAL). Public so that tests can check
/// the order conditions.
/// </summary>
public static class DormandPrince54Tableau
{
    /// <summary>Nodes c_i, i = 1..7.</summary>
    public static readonly double[] C = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1];

    /// <summary>Coupling coefficients a_ij (row i, columns j &lt; i).</summary>
    public static readonly double[][] A =
    [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
    ];

    /// <summary>Weights b_i of the propagated 5th-order solution (equal to the last row of A; b₇ = 0).</summary>
    public static readonly double[] B = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0];

    /// <summary>Weights b̂_i of the embedded 4th-order solution used only for the error estimate.</summary>
    public static readonly double[] BHat =
        [5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40];

    /// <summary>Error weights e_i = b_i − b̂_i.</summary>
    public static readonly double[] E =
        [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40];

    /// <summary>Dense-output coefficients d_i (d₂ = 0) of the continuous extension
    /// y(t + θh) = y₀ + θ(Δ + (1−θ)(h k₁ − Δ + θ(Δ − h k₇ − (h k₁ − Δ) + (1−θ) h Σ d_i k_i))), Δ = y₁ − y₀.</summary>
    public static readonly double[] D =
    [
        -12715105075.0 / 11282082432, 0, 87487479700.0 / 32700410799, -10690763975.0 / 1880347072,
        701980252875.0 / 199316789632, -1453857185.0 / 822651844, 69997945.0 / 29380423,
    ];

    /// <summary>
    /// The effective stage weights w_i(θ) of the dense output, y(t + θh) = y₀ + h Σ_i w_i(θ) k_i; order 4 means
    /// the order conditions hold with θ^q/… on the right for every θ ∈ [0, 1].
    /// </summary>
    public static double[] DenseWeights(double theta)
    {
        var theta1 = 1 - theta;
        var w = new double[7];
        for (var i = 0; i < 7; i++)
        {
            var first = i == 0 ? 1.0 : 0.0;
            var last = i == 6 ? 1.0 : 0.0;
            w[i] = theta * B[i]
                + theta * theta1 * (first - B[i])
                + theta * theta * theta1 * (2 * B[i] - first - last)
                + theta * theta * theta1 * theta1 * D[i];
        }
        return w;
    }
}
