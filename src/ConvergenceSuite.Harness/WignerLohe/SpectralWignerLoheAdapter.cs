using System.Diagnostics;
using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Solvers;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.WignerLohe;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>Wraps the spectral W-L splitting solver (QuantumSync.Solvers.WignerLohe) as a solver under test.</summary>
public sealed class SpectralWignerLoheAdapter : ISolverUnderTest, IDeclaresSchemes
{
    /// <summary>Every scheme of the splitting registry, at its registered order.</summary>
    public IReadOnlyList<DeclaredScheme> Schemes { get; } = ConvergenceSuite.Harness.Solvers.SchemeDeclarations.SplittingRegistry();

    private readonly IFftBackend? _backend;

    /// <summary>An adapter on the default FFT backend.</summary>
    public SpectralWignerLoheAdapter() : this(null)
    {
    }

    /// <summary>An adapter on <paramref name="backend"/> (null: the default FFT backend).</summary>
    public SpectralWignerLoheAdapter(IFftBackend? backend) => _backend = backend;

    /// <inheritdoc />
    public string Name => "spectral-wl";

    /// <inheritdoc />
    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.WignerLohe];

    /// <inheritdoc />
    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not WignerLoheSpec spec) throw new NotSupportedException($"{Name} runs Wigner-Lohe problems only, not {problem.Model}.");
        var discrete = spec.Discretise(resolution.GridPoints);
        var scheme = SplittingSchemes.Get(resolution.Scheme);
        var watch = Stopwatch.StartNew();
        using var solver = new WignerLoheSolver(discrete, scheme, resolution.TimeStep, _backend);
        return Sample(Name, discrete, solver, sampleTimes ?? spec.SampleTimes, storeStates, watch, cancellation);
    }

    /// <summary>
    /// The trajectory of a W-L splitting run (shared by every adapter over <see cref="WignerLoheSolver"/>), sampled
    /// through <see cref="SplittingSampler"/>; the fields, when stored, go to the <see cref="WignerLohePayload"/>.
    /// </summary>
    /// <param name="name">The solver name reported.</param>
    /// <param name="discrete">The discretised problem the solver started from.</param>
    /// <param name="solver">The solver, at t = 0.</param>
    /// <param name="times">Sample times.</param>
    /// <param name="storeStates">Record every w_jk at every sample.</param>
    /// <param name="watch">Started when the run began (the trajectory's wall time).</param>
    /// <param name="cancellation">Checked between steps.</param>
    public static Trajectory Sample(string name, WignerLoheProblem discrete, WignerLoheSolver solver, IReadOnlyList<double> times, bool storeStates,
        Stopwatch watch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(discrete);
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(watch);
        var n = discrete.Oscillators;
        var run = SplittingSampler.Run(solver, times, storeStates ? () => Fields(solver) : (Func<Complex[][]>?)null, cancellation);
        return new Trajectory(name, solver.Scheme.Name, solver.Backend.Name, solver.TimeStep, discrete.Grid.XGrid, n, times, run.Correlations, null,
            watch.Elapsed.TotalSeconds)
        {
            Payload = new WignerLohePayload(solver.Grid, discrete, run.States),
        };
    }

    private static Complex[][] Fields(WignerLoheSolver solver)
    {
        var n = solver.Oscillators;
        var sample = new Complex[n * n][];
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
            sample[j * n + k] = solver.Field(j, k);
        return sample;
    }
}
