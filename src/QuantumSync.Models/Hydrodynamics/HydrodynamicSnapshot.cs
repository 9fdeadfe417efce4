using System.Numerics;
using QuantumSync.Numerics;

namespace QuantumSync.Models.Hydrodynamics;

/// <summary>The four wave functions whose densities and currents system (19) evolves.</summary>
public enum HydroComponent
{
    /// <summary>ψ1: ρ1 = |ψ1|², J1 = Im(conj ψ1 ∂x ψ1).</summary>
    One,
    /// <summary>ψ2: ρ2 = |ψ2|², J2 = Im(conj ψ2 ∂x ψ2).</summary>
    Two,
    /// <summary>ψ_d = ψ1 − ψ2: ρ_d = |ψ_d|², J_d = Im(conj ψ_d ∂x ψ_d).</summary>
    Difference,
    /// <summary>ψ_a = ψ1 − iψ2: ρ_a = |ψ_a|²/2, J_a = Im(conj ψ_a ∂x ψ_a)/2.</summary>
    Auxiliary,
}

/// <summary>
/// The quantum-hydrodynamic quantities of Section 5 (docs/MATH.md, "Quantum hydrodynamics (Section 5), 1-D") of one
/// S-L state (ψ1, ψ2) at one time, with every space derivative spectral:
/// ρ = c|φ|², J = c Im(conj φ ∂x φ) for (φ, c) = (ψ1, 1), (ψ2, 1), (ψ_d, 1), (ψ_a, ½);
/// ρ12 = Re(conj ψ1 ψ2), J12 = ½ Im(conj ψ1 ∂x ψ2 + conj ψ2 ∂x ψ1), σ12 = Im(conj ψ1 ψ2),
/// G12 = ½ Re(conj ψ2 ∂x ψ1 − conj ψ1 ∂x ψ2), z12 = ⟨ψ1, ψ2⟩ = r12 + i s12.
/// The momentum terms are given in two forms (Section 5): the printed Madelung form, singular where ρ = 0,
///   ∂x(J²/ρ) and ½ ρ ∂x(∂x²√ρ/√ρ),
/// and the equivalent non-singular form used before the polar factorisation,
///   ∂x Re(conj ∂xφ ∂xφ)·c  and  ¼ ∂x³ρ,
/// whose difference ∂x(∂x√ρ)² cancels between the two terms (½ρ∂x(∂x²√ρ/√ρ) = ¼∂x³ρ − ∂x(∂x√ρ)²).
/// The Madelung terms are evaluated pointwise from φ, ∂xφ, ∂x²φ, ∂x³φ (no derivative of a singular quotient):
/// with n = |φ|², j = Im(conj φ φ'), R = Re(conj φ φ''), Q = ∂x²√n/√n = R/n + j²/n²,
///   ∂x Q = R'/n − R n'/n² + 2 j j'/n² − 2 j² n'/n³,  ∂x(J²/ρ) = c (2 j j'/n − j² n'/n²).
/// </summary>
public sealed class HydrodynamicSnapshot
{
    private readonly WaveDerivatives[] _waves;
    private readonly double[] _scales = [1, 1, 1, 0.5];

