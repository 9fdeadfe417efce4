namespace ConvergenceSuite.Tests.Convergence;

/// <summary>
/// Manufactured error ladders with known structure:
/// e(h) = C hᵖ (1 + B h) + F (1 + ½ sin 7k),  h = 2⁻ᵏ, k = 0 … count − 1.
/// The B h term makes the coarse end pre-asymptotic (pairwise order above p while B h is not small);
/// F is a round-off floor with deterministic ±50 % wobble (no random numbers, so no seed is needed).
/// </summary>
internal static class ManufacturedLadders
{
    /// <summary>Weight of the pre-asymptotic term: B h = 8 at h = 1, 1/8 at h = 1/64.</summary>
    public const double PreAsymptoticWeight = 8.0;

    /// <summary>Floor level used in the studies: 1e-13 × scale with scale 1 (double round-off on an O(1) solution).</summary>
    public const double Floor = 1e-13;

    public static (double[] H, double[] E) Algebraic(double order, int count, double floor = Floor, double prefactor = 1.0)
    {
        var h = new double[count];
        var e = new double[count];
        for (int k = 0; k < count; k++)
        {
            h[k] = Math.Pow(2.0, -k);
            e[k] = TruncationPart(h[k], order, prefactor) + floor * (1 + 0.5 * Math.Sin(7.0 * k));
        }
        return (h, e);
    }

    /// <summary>The error without the floor, to judge which points the floor has swamped.</summary>
    public static double TruncationPart(double h, double order, double prefactor = 1.0) =>
        prefactor * Math.Pow(h, order) * (1 + PreAsymptoticWeight * h);

    /// <summary>Relative size of the pre-asymptotic term B h against the leading term.</summary>
    public static double PreAsymptoticShare(double h) => PreAsymptoticWeight * h;
}
