using System.Diagnostics;
using System.Numerics;
using ConvergenceSuite.Abstractions;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.Splitting;

namespace ConvergenceSuite.Harness.Solvers;

/// <summary>Wraps the built-in split-step Fourier S-L solver (QuantumSync.Solvers) as a solver under test.</summary>
public sealed class SplitStepAdapter(IFftBackend? backend) : ISolverUnderTest, IDeclaresSchemes
{
    /// <summary>Every scheme of the splitting registry, at its registered order.</summary>
    public IReadOnlyList<DeclaredScheme> Schemes { get; } = SchemeDeclarations.SplittingRegistry();

    /// <summary>Uses the process's default FFT backend.</summary>
    public SplitStepAdapter() : this(null)
    {
    }

    /// <inheritdoc />
    public string Name => "split-step";

    /// <inheritdoc />
    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.SchrodingerLohe];

    /// <inheritdoc />
    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not SchrodingerLoheSpec spec) throw new NotSupportedException($"{Name} runs Schrödinger-Lohe problems only, not {problem.Model}.");
        var discrete = spec.Discretise(resolution.GridPoints);
        var scheme = SplittingSchemes.Get(resolution.Scheme);
        var watch = Stopwatch.StartNew();
        using var solver = new SplitStepSolver(discrete, scheme, resolution.TimeStep, backend);
        return Sample(Name, scheme.Name, discrete, solver, solver, sampleTimes ?? spec.SampleTimes, storeStates, watch, cancellation);
    }

    /// <summary>
    /// The trajectory of an S-L splitting run (shared by every adapter over <see cref="SplitStepSolver"/>):
    /// <paramref name="sampled"/> is advanced and read through <see cref="SplittingSampler"/>; the states, when stored, are
    /// ψ_j of <paramref name="states"/> (the same solver, or the one a wrapper around it advances).
    /// </summary>
    /// <param name="name">The solver name reported.</param>
    /// <param name="scheme">The scheme name reported.</param>
    /// <param name="discrete">The discretised problem (its grid is the trajectory's).</param>
    /// <param name="sampled">What is advanced and whose z are recorded.</param>
    /// <param name="states">Whose ψ_j are recorded.</param>
    /// <param name="times">Sample times.</param>
    /// <param name="storeStates">Record ψ_j at every sample.</param>
    /// <param name="watch">Started when the run began (the trajectory's wall time).</param>
    /// <param name="cancellation">Checked between steps.</param>
    public static Trajectory Sample(string name, string scheme, SchrodingerLoheProblem discrete, ISplittingSolver sampled, SplitStepSolver states,
        IReadOnlyList<double> times, bool storeStates, Stopwatch watch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(discrete);
        ArgumentNullException.ThrowIfNull(sampled);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(watch);
        var n = discrete.Oscillators;
        var run = SplittingSampler.Run(sampled, times,
            storeStates ? () => Enumerable.Range(0, n).Select(j => states.State(j).ToArray()).ToArray() : (Func<Complex[][]>?)null, cancellation);
        // The report names every library that ran: the FFT, and the dense backend of the coupling's products at large N.
        var backend = states.DenseBackend == "loops" ? sampled.Backend.Name : $"{sampled.Backend.Name}; {states.DenseBackend}";
        return new Trajectory(name, scheme, backend, sampled.TimeStep, discrete.Grid, n, times, run.Correlations, run.States, watch.Elapsed.TotalSeconds);
    }
}
