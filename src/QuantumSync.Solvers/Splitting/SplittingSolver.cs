using System.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;

namespace QuantumSync.Solvers.Splitting;

/// <summary>
/// What every splitting solver shares: a model's operators run by one <see cref="SplittingEngine"/> for a scheme, with
/// stepping, time and disposal. A model's solver (<see cref="SchrodingerLohe.SplitStepSolver"/>,
/// <see cref="WignerLohe.WignerLoheSolver"/>) adds how its state and correlations are read.
/// </summary>
/// <typeparam name="TOperators">The model's operators; the solver owns and disposes them.</typeparam>
public abstract class SplittingSolver<TOperators> : ISplittingSolver where TOperators : class, ISplittingOperators, IDisposable
{
    /// <summary>Steps between two looks at the cancellation token in <see cref="AdvanceTo(double, CancellationToken)"/>: a step costs
    /// microseconds to milliseconds, so 16 steps keep a cancel well under a second.</summary>
    public const long CancellationCheckSteps = SplittingEngine.CancellationCheckSteps;

    /// <summary>The engine running <paramref name="scheme"/> with step <paramref name="timeStep"/> on <paramref name="operators"/>.</summary>
    private protected SplittingSolver(TOperators operators, double timeStep, SplittingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(operators);
        ArgumentNullException.ThrowIfNull(scheme);
        Operators = operators;
        Engine = new SplittingEngine(scheme, timeStep, operators);
    }

    /// <summary>The model's operators (the state lives there).</summary>
    private protected TOperators Operators { get; }

    /// <summary>The engine (stage dispatch, merging, flushing before a read).</summary>
    private protected SplittingEngine Engine { get; }

    /// <inheritdoc />
    public SplittingScheme Scheme => Engine.Scheme;

    /// <inheritdoc />
    public double TimeStep => Engine.TimeStep;

    /// <inheritdoc />
    public abstract IFftBackend Backend { get; }

    /// <inheritdoc />
    public abstract int Oscillators { get; }

    /// <summary>Current time: steps taken × dt.</summary>
    public double Time => Engine.Time;

    /// <summary>Steps taken so far.</summary>
    public long StepsTaken => Engine.StepsTaken;

    /// <summary>Takes <paramref name="steps"/> steps of dt.</summary>
    public void Advance(long steps) => Engine.Advance(steps);

    /// <summary>Advances to t = steps·dt; <paramref name="time"/> must be an integer multiple of dt (to 1e-9 relative).</summary>
    public void AdvanceTo(double time) => Engine.AdvanceTo(time, CancellationToken.None);

    /// <summary>As <see cref="AdvanceTo(double)"/>, checking <paramref name="cancellation"/> every
    /// <see cref="CancellationCheckSteps"/> steps. The steps are the same loop, so the result is bit-identical.</summary>
    /// <exception cref="OperationCanceledException">The token fired; the solver is then between two steps.</exception>
    public void AdvanceTo(double time, CancellationToken cancellation) => Engine.AdvanceTo(time, cancellation);

    /// <inheritdoc />
    public abstract void Correlations(Span<Complex> z);

    /// <summary>Releases the operators' buffers.</summary>
    public void Dispose()
    {
        Operators.Dispose();
        GC.SuppressFinalize(this);
    }
}
