using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Solvers;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.States;

namespace ConvergenceSuite.SeededBugs;

/// <summary>
/// A split-step solver that samples the case's potentials and initial data itself (as a user's solver handed the case
/// description does) with one per-axis defect, then runs the real solver on what it sampled. Named "split-step" so that
/// it replaces the real one.
/// </summary>
public sealed class SelfSamplingSplitStepAdapter : ISolverUnderTest
{
    private readonly Func<Potential, int, Potential> _potential;
    private readonly Func<StateRecipe, int, StateRecipe> _state;

    internal SelfSamplingSplitStepAdapter(Func<Potential, int, Potential>? potential = null, Func<StateRecipe, int, StateRecipe>? state = null)
    {
        _potential = potential ?? ((v, _) => v);
        _state = state ?? ((s, _) => s);
    }

    public string Name => "split-step";

    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.SchrodingerLohe];

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not SchrodingerLoheSpec spec) throw new NotSupportedException($"{Name} runs Schrödinger-Lohe problems only, not {problem.Model}.");
        var d = spec.Dimension;
        var sampled = new SchrodingerLoheSpec(spec.Lengths, spec.GridPoints, spec.Coupling,
            spec.Potentials.Select(v => _potential(v, d)).ToArray(), spec.Initial.Select(s => _state(s, d)).ToArray(),
            spec.Normalise, spec.FinalTime, spec.SampleTimes);
        return new SplitStepAdapter().Run(sampled, resolution, storeStates, sampleTimes, cancellation);
    }

    /// <summary>c_a read from axis (a + 1) mod d: a harmonic potential centred at the rotated centre.</summary>
    internal static Potential CentreOnWrongAxis(Potential v, int dimension)
    {
        if (v.HarmonicOmegas is not { } omegas || v.HarmonicCenter is not { } center || dimension < 2) return v;
        var c = Enumerable.Range(0, dimension).Select(a => a < center.Length ? center[a] : 0.0).ToArray();
        var rotated = Enumerable.Range(0, dimension).Select(a => c[(a + 1) % dimension]).ToArray();
        return Potential.Harmonic(omegas, rotated, v.HarmonicOffset);
    }

    /// <summary>A Gaussian packet whose centre component on axis a is read from axis (a + 1) mod d.</summary>
    internal static StateRecipe GaussianCentreOnWrongAxis(StateRecipe s, int dimension)
    {
        if (s.Gaussian is not { } g || dimension < 2) return s;
        var rotated = Enumerable.Range(0, dimension).Select(a => g.Center[(a + 1) % dimension]).ToArray();
        return new StateRecipe(s.Description + " (centre on the wrong axis)", (grid, _) => InitialStates.Gaussian(grid, rotated, g.Momentum, g.Width));
    }
}

/// <summary>
/// Per-axis seeded bugs of the split-step S-L solver: defects that only show when the axes differ (box lengths, point
/// counts, off-centre anisotropic potentials, off-centre data). On the square boxes and centred traps of the original
/// d ≥ 2 cases none of them is seen by any check; the non-square cases with the exact separable reference catch them.
/// </summary>
public sealed class AxisBugs : ISeededBugCatalogue
{
    private const string Target = "split-step";

    public IEnumerable<SeededBug> Bugs =>
    [
        new("wavenumbers-first-axis",
            "every axis computes its wavenumbers from the first axis' box length: k = 2πn/L_1 on axis a instead of 2πn/L_a",
            Target, ["sl-2d-n3-rect-harmonic"],
            () => new BuggedSplitStepAdapter(new SplitStepVariant { Operators = (p, dt, b) => new WavenumbersFromFirstAxis(p, dt, b) })),
        new("potential-centre-wrong-axis",
            "the harmonic potential reads its centre on the wrong axis: ω_a²(x_a − c_{a+1})²/2 instead of ω_a²(x_a − c_a)²/2",
            Target, ["sl-2d-n3-rect-harmonic"],
            () => new SelfSamplingSplitStepAdapter(potential: SelfSamplingSplitStepAdapter.CentreOnWrongAxis)),
        new("initial-centre-wrong-axis",
            "Gaussian initial data read their centre on the wrong axis: x0_{a+1} used on axis a instead of x0_a",
            Target, ["sl-2d-n3-rect-harmonic"],
            () => new SelfSamplingSplitStepAdapter(state: SelfSamplingSplitStepAdapter.GaussianCentreOnWrongAxis)),
    ];
}
