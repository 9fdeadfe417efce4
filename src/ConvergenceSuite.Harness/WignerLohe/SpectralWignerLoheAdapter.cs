using System.Diagnostics;
using System.Numerics;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Solvers;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.WignerLohe;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>
/// The phase-space data of a W-L run (<see cref="Trajectory.Payload"/>): the grid, the discretised problem the solver
/// started from, and (when states are stored) every field w_jk at every sample, (x,p) layout, index [sample][j·N + k].
/// </summary>
public sealed record WignerLohePayload(PhaseSpaceGrid Grid, WignerLoheProblem Problem, IReadOnlyList<Complex[][]>? Fields);

/// <summary>Wraps the spectral W-L splitting solver (QuantumSync.Solvers.WignerLohe) as a solver under test.</summary>
public sealed class SpectralWignerLoheAdapter : ISolverUnderTest, ConvergenceSuite.Harness.Solvers.IDeclaresSchemes
{
    /// <summary>Every scheme of the splitting registry, at its registered order.</summary>
    public IReadOnlyList<ConvergenceSuite.Harness.Solvers.DeclaredScheme> Schemes { get; } = ConvergenceSuite.Harness.Solvers.SchemeDeclarations.SplittingRegistry();

    private readonly IFftBackend? _backend;
    private readonly Func<WignerLoheProblem, WignerLoheProblem>? _defect;
    private readonly bool _freezeCorrelations;
    private readonly WignerLoheDefects? _stepDefects;

    public SpectralWignerLoheAdapter() : this(null)
    {
    }

    public SpectralWignerLoheAdapter(IFftBackend? backend) : this(backend, null)
    {
    }

    /// <summary>For the seeded-bug gallery: the solver is handed a transformed initial problem (one defect).</summary>
    /// <remarks>With <c>freezeCorrelations</c> the solver keeps z(0) in its coupling coefficients (a seeded defect).</remarks>
    internal SpectralWignerLoheAdapter(IFftBackend? backend, Func<WignerLoheProblem, WignerLoheProblem>? defect, bool freezeCorrelations = false,
        WignerLoheDefects? stepDefects = null)
    {
        _stepDefects = stepDefects;
        _backend = backend;
        _defect = defect;
        _freezeCorrelations = freezeCorrelations;
    }

    public string Name => "spectral-wl";

    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.WignerLohe];

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not WignerLoheSpec spec) throw new NotSupportedException($"{Name} runs Wigner-Lohe problems only, not {problem.Model}.");
        var discrete = spec.Discretise(resolution.GridPoints);
        if (_defect is not null) discrete = _defect(discrete);
        var scheme = SplittingSchemes.Get(resolution.Scheme);
        var times = sampleTimes ?? spec.SampleTimes;
        var watch = Stopwatch.StartNew();
        using var solver = new WignerLoheSolver(discrete, scheme, resolution.TimeStep, _backend, _freezeCorrelations, _stepDefects);
        var n = discrete.Oscillators;
        var correlations = new List<Complex[]>(times.Count);
        var fields = storeStates ? new List<Complex[][]>(times.Count) : null;
        foreach (var t in times)
        {
            cancellation.ThrowIfCancellationRequested();
            solver.AdvanceTo(t, cancellation);
            var z = new Complex[n * n];
            solver.Correlations(z);
            if (z.Any(v => !double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary)))
                throw new SolverDivergedException($"The correlations became non-finite at t = {t:R}.", t);
            correlations.Add(z);
            if (fields is not null)
            {
                var sample = new Complex[n * n][];
                for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                    sample[j * n + k] = solver.Field(j, k);
                fields.Add(sample);
            }
        }
        return new Trajectory(Name, scheme.Name, solver.Backend.Name, resolution.TimeStep, discrete.Grid.XGrid, n, times, correlations, null,
            watch.Elapsed.TotalSeconds)
        {
            Payload = new WignerLohePayload(solver.Grid, discrete, fields),
        };
    }
}
