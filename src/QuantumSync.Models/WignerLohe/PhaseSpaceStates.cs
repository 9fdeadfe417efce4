using System.Numerics;
using QuantumSync.Numerics.Wigner;

namespace QuantumSync.Models.WignerLohe;

/// <summary>
/// Phase-space initial data for the Wigner-Lohe system that need not come from wave functions (mixed states).
/// </summary>
public static class PhaseSpaceStates
{
    /// <summary>
    /// The Gaussian state w(x,p) = Π_a (2π σx σp)^{−1} exp(−(x_a − x0_a)²/(2σx²) − (p_a − p0_a)²/(2σp²)), normalised to
    /// ∫∫ w dx dp = 1 on ℝ^{2d}. It is a Wigner function of a density matrix iff σx σp ≥ ½ (ħ = 1); σx σp = ½ is the
    /// pure Gaussian (πσ²)^{−d/4} e^{−|x−x0|²/(2σ²) + i p0·(x−x0)} with σx = σ/√2, σp = 1/(σ√2).
    /// </summary>
    public static Complex[] Gaussian(PhaseSpaceGrid grid, double[] center, double[] momentum, double sigmaX, double sigmaP)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var d = grid.Dimension;
        if (center.Length != d || momentum.Length != d) throw new ArgumentException($"Centre and momentum need {d} components.");
        if (!(sigmaX > 0) || !(sigmaP > 0)) throw new ArgumentException("σx and σp must be positive.");
        if (sigmaX * sigmaP < 0.5 * (1 - 1e-12))
            throw new ArgumentException($"σx σp = {sigmaX * sigmaP:G6} < 1/2 violates the uncertainty principle: not a state.");
        var amplitude = Math.Pow(2 * Math.PI * sigmaX * sigmaP, -d);
        var values = grid.Evaluate((x, p) =>
        {
            double e = 0;
            for (var a = 0; a < d; a++)
            {
                var dx = x[a] - center[a];
                var dp = p[a] - momentum[a];
                e += dx * dx / (2 * sigmaX * sigmaX) + dp * dp / (2 * sigmaP * sigmaP);
            }
            return amplitude * Math.Exp(-e);
        });
        return values.Select(v => new Complex(v, 0)).ToArray();
    }

    /// <summary>
    /// The coherence parametrisation of mixed cross terms used by the case files:
    /// w_jk = c · √(w_j w_k) pointwise (w_kj = conj(c) · √(w_j w_k), so the family stays Hermitian). Needs w_j, w_k ≥ 0
    /// (e.g. Gaussian states); z_jk(0) = c · ∫∫ √(w_j w_k) (c times the Bhattacharyya overlap, ≤ |c|).
    /// For w_j = w_k and c = −1 this is the decorrelated datum of Remark 3, w_jk = −w_j.
    /// </summary>
    public static Complex[] GeometricMeanCoherence(ReadOnlySpan<Complex> wj, ReadOnlySpan<Complex> wk, Complex c)
    {
        if (wj.Length != wk.Length) throw new ArgumentException("The two fields differ in length.");
        var result = new Complex[wj.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var a = wj[i].Real;
            var b = wk[i].Real;
            if (a < 0 || b < 0) throw new ArgumentException("√(w_j w_k) needs non-negative diagonal data.");
            // Exact for w_j = w_k (√(a·a) may round; a itself does not), so Remark 3 data are exactly antipodal.
            result[i] = c * (a == b ? a : Math.Sqrt(a * b));
        }
        return result;
    }
}
