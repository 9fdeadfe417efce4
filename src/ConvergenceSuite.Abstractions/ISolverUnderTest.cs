
namespace ConvergenceSuite.Abstractions;

/// <summary>
/// A solver as the harness sees it. The solver knows nothing of the harness; an adapter implements this.
/// </summary>
public interface ISolverUnderTest
{
    /// <summary>Name recorded in reports, e.g. "split-step".</summary>
    string Name { get; }

    /// <summary>Models this solver can run.</summary>
    IReadOnlyCollection<ModelKind> Models { get; }

    /// <summary>Runs the problem at a resolution and returns samples at <see cref="Problem.SampleTimes"/>
    /// (or at <paramref name="sampleTimes"/> when given). A solver that does not do what the problem asks (a model,
    /// dimension, scheme or option it lacks) throws <see cref="NotSupportedException"/> with the reason: the case's
    /// checks are then Inconclusive with that reason, not failed.</summary>
    Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default);
}
