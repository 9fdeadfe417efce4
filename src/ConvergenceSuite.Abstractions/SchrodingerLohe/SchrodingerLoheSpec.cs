using System.Numerics;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Models.States;
using QuantumSync.Numerics;

namespace ConvergenceSuite.Abstractions;

/// <summary>The S-L problem: box, default grid, K, one potential per oscillator, initial recipes.</summary>
public sealed class SchrodingerLoheSpec : Problem
{
    /// <summary>An S-L problem on the periodic box [−L_a/2, L_a/2) per axis, with a default grid, K, one potential per oscillator and one initial recipe per oscillator.</summary>
    public SchrodingerLoheSpec(double[] lengths, int[] gridPoints, double coupling, IReadOnlyList<Potential> potentials,
        IReadOnlyList<StateRecipe> initial, bool normalise, double finalTime, IReadOnlyList<double> sampleTimes)
        : base(ModelKind.SchrodingerLohe, initial.Count, coupling, finalTime, sampleTimes)
    {
        Lengths = lengths;
        GridPoints = gridPoints;
        Potentials = potentials;
        Initial = initial;
        Normalise = normalise;
    }

    /// <summary>Box lengths L_a per axis.</summary>
    public double[] Lengths { get; }
    /// <summary>Default grid points per axis (a resolution may ask for others).</summary>
    public int[] GridPoints { get; }
    /// <summary>Space dimension d (1 to 3).</summary>
    public int Dimension => Lengths.Length;
    /// <summary>V_j, one per oscillator.</summary>
    public IReadOnlyList<Potential> Potentials { get; }
    /// <summary>ψ_j(0) as recipes, sampled on whatever grid a run uses.</summary>
    public IReadOnlyList<StateRecipe> Initial { get; }
    /// <summary>Scale each initial state to unit norm (the paper's normalisation after Lemma 2.1).</summary>
    public bool Normalise { get; }

    /// <summary>True when all potentials are the same object or the same description.</summary>
    public bool IdenticalPotentials => Potentials.All(p => ReferenceEquals(p, Potentials[0]) || p.Description == Potentials[0].Description);

    /// <summary>The periodic grid over the box with <paramref name="points"/> per axis (default: <see cref="GridPoints"/>).</summary>
    public PeriodicGrid Grid(int[]? points = null) => new(points ?? GridPoints, Lengths);

    /// <summary>Samples potentials and initial data on the grid; the states are normalised if asked.</summary>
    public SchrodingerLoheProblem Discretise(int[]? points = null)
    {
        var grid = Grid(points);
        var states = new List<Complex[]>();
        for (var j = 0; j < Initial.Count; j++)
        {
            var psi = Initial[j].Sample(grid, states);
            if (Normalise) psi = InitialStates.Normalised(psi, grid.CellVolume, $"initial state of oscillator {j}");
            states.Add(psi);
        }
        var potentials = Potentials.Select(p => grid.Evaluate(x => p[x])).ToArray();
        return new SchrodingerLoheProblem(grid, Coupling, potentials, states);
    }
}
