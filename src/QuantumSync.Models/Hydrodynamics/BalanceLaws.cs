namespace QuantumSync.Models.Hydrodynamics;

/// <summary>The eight balance laws of system (19), in the printed order.</summary>
public enum BalanceLaw
{
    /// <summary>∂tρ1 + div J1 = K/2 (ρ12 − r12 ρ1).</summary>
    Rho1,
    /// <summary>∂tρ2 + div J2 = K/2 (ρ12 − r12 ρ2).</summary>
    Rho2,
    /// <summary>∂tJ1 + div(J1⊗J1/ρ1) + ρ1∇V = ½ρ1∇(Δ√ρ1/√ρ1) + K/2 (J12 − r12 J1).</summary>
    J1,
    /// <summary>∂tJ2 + div(J2⊗J2/ρ2) + ρ2∇V = ½ρ2∇(Δ√ρ2/√ρ2) + K/2 (J12 − r12 J2).</summary>
    J2,
    /// <summary>∂tρ_d + div J_d = −K/2 (1 + r12) ρ_d + K s12 σ12.</summary>
    RhoD,
    /// <summary>∂tJ_d + div(J_d⊗J_d/ρ_d) + ρ_d∇V = ½ρ_d∇(Δ√ρ_d/√ρ_d) − K/2 ((1 + r12) J_d + 2 s12 G12).</summary>
    JD,
    /// <summary>∂tρ_a + div J_a = K/2 ((1 − s12) ρ12 − r12 ρ_a).</summary>
    RhoA,
    /// <summary>∂tJ_a + div(J_a⊗J_a/ρ_a) + ρ_a∇V = ½ρ_a∇(Δ√ρ_a/√ρ_a) + K/2 ((1 − s12) J12 − r12 J_a).</summary>
    JA,
}

/// <summary>How the momentum equations (singular where ρ = 0) are evaluated.</summary>
public enum MomentumForm
{
    /// <summary>∂tJ + ∂x(c Re(conj ∂xφ ∂xφ)) + ρ∂xV = ¼∂x³ρ + coupling: equivalent to the printed form where ρ &gt; 0, defined everywhere.</summary>
    NonSingular,
    /// <summary>The printed Madelung form ∂tJ + ∂x(J²/ρ) + ρ∂xV = ½ρ∂x(∂x²√ρ/√ρ) + coupling, only where ρ ≥ floor·max ρ.</summary>
    Madelung,
}

/// <summary>
/// One balance law with a right-hand coupling term: the density or current it evolves and the coupling
/// C(snapshot, K) evaluated pointwise at one time. The left-hand side (transport, convection, potential force and
/// quantum term) is the same for all forms of a law; only the coupling differs between the printed statement and a
/// correction.
/// </summary>
public sealed record BalanceLawForm(BalanceLaw Law, string Equation, Func<HydrodynamicSnapshot, double, double[]> Coupling)
{
    /// <summary>The component (ψ1, ψ2, ψ_d, ψ_a) whose density or current the law evolves.</summary>
    public HydroComponent Component => Law switch
    {
        BalanceLaw.Rho1 or BalanceLaw.J1 => HydroComponent.One,
        BalanceLaw.Rho2 or BalanceLaw.J2 => HydroComponent.Two,
        BalanceLaw.RhoD or BalanceLaw.JD => HydroComponent.Difference,
        _ => HydroComponent.Auxiliary,
    };

    /// <summary>True for the current (momentum) equations.</summary>
    public bool IsMomentum => Law is BalanceLaw.J1 or BalanceLaw.J2 or BalanceLaw.JD or BalanceLaw.JA;
}

/// <summary>
/// System (19) as printed, and the corrections the claims ledger found. Derivation from (18), for reference: with
/// ∂tψ = −iHψ + F, ∂t|φ|² + ∂x J = 2 Re(conj φ F) and the coupling of ∂tJ is Im(conj F ∂xφ + conj φ ∂xF). For
/// ψ_d: F_d = (K/4)(−(1 + r12) ψ_d + i s12 (ψ1 + ψ2)), so 2 Re(conj ψ_d F_d) = −(K/2)(1 + r12) ρ_d − K s12 σ12:
/// the printed sign of K s12 σ12 is reversed. The printed derivation's middle line (K/2) Re{conj ψ_d ((1 + z12)(ψ2 − ψ1)
/// + 2i s12 ψ1)} is right; its last line drops the sign of Re(conj ψ_d · 2i s12 ψ1) = −2 s12 σ12. The other seven couplings agree with this derivation.
/// </summary>
public static class BalanceLaws
{
    /// <summary>The eight laws in printed order.</summary>
    public static IReadOnlyList<BalanceLaw> All { get; } = Enum.GetValues<BalanceLaw>();

