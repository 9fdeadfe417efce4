namespace QuantumSync.Solvers.Kuramoto;

/// <summary>
/// Step-size settings. Fixed-step schemes read <see cref="TimeStep"/>; adaptive schemes read the tolerances.
/// Setting both lets one options object serve a loop over <see cref="KuramotoSchemes.All"/>.
/// </summary>
public sealed record KuramotoSolverOptions
{
    /// <summary>Largest step dt of a fixed-step scheme. Each interval between sample times is split into
    /// n = ⌈Δt/dt⌉ equal steps, so the step equals dt exactly when the sample times are multiples of dt.</summary>
    public double TimeStep { get; init; } = 0.01;

    /// <summary>Absolute tolerance atol of the adaptive error test (per component, radians).</summary>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>Relative tolerance rtol: a step is accepted when
    /// √((1/N) Σ_j (e_j / (atol + rtol·max(|θ_j(t)|, |θ_j(t+h)|)))²) ≤ 1. Note that θ is unwrapped and grows like Ω t,
    /// so rtol loosens the absolute phase error as |θ| grows; use rtol = 0 for a purely absolute control.</summary>
    public double RelativeTolerance { get; init; } = 1e-9;

    /// <summary>First trial step of an adaptive scheme; null: chosen automatically from f(θ(0)).</summary>
    public double? InitialStep { get; init; }

    /// <summary>Upper bound on step attempts (accepted + rejected) before the solver gives up.</summary>
    public long MaxSteps { get; init; } = 50_000_000;

    /// <summary>Store θ_j(t_i) for every sample (N doubles per sample). False: only the order parameter and the final phases.</summary>
    public bool RecordPhases { get; init; } = true;

    /// <summary>Fixed-step settings.</summary>
    public static KuramotoSolverOptions FixedStep(double timeStep) => new() { TimeStep = timeStep };

    /// <summary>Adaptive settings.</summary>
    public static KuramotoSolverOptions Adaptive(double absoluteTolerance, double relativeTolerance) =>
        new() { AbsoluteTolerance = absoluteTolerance, RelativeTolerance = relativeTolerance };

    internal void Validate(KuramotoScheme scheme)
    {
        if (scheme.IsAdaptive)
        {
            if (!double.IsFinite(AbsoluteTolerance) || AbsoluteTolerance < 0 || !double.IsFinite(RelativeTolerance) || RelativeTolerance < 0
                || AbsoluteTolerance + RelativeTolerance <= 0)
                throw new ArgumentException(
                    $"Tolerances must be finite, ≥ 0 and not both zero; got atol = {AbsoluteTolerance}, rtol = {RelativeTolerance}.");
            if (InitialStep is { } h && (!double.IsFinite(h) || h <= 0))
                throw new ArgumentException($"The initial step must be positive and finite, got {h}.");
        }
        else if (!double.IsFinite(TimeStep) || TimeStep <= 0)
        {
            throw new ArgumentException($"The time step dt must be positive and finite, got {TimeStep}.");
        }
        if (MaxSteps <= 0) throw new ArgumentException($"MaxSteps must be positive, got {MaxSteps}.");
    }
}
