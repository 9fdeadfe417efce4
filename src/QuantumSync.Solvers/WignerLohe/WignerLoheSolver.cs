using System.Numerics;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.Splitting;

namespace QuantumSync.Solvers.WignerLohe;

/// <summary>
/// Spectral splitting solver for the Wigner-Lohe system with identical potentials, in the complex form valid for all
/// j, k (docs/MATH.md; system (14) for N = 2):
///   ∂t w_jk + p·∇x w_jk + Θ[V] w_jk = (K/2N) Σ_l ( w_jl + w_lk − (z_jl + z_lk) w_jk ),  z_jk = ∫∫ w_jk dx dp,
/// for d = 1 or 2 on the grids of <see cref="PhaseSpaceGrid"/>: the shared <see cref="SplittingEngine"/> running a
/// scheme's stages on the W-L operators (<see cref="WignerLoheOperators"/>). The three parts of the right-hand side are
/// solved exactly (the coupling to RK4 round-off level):
/// <list type="bullet">
/// <item>Transport ("Kinetic" stages): ŵ(k,p,τ) = e^{−i k·p τ} ŵ(k,p), a pointwise phase in (k,p).</item>
/// <item>Θ[V] ("Potential" stages): ∂t u = i[V(x + y/2) − V(x − y/2)] u, a pointwise phase in (x,y).</item>
/// <item>The Lohe coupling ("Coupling" stages). Written for the N×N matrix W = (w_jk) at one phase-space point it is
/// ∂t W = B W + W B^†, B = (K/2N)(𝟙𝟙ᵀ − diag(Σ_l z_jl)), so its flow is W(τ) = Φ(τ) W(0) Φ(τ)^† with Φ' = B(z) Φ,
/// Φ(0) = I, and z = Φ G Φ^† (G = z at the start of the sub-step) closes the system: dz/dt = B z + z B^†, which is
/// exactly the correlation ODE dz_jk/dt = (K/2N) Σ_l (z_jl + z_lk)(1 − z_jk) when z_jj = 1. This holds for any
/// Hermitian data, mixed or pure; for pure data Φ = conj(C) with C the S-L mixing matrix.</item>
/// </list>
/// The transport and Θ[V] steps are the same linear map on every field and leave every z_jk unchanged, so with
/// identical potentials they commute with the coupling flow: the splitting error comes from transport versus Θ[V] only.
/// Steady-state stepping allocates nothing.
/// </summary>
public sealed class WignerLoheSolver : SplittingSolver<WignerLoheOperators>
{
    /// <summary>Largest K·h of one RK4 sub-step of the coupling flow (local error ≈ (Kh)⁵/120 ≈ 3e-16).</summary>
    public const double MaxCouplingSubstep = WignerLoheOperators.MaxCouplingSubstep;

    /// <summary>The W-L solver for <paramref name="problem"/> with <paramref name="scheme"/> at step <paramref name="dt"/>.</summary>
    public WignerLoheSolver(WignerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend = null)
        : this(ValidOperators(problem, scheme, dt, backend), scheme)
    {
    }

    /// <summary>The engine running <paramref name="scheme"/> on given W-L operators (e.g. a variant derived from
    /// <see cref="WignerLoheOperators"/>); the solver owns and disposes them.</summary>
    public WignerLoheSolver(WignerLoheOperators operators, SplittingScheme scheme)
        : base(operators ?? throw new ArgumentNullException(nameof(operators)), operators.TimeStep, scheme) =>
        operators.Bind(Engine);

    private static WignerLoheOperators ValidOperators(WignerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(scheme);
        return new WignerLoheOperators(problem, dt, backend);
    }

    /// <inheritdoc />
    public override IFftBackend Backend => Operators.Backend;
    /// <summary>The phase-space grid.</summary>
    public PhaseSpaceGrid Grid => Operators.Grid;
    /// <inheritdoc />
    public override int Oscillators => Operators.Oscillators;

    /// <summary>z_jk = ∫∫ w_jk dx dp = ∫ u_jk(x, y = 0) dx for every j, k (row-major), none assumed from symmetry.</summary>
    public override void Correlations(Span<Complex> z)
    {
        Engine.Flush();
        var n = Oscillators;
        if (z.Length != n * n) throw new ArgumentException($"z needs {n * n} entries.");
        Operators.StoredCorrelations(z);
    }

    /// <summary>w_jk at the current time in the (x,p) layout of <see cref="Grid"/>, written to <paramref name="destination"/>.</summary>
    public void Field(int j, int k, Span<Complex> destination)
    {
        Engine.Flush();
        var n = Oscillators;
        if ((uint)j >= (uint)n || (uint)k >= (uint)n) throw new ArgumentOutOfRangeException(nameof(j), $"Oscillators are 0…{n - 1}.");
        if (destination.Length != Grid.Count) throw new ArgumentException($"A field has {Grid.Count} entries; got {destination.Length}.");
        Operators.StoredField(j, k, destination);
    }

    /// <summary>w_jk at the current time as a new array ((x,p) layout).</summary>
    public Complex[] Field(int j, int k)
    {
        var result = new Complex[Grid.Count];
        Field(j, k, result);
        return result;
    }
}
