using System.Numerics;
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
public sealed class SplitStepSolver : IDisposable, ISplittingSolver
{
    /// <summary>Largest K·h of one RK4 sub-step of the coupling flow (local error ≈ (Kh)⁵/120 ≈ 3e-16).</summary>
    public const double MaxCouplingSubstep = SchrodingerLoheOperators.MaxCouplingSubstep;

    /// <summary>Steps between two looks at the cancellation token in <see cref="AdvanceTo(double, CancellationToken)"/>: a step costs
    /// microseconds to milliseconds, so 16 steps keep a cancel well under a second.</summary>
    public const long CancellationCheckSteps = SplittingEngine.CancellationCheckSteps;

    private readonly SchrodingerLoheOperators _operators;
    private readonly SplittingEngine _engine;

    /// <summary>The S-L solver for <paramref name="problem"/> with <paramref name="scheme"/> at step <paramref name="dt"/>.</summary>
    public SplitStepSolver(SchrodingerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend = null)
        : this(ValidOperators(problem, scheme, dt, backend), scheme)
    {
    }

    /// <summary>The engine running <paramref name="scheme"/> on given S-L operators (e.g. the general path forced, or a
    /// variant derived from <see cref="SchrodingerLoheOperators"/>); the solver owns and disposes them.</summary>
    public SplitStepSolver(SchrodingerLoheOperators operators, SplittingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(operators);
        ArgumentNullException.ThrowIfNull(scheme);
        _operators = operators;
        _engine = new SplittingEngine(scheme, operators.TimeStep, operators);
        operators.Bind(_engine);
    }

    private static SchrodingerLoheOperators ValidOperators(SchrodingerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(scheme);
        return new SchrodingerLoheOperators(problem, dt, backend);
    }

    /// <inheritdoc />
    public SplittingScheme Scheme => _engine.Scheme;
    /// <inheritdoc />
    public double TimeStep => _engine.TimeStep;
    /// <inheritdoc />
    public IFftBackend Backend => _operators.Backend;

    /// <summary>The dense backend of the coupling's products ("loops" below <see cref="SchrodingerLoheOperators.DenseThreshold"/> oscillators).</summary>
    public string DenseBackend => _operators.DenseBackend;
    /// <summary>Current time: steps taken × dt.</summary>
    public double Time => _engine.Time;
    /// <summary>Steps taken so far.</summary>
    public long StepsTaken => _engine.StepsTaken;
    /// <inheritdoc />
    public int Oscillators => _operators.Oscillators;
    /// <summary>The spatial grid.</summary>
    public PeriodicGrid Grid => _operators.Problem.Grid;

    /// <summary>ψ_j at the current time (a view into the solver's buffer; valid until the next step).</summary>
    public ReadOnlySpan<Complex> State(int j)
    {
        _engine.Flush();
        return _operators.Field(j);
    }

    /// <summary>Takes <paramref name="steps"/> steps of dt.</summary>
    public void Advance(long steps) => _engine.Advance(steps);

    /// <summary>Advances to t = steps·dt; <paramref name="time"/> must be an integer multiple of dt (to 1e-9 relative).</summary>
    public void AdvanceTo(double time) => _engine.AdvanceTo(time, CancellationToken.None);

    /// <summary>As <see cref="AdvanceTo(double)"/>, checking <paramref name="cancellation"/> every
    /// <see cref="CancellationCheckSteps"/> steps. The steps are the same loop, so the result is bit-identical.</summary>
    /// <exception cref="OperationCanceledException">The token fired; the solver is then between two steps.</exception>
    public void AdvanceTo(double time, CancellationToken cancellation) => _engine.AdvanceTo(time, cancellation);

    /// <summary>The correlation matrix z_jk = &lt;ψ_j, ψ_k&gt; (row-major), every entry computed (no symmetry assumed).</summary>
    public void Correlations(Span<Complex> z)
    {
        _engine.Flush();
        var n = Oscillators;
        if (z.Length != n * n) throw new ArgumentException($"z needs {n * n} entries.");
        var dv = Grid.CellVolume;
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
            z[j * n + k] = Integrals.Inner(_operators.Field(j), _operators.Field(k), dv);
    }

    /// <summary>Releases the field buffers.</summary>
    public void Dispose() => _operators.Dispose();
}

/// <summary>Thrown when a solver's state becomes NaN or infinite; carries the time it was detected.</summary>
public sealed class SolverDivergedException(string message, double time) : Exception(message)
{
    public double Time { get; } = time;
}
