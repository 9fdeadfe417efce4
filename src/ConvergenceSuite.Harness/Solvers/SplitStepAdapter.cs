using System.Diagnostics;
using System.Numerics;
using ConvergenceSuite.Harness.Cases;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;

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

    public string Name => "split-step";

    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.SchrodingerLohe];

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not SchrodingerLoheSpec spec) throw new NotSupportedException($"{Name} runs Schrödinger-Lohe problems only, not {problem.Model}.");
        var discrete = spec.Discretise(resolution.GridPoints);
        var scheme = SplittingSchemes.Get(resolution.Scheme);
        var times = sampleTimes ?? spec.SampleTimes;
        var watch = Stopwatch.StartNew();
        using var solver = new SplitStepSolver(discrete, scheme, resolution.TimeStep, backend);
        var n = discrete.Oscillators;
        var correlations = new List<Complex[]>(times.Count);
        var states = storeStates ? new List<Complex[][]>(times.Count) : null;
        foreach (var t in times)
        {
            cancellation.ThrowIfCancellationRequested();
            solver.AdvanceTo(t, cancellation);
            var z = new Complex[n * n];
            solver.Correlations(z);
            if (z.Any(v => !double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary)))
                throw new SolverDivergedException($"The correlations became non-finite at t = {t:R}.", t);
            correlations.Add(z);
            states?.Add(Enumerable.Range(0, n).Select(j => solver.State(j).ToArray()).ToArray());
        }
        return new Trajectory(Name, scheme.Name, solver.Backend.Name, resolution.TimeStep, discrete.Grid, n, times, correlations, states, watch.Elapsed.TotalSeconds);
    }
}
