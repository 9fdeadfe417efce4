using System.Numerics;

namespace QuantumSync.Models.Reductions;

/// <summary>
/// Lemma 4.1: the solution of ż = K/2 (1 − z²) (eq. 16) is
/// z(t) = ((1 + z0) e^{Kt} − (1 − z0)) / ((1 + z0) e^{Kt} + (1 − z0)) = tanh(Kt/2 + artanh z0).
/// Evaluated in the overflow-free form with e^{−Kt}.
/// </summary>
public static class Lemma41
{
    /// <summary>z(t) from z0 and K.</summary>
    public static Complex Z(Complex z0, double coupling, double t) => 1 - OneMinusZ(z0, coupling, t);

    /// <summary>1 − z(t) = 2 (1 − z0) e^{−Kt} / ((1 + z0) + (1 − z0) e^{−Kt}), accurate when z ≈ 1.</summary>
    public static Complex OneMinusZ(Complex z0, double coupling, double t)
    {
        var decay = Math.Exp(-coupling * t);
        return 2 * (1 - z0) * decay / ((1 + z0) + (1 - z0) * decay);
    }

    /// <summary>The right-hand side of eq. (16), ż = K/2 (1 − z²).</summary>
    public static Complex Derivative(Complex z, double coupling) => coupling / 2 * (1 - z * z);
}