    /// <summary>The law exactly as printed in (19).</summary>
    public static BalanceLawForm Printed(BalanceLaw law) => law switch
    {
        BalanceLaw.Rho1 => new(law, "∂tρ1 + div J1 = K/2 (ρ12 − r12 ρ1)",
            (h, k) => Combine(h.Rho12, k / 2, h.Density(HydroComponent.One), -k / 2 * h.R12)),
        BalanceLaw.Rho2 => new(law, "∂tρ2 + div J2 = K/2 (ρ12 − r12 ρ2)",
            (h, k) => Combine(h.Rho12, k / 2, h.Density(HydroComponent.Two), -k / 2 * h.R12)),
        BalanceLaw.J1 => new(law, "∂tJ1 + div(J1⊗J1/ρ1) + ρ1∇V = ½ρ1∇(Δ√ρ1/√ρ1) + K/2 (J12 − r12 J1)",
            (h, k) => Combine(h.J12, k / 2, h.Current(HydroComponent.One), -k / 2 * h.R12)),
        BalanceLaw.J2 => new(law, "∂tJ2 + div(J2⊗J2/ρ2) + ρ2∇V = ½ρ2∇(Δ√ρ2/√ρ2) + K/2 (J12 − r12 J2)",
            (h, k) => Combine(h.J12, k / 2, h.Current(HydroComponent.Two), -k / 2 * h.R12)),
        BalanceLaw.RhoD => new(law, "∂tρ_d + div J_d = −K/2 (1 + r12) ρ_d + K s12 σ12",
            (h, k) => Combine(h.Density(HydroComponent.Difference), -k / 2 * (1 + h.R12), h.Sigma12, k * h.S12)),
        BalanceLaw.JD => new(law, "∂tJ_d + div(J_d⊗J_d/ρ_d) + ρ_d∇V = ½ρ_d∇(Δ√ρ_d/√ρ_d) − K/2 ((1 + r12) J_d + 2 s12 G12)",
            (h, k) => Combine(h.Current(HydroComponent.Difference), -k / 2 * (1 + h.R12), h.G12, -k * h.S12)),
        BalanceLaw.RhoA => new(law, "∂tρ_a + div J_a = K/2 ((1 − s12) ρ12 − r12 ρ_a)",
            (h, k) => Combine(h.Rho12, k / 2 * (1 - h.S12), h.Density(HydroComponent.Auxiliary), -k / 2 * h.R12)),
        BalanceLaw.JA => new(law, "∂tJ_a + div(J_a⊗J_a/ρ_a) + ρ_a∇V = ½ρ_a∇(Δ√ρ_a/√ρ_a) + K/2 ((1 − s12) J12 − r12 J_a)",
            (h, k) => Combine(h.J12, k / 2 * (1 - h.S12), h.Current(HydroComponent.Auxiliary), -k / 2 * h.R12)),
        _ => throw new ArgumentOutOfRangeException(nameof(law)),
    };

    /// <summary>
    /// The law as derived from (18) (see the class remarks): identical to <see cref="Printed"/> except for ρ_d, whose
    /// coupling is −K/2 (1 + r12) ρ_d − K s12 σ12. This is the harness's finding, not the paper's statement.
    /// </summary>
    public static BalanceLawForm Corrected(BalanceLaw law) => law == BalanceLaw.RhoD
        ? new(law, "∂tρ_d + div J_d = −K/2 (1 + r12) ρ_d − K s12 σ12",
            (h, k) => Combine(h.Density(HydroComponent.Difference), -k / 2 * (1 + h.R12), h.Sigma12, -k * h.S12))
        : Printed(law);

    /// <summary>The same law with its coupling term's sign reversed (a deliberately false statement for machinery tests).</summary>
    public static BalanceLawForm SignFlipped(BalanceLawForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form with
        {
            Equation = form.Equation + "  [coupling sign reversed]",
            Coupling = (h, k) => form.Coupling(h, k).Select(v => -v).ToArray(),
        };
    }

    /// <summary>a·x + b·y pointwise.</summary>
    private static double[] Combine(double[] x, double a, double[] y, double b)
    {
        var r = new double[x.Length];
        for (var i = 0; i < r.Length; i++) r[i] = a * x[i] + b * y[i];
        return r;
    }
}