    /// <summary>The hydrodynamic fields of the pair (ψ1, ψ2) on <paramref name="grid"/>, derivatives spectral.</summary>
    public HydrodynamicSnapshot(PeriodicGrid grid, ReadOnlySpan<Complex> psi1, ReadOnlySpan<Complex> psi2)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Grid = grid;
        var w1 = WaveDerivatives.Of(grid, psi1);
        var w2 = WaveDerivatives.Of(grid, psi2);
        _waves = [w1, w2, WaveDerivatives.Combine(1, w1, -1, w2), WaveDerivatives.Combine(1, w1, -Complex.ImaginaryOne, w2)];
        Z12 = Integrals.Inner(psi1, psi2, grid.CellVolume);
        var m = grid.Count;
        Rho12 = new double[m]; Sigma12 = new double[m]; J12 = new double[m]; G12 = new double[m];
        for (var i = 0; i < m; i++)
        {
            var a = Complex.Conjugate(w1.F[i]) * w2.F[i];
            Rho12[i] = a.Real;
            Sigma12[i] = a.Imaginary;
            J12[i] = 0.5 * (Complex.Conjugate(w1.F[i]) * w2.D1[i] + Complex.Conjugate(w2.F[i]) * w1.D1[i]).Imaginary;
            G12[i] = 0.5 * (Complex.Conjugate(w2.F[i]) * w1.D1[i] - Complex.Conjugate(w1.F[i]) * w2.D1[i]).Real;
        }
    }

    /// <summary>The grid of the wave functions.</summary>
    public PeriodicGrid Grid { get; }
    /// <summary>z12 = ⟨ψ1, ψ2⟩ (Integrals.Inner).</summary>
    public Complex Z12 { get; }
    /// <summary>r12 = Re z12.</summary>
    public double R12 => Z12.Real;
    /// <summary>s12 = Im z12.</summary>
    public double S12 => Z12.Imaginary;
    /// <summary>ρ12 = Re(conj ψ1 ψ2) pointwise.</summary>
    public double[] Rho12 { get; }
    /// <summary>σ12 = Im(conj ψ1 ψ2) pointwise.</summary>
    public double[] Sigma12 { get; }
    /// <summary>J12 = ½ Im(conj ψ1 ∇ψ2 + conj ψ2 ∇ψ1) pointwise (the cross current).</summary>
    public double[] J12 { get; }
    /// <summary>G12 = ½ Re(conj ψ2 ∇ψ1 − conj ψ1 ∇ψ2) pointwise.</summary>
    public double[] G12 { get; }

    /// <summary>The wave function φ of a component and its scale c (ρ = c|φ|²).</summary>
    public (WaveDerivatives Wave, double Scale) Component(HydroComponent c) => (_waves[(int)c], _scales[(int)c]);

    /// <summary>ρ = c|φ|².</summary>
    public double[] Density(HydroComponent c) => Map(c, (s, f, _, _, _) => s * (Complex.Conjugate(f) * f).Real);

    /// <summary>J = c Im(conj φ ∂xφ).</summary>
    public double[] Current(HydroComponent c) => Map(c, (s, f, d1, _, _) => s * (Complex.Conjugate(f) * d1).Imaginary);

    /// <summary>∂x J = c Im(conj φ ∂x²φ).</summary>
    public double[] CurrentDivergence(HydroComponent c) => Map(c, (s, f, _, d2, _) => s * (Complex.Conjugate(f) * d2).Imaginary);

    /// <summary>Non-singular momentum flux divergence ∂x (c Re(conj ∂xφ ∂xφ)) = 2c Re(conj ∂xφ ∂x²φ).</summary>
    public double[] KineticFluxDivergence(HydroComponent c) => Map(c, (s, _, d1, d2, _) => 2 * s * (Complex.Conjugate(d1) * d2).Real);

    /// <summary>Non-singular quantum term ¼ ∂x³ρ = (c/4)(2 Re(conj φ ∂x³φ) + 6 Re(conj ∂xφ ∂x²φ)).</summary>
    public double[] QuantumTermNonSingular(HydroComponent c) =>
        Map(c, (s, f, d1, d2, d3) => s / 4 * (2 * (Complex.Conjugate(f) * d3).Real + 6 * (Complex.Conjugate(d1) * d2).Real));

    /// <summary>Madelung convection ∂x(J²/ρ) = c(2 j j'/n − j² n'/n²) (NaN where n = 0).</summary>
    public double[] ConvectionMadelung(HydroComponent c) => Map(c, (s, f, d1, d2, _) =>
    {
        var n = (Complex.Conjugate(f) * f).Real;
        var j = (Complex.Conjugate(f) * d1).Imaginary;
        var jp = (Complex.Conjugate(f) * d2).Imaginary;
        var np = 2 * (Complex.Conjugate(f) * d1).Real;
        return s * (2 * j * jp / n - j * j * np / (n * n));
    });

    /// <summary>Madelung quantum term ½ ρ ∂x(∂x²√ρ/√ρ) = ½ c n ∂xQ (NaN where n = 0).</summary>
    public double[] QuantumTermMadelung(HydroComponent c) => Map(c, (s, f, d1, d2, d3) =>
    {
        var n = (Complex.Conjugate(f) * f).Real;
        var np = 2 * (Complex.Conjugate(f) * d1).Real;
        var j = (Complex.Conjugate(f) * d1).Imaginary;
        var jp = (Complex.Conjugate(f) * d2).Imaginary;
        var r = (Complex.Conjugate(f) * d2).Real;
        var rp = (Complex.Conjugate(d1) * d2 + Complex.Conjugate(f) * d3).Real;
        var qp = rp / n - r * np / (n * n) + 2 * j * jp / (n * n) - 2 * j * j * np / (n * n * n);
        return 0.5 * s * n * qp;
    });

    private delegate double PointFunction(double scale, Complex f, Complex d1, Complex d2, Complex d3);

    private double[] Map(HydroComponent c, PointFunction g)
    {
        var (w, s) = Component(c);
        var r = new double[w.F.Length];
        for (var i = 0; i < r.Length; i++) r[i] = g(s, w.F[i], w.D1[i], w.D2[i], w.D3[i]);
        return r;
    }
}
