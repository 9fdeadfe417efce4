using System.Numerics;

namespace QuantumSync.Models.WignerLohe;

/// <summary>
/// Theorem 4.2 for N = 2 identical oscillators with ∫∫w1 = ∫∫w2 = 1, |z0| ≤ 1, z0 ≠ −1.
/// The proof's identity d/dt ‖w1 − w2‖² = −K r12 ‖w1 − w2‖² with r12 = Re z12 = Re tanh(Kt/2 + a) (Lemma 4.1)
/// integrates exactly to
///   ‖w1 − w2‖²(t) = ‖w1 − w2‖²(0) · |cosh a|² / |cosh(Kt/2 + a)|²,  a = artanh z0  (docs/MATH.md, "exact form").
/// The theorem as printed claims ‖w1 − w2‖²_{L²} ≤ e^{−Kt} as t → ∞ (no constant); <see cref="PrintedBound"/>.
/// </summary>
public static class Theorem42
{
    /// <summary>|cosh a|² / |cosh(Kt/2 + a)|², a = artanh z0: the factor by which ‖w1 − w2‖² has shrunk at t.
    /// Since cosh(s + a) = cosh a · ((1 + z0) e^{s} + (1 − z0) e^{−s}) / 2, it is evaluated in the overflow-free form
    /// 4 e^{−Kt} / |(1 + z0) + (1 − z0) e^{−Kt}|².</summary>
    public static double DecayFactor(Complex z0, double coupling, double t)
    {
        if (z0 == -1) throw new ArgumentException("Theorem 4.2 excludes z0 = −1 (Remark 3).");
        var decay = Math.Exp(-coupling * t);
        var denominator = (1 + z0) + (1 - z0) * decay;
        return 4 * decay / (denominator.Real * denominator.Real + denominator.Imaginary * denominator.Imaginary);
    }

    /// <summary>The exact law ‖w1 − w2‖²(t) from its value at 0.</summary>
    public static double DistanceSquared(double initial, Complex z0, double coupling, double t) => initial * DecayFactor(z0, coupling, t);

    /// <summary>The printed bound e^{−Kt}.</summary>
    public static double PrintedBound(double coupling, double t) => Math.Exp(-coupling * t);

    /// <summary>
    /// lim_{t→∞} ‖w1 − w2‖²(t) e^{Kt} = 4 ‖w1 − w2‖²(0) / |1 + z0|²: the constant the printed bound omits. For pure
    /// normalised data (Moyal) ‖w1 − w2‖²(0) = (2π)^{−d}(2 − 2|z0|²), so the printed bound (constant 1) fails at large t
    /// whenever 8(1 − |z0|²) &gt; (2π)^d |1 + z0|², e.g. d = 1, real z0 &lt; (4 − π)/(4 + π) ≈ 0.12.
    /// </summary>
    public static double AsymptoticConstant(double initial, Complex z0)
    {
        var s = 1 + z0;
        return 4 * initial / (s.Real * s.Real + s.Imaginary * s.Imaginary);
    }
}
