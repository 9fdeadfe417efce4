using System.Diagnostics;
using System.Numerics;
using ConvergenceSuite.Abstractions;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Solvers.SchrodingerLohe;

namespace PluginSolver;

/// <summary>
/// Two S-L solvers in an assembly of their own, loaded by path: a correct one, and one with the defect a user's solver
/// might have (it couples with K/2: a factor-of-two slip in the Lohe term's 1/N or ½). The tests show the harness runs
/// both from outside its own assembly and tells them apart. Both declare their schemes (<see cref="IDeclaresSchemes"/>):
/// the built-in registry's, and one of their own, "plugin-strang" (Strang splitting under the plug-in's name, order 2), the
/// way a user's solver declares a scheme the suite does not know.
/// </summary>
public abstract class PluginSplitStepBase : ISolverUnderTest, IDeclaresSchemes
{
    /// <summary>The plug-in's own name for Strang splitting.</summary>
    public const string PluginStrang = "plugin-strang";

    public abstract string Name { get; }

    public IReadOnlyList<DeclaredScheme> Schemes { get; } =
        [.. SplittingSchemes.All.Select(s => new DeclaredScheme(s.Name, s.Order)), new DeclaredScheme(PluginStrang, 2)];

    /// <summary>The factor this solver multiplies K by (1 for the correct solver).</summary>
    protected abstract double CouplingFactor { get; }

    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.SchrodingerLohe];

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not SchrodingerLoheSpec spec) throw new NotSupportedException($"{Name} runs Schrödinger-Lohe problems only.");
        var d = spec.Discretise(resolution.GridPoints);
        var discrete = new SchrodingerLoheProblem(d.Grid, d.Coupling * CouplingFactor, d.Potentials, d.Initial);
        var scheme = string.Equals(resolution.Scheme, PluginStrang, StringComparison.OrdinalIgnoreCase)
            ? SplittingSchemes.Strang
            : SplittingSchemes.Get(resolution.Scheme);
        var times = sampleTimes ?? spec.SampleTimes;
        var watch = Stopwatch.StartNew();
        using var solver = new SplitStepSolver(discrete, scheme, resolution.TimeStep);
        var n = discrete.Oscillators;
        var correlations = new List<Complex[]>();
        var states = storeStates ? new List<Complex[][]>() : null;
        foreach (var t in times)
        {
            cancellation.ThrowIfCancellationRequested();
            solver.AdvanceTo(t);
            var z = new Complex[n * n];
            solver.Correlations(z);
            correlations.Add(z);
            states?.Add(Enumerable.Range(0, n).Select(j => solver.State(j).ToArray()).ToArray());
        }
        return new Trajectory(Name, resolution.Scheme, solver.Backend.Name, resolution.TimeStep, discrete.Grid, n, times, correlations, states, watch.Elapsed.TotalSeconds);
    }
}

/// <summary>The correct plug-in solver.</summary>
public sealed class PluginSplitStep : PluginSplitStepBase
{
    public override string Name => "plugin-split-step";
    protected override double CouplingFactor => 1;
}

/// <summary>The plug-in solver with a factor-of-two slip in the coupling.</summary>
public sealed class PluginHalfCoupling : PluginSplitStepBase
{
    public override string Name => "plugin-half-coupling";
    protected override double CouplingFactor => 0.5;
}
