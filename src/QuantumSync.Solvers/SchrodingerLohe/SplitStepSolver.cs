using System.Numerics;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.Splitting;

namespace QuantumSync.Solvers.SchrodingerLohe;

/// <summary>
/// Split-step Fourier solver for the Schrödinger-Lohe system in its general (not necessarily normalised) form
///   i ∂t ψ_j = −½Δψ_j + V_j ψ_j + (iK/2N) Σ_k ( (n_j/n_k) ψ_k − z_kj/(n_j n_k) ψ_j ),  n_j = ||ψ_j||, z_kj = &lt;ψ_k, ψ_j&gt;
/// (eq. 4 for n_j = 1; eq. 1/3 print the first term garbled, docs/MATH.md): the shared <see cref="SplittingEngine"/>
/// running a scheme's stages on the S-L operators (<see cref="SchrodingerLoheOperators"/>: kinetic exact in Fourier
/// space, potential an exact pointwise phase, the Lohe coupling as an N×N mixing, fused and deferred when the potentials
/// are identical). All work buffers are allocated once; steady-state stepping allocates nothing.
/// </summary>
public sealed class SplitStepSolver : SplittingSolver<SchrodingerLoheOperators>
{
    /// <summary>Largest K·h of one RK4 sub-step of the coupling flow (local error ≈ (Kh)⁵/120 ≈ 3e-16).</summary>
    public const double MaxCouplingSubstep = SchrodingerLoheOperators.MaxCouplingSubstep;

    /// <summary>The S-L solver for <paramref name="problem"/> with <paramref name="scheme"/> at step <paramref name="dt"/>.</summary>
    public SplitStepSolver(SchrodingerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend = null)
        : this(ValidOperators(problem, scheme, dt, backend), scheme)
    {
    }

    /// <summary>The engine running <paramref name="scheme"/> on given S-L operators (e.g. the general path forced, or a
    /// variant derived from <see cref="SchrodingerLoheOperators"/>); the solver owns and disposes them.</summary>
    public SplitStepSolver(SchrodingerLoheOperators operators, SplittingScheme scheme)
        : base(operators ?? throw new ArgumentNullException(nameof(operators)), operators.TimeStep, scheme) =>
        operators.Bind(Engine);

    private static SchrodingerLoheOperators ValidOperators(SchrodingerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(scheme);
        return new SchrodingerLoheOperators(problem, dt, backend);
    }

    /// <inheritdoc />
    public override IFftBackend Backend => Operators.Backend;

    /// <summary>The dense backend of the coupling's products ("loops" below <see cref="SchrodingerLoheOperators.DenseThreshold"/> oscillators).</summary>
    public string DenseBackend => Operators.DenseBackend;
    /// <inheritdoc />
    public override int Oscillators => Operators.Oscillators;
    /// <summary>The spatial grid.</summary>
    public PeriodicGrid Grid => Operators.Problem.Grid;

    /// <summary>ψ_j at the current time (a view into the solver's buffer; valid until the next step).</summary>
    public ReadOnlySpan<Complex> State(int j)
    {
        Engine.Flush();
        return Operators.Field(j);
    }

    /// <summary>The correlation matrix z_jk = &lt;ψ_j, ψ_k&gt; (row-major), every entry computed (no symmetry assumed).</summary>
    public override void Correlations(Span<Complex> z)
    {
        Engine.Flush();
        var n = Oscillators;
        if (z.Length != n * n) throw new ArgumentException($"z needs {n * n} entries.");
        var dv = Grid.CellVolume;
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
            z[j * n + k] = Integrals.Inner(Operators.Field(j), Operators.Field(k), dv);
    }
}

/// <summary>Thrown when a solver's state becomes NaN or infinite; carries the time it was detected.</summary>
public sealed class SolverDivergedException(string message, double time) : Exception(message)
{
    /// <summary>The simulation time t at which the non-finite state was detected.</summary>
    public double Time { get; } = time;
}
