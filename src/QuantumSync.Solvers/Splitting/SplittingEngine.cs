using QuantumSync.Solvers.SchrodingerLohe;

namespace QuantumSync.Solvers.Splitting;

/// <summary>
/// The operators of one model as <see cref="SplittingEngine"/> applies them: a free flow (S-L kinetic step, W-L
/// transport), a potential step and a coupling step, each for a fraction of dt, plus two hooks for work a model may
/// defer. The engine calls them once per (merged) stage, never per grid point.
/// </summary>
public interface ISplittingOperators
{
    /// <summary>The free flow ("Kinetic" stages) for <paramref name="fraction"/> · dt. No group is open when it is called.</summary>
    void Kinetic(double fraction);

    /// <summary>The potential step for <paramref name="fraction"/> · dt; opens or extends a group.</summary>
    void Potential(double fraction);

    /// <summary>The coupling flow for <paramref name="fraction"/> · dt (consecutive coupling stages arrive merged, also
    /// across steps); opens or extends a group. <paramref name="fraction"/> may be negative (Yoshida, Kahan-Li).</summary>
    void Coupling(double fraction);

    /// <summary>Ends a group: a run of potential and coupling stages between two free flows, or before the state is read.
    /// A model may hold the group's work until here (e.g. to apply it in one pass over the fields).</summary>
    void EndGroup();

    /// <summary>Brings the stored fields up to date (any deferred mixing applied) before they are read.</summary>
    void Materialise();
}

/// <summary>
/// The splitting engine shared by the Schrödinger-Lohe and Wigner-Lohe solvers: runs a <see cref="SplittingScheme"/>'s
/// stages step after step on a model's <see cref="ISplittingOperators"/>. Consecutive coupling stages are merged, also
/// across steps (first-same-as-last: Strang's closing C/2 and the next step's opening C/2 become one C), and a pending
/// coupling is handed over as late as possible: when a stage of another operator arrives or the state is read
/// (<see cref="Flush"/>). Dispatch is per stage; all per-point work is the model's.
/// </summary>
public sealed class SplittingEngine
{
    private readonly SplitStage[] _stages;
    private readonly ISplittingOperators _operators;
    private double _pendingCoupling;
    private bool _couplingPending, _groupOpen;

    /// <summary>Binds a scheme and a time step to a model's operators.</summary>
    /// <exception cref="ArgumentException">dt is not finite and positive.</exception>
    public SplittingEngine(SplittingScheme scheme, double dt, ISplittingOperators operators)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(operators);
        CheckTimeStep(dt);
        Scheme = scheme;
        TimeStep = dt;
        _operators = operators;
        _stages = scheme.Stages.ToArray();
    }

    /// <summary>Steps between two looks at the cancellation token in <see cref="AdvanceTo(double, CancellationToken)"/>: a step costs
    /// microseconds to milliseconds, so 16 steps keep a cancel well under a second.</summary>
    public const long CancellationCheckSteps = 16;

    /// <summary>The scheme whose stages are run.</summary>
    public SplittingScheme Scheme { get; }

    /// <summary>dt.</summary>
    public double TimeStep { get; }

    /// <summary>Steps taken so far.</summary>
    public long StepsTaken { get; private set; }

    /// <summary>Current time: steps taken × dt.</summary>
    public double Time => StepsTaken * TimeStep;

    /// <summary>Throws unless <paramref name="dt"/> is finite and positive.</summary>
    public static void CheckTimeStep(double dt)
    {
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentException($"dt must be finite and positive; got {dt}.", nameof(dt));
    }

    /// <summary>Takes <paramref name="steps"/> steps of dt (stages may stay pending until <see cref="Flush"/>).</summary>
    public void Advance(long steps)
    {
        for (long s = 0; s < steps; s++)
        {
            foreach (var stage in _stages) Push(stage);
            StepsTaken++;
        }
    }

    /// <summary>Advances to t = steps·dt and flushes; <paramref name="time"/> must be an integer multiple of dt (to 1e-9
    /// relative). <paramref name="cancellation"/> is checked every <see cref="CancellationCheckSteps"/> steps; the steps
    /// are the same loop, so the result is bit-identical to an uncancellable run.</summary>
    /// <exception cref="OperationCanceledException">The token fired; the solver is then between two steps.</exception>
    public void AdvanceTo(double time, CancellationToken cancellation)
    {
        var exact = time / TimeStep;
        var steps = (long)Math.Round(exact);
        if (Math.Abs(exact - steps) > 1e-9 * Math.Max(1, exact))
            throw new ArgumentException($"t = {time:R} is not a multiple of dt = {TimeStep:R}.");
        if (steps < StepsTaken) throw new ArgumentException($"t = {time:R} lies before the current time {Time:R}.");
        while (steps - StepsTaken > CancellationCheckSteps)
        {
            cancellation.ThrowIfCancellationRequested();
            Advance(CancellationCheckSteps);
        }
        cancellation.ThrowIfCancellationRequested();
        Advance(steps - StepsTaken);
        Flush();
    }

    /// <summary>Applies every pending stage, ends the open group and materialises the fields: call before reading the state.</summary>
    public void Flush()
    {
        EndGroup();
        _operators.Materialise();
    }

    private void Push(SplitStage stage)
    {
        switch (stage.Operator)
        {
            case SplitOperator.Coupling:
                _pendingCoupling = _couplingPending ? _pendingCoupling + stage.Fraction : stage.Fraction;
                _couplingPending = true;
                break;
            case SplitOperator.Potential:
                HandOverCoupling();
                _operators.Potential(stage.Fraction);
                _groupOpen = true;
                break;
            default:
                EndGroup();
                _operators.Kinetic(stage.Fraction);
                break;
        }
    }

    private void HandOverCoupling()
    {
        if (!_couplingPending) return;
        _couplingPending = false;
        _operators.Coupling(_pendingCoupling);
        _groupOpen = true;
    }

    private void EndGroup()
    {
        HandOverCoupling();
        if (!_groupOpen) return;
        _groupOpen = false;
        _operators.EndGroup();
    }
}
