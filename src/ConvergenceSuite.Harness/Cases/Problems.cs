using System.Numerics;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.States;
using QuantumSync.Numerics;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.Harness.Cases;

/// <summary>Which level of the model a case describes.</summary>
public enum ModelKind
{
    /// <summary>The Schrödinger-Lohe system (4) / (1).</summary>
    SchrodingerLohe,
    /// <summary>The Wigner-Lohe system (13) / (14) in phase space.</summary>
    WignerLohe,
    /// <summary>The Kuramoto model (7).</summary>
    Kuramoto,
}

/// <summary>
/// Reads the model-specific part of a case file for one value of "model". Readers are found by reflection in the
/// harness assembly, so a new model is a new file.
/// </summary>
public interface IModelReader
{
    /// <summary>The "model" value, e.g. "schrodinger-lohe".</summary>
    string Model { get; }

    /// <summary>Reads the problem and its default resolution; throws <see cref="CaseFileException"/> on bad input.</summary>
    (Problem Problem, Resolution Resolution) Read(JsonFields root);
}

/// <summary>"model": "schrodinger-lohe".</summary>
public sealed class SchrodingerLoheReader : IModelReader
{
    public string Model => "schrodinger-lohe";

    public (Problem Problem, Resolution Resolution) Read(JsonFields root) => CaseLoader.ReadSchrodingerLohe(root);
}

/// <summary>Which verification tier runs a case: quick runs in CI, full adds the expensive ones.</summary>
public enum Tier
{
    Quick,
    Full,
}

/// <summary>How a solver is asked to discretise: scheme, time step and (optionally) grid points per axis.</summary>
public sealed record Resolution(string Scheme, double TimeStep, int[]? GridPoints = null);

/// <summary>
/// A continuous problem description, independent of resolution: it is discretised for each run so that grid
/// studies can resample the same data.
/// </summary>
public abstract class Problem
{
    protected Problem(ModelKind model, int oscillators, double coupling, double finalTime, IReadOnlyList<double> sampleTimes)
    {
        Model = model;
        Oscillators = oscillators;
        Coupling = coupling;
        FinalTime = finalTime;
        SampleTimes = sampleTimes;
    }

    public ModelKind Model { get; }
    public int Oscillators { get; }
    /// <summary>K.</summary>
    public double Coupling { get; }
    public double FinalTime { get; }
    /// <summary>Ascending sample times, starting at 0 and ending at <see cref="FinalTime"/>.</summary>
    public IReadOnlyList<double> SampleTimes { get; }
}

/// <summary>An initial wave function as a recipe that can be sampled on any grid.</summary>
public sealed record StateRecipe(string Description, Func<PeriodicGrid, IReadOnlyList<Complex[]>, Complex[]> Sample)
{
    /// <summary>For a plain Gaussian packet: its parameters, so that references (and seeded bugs) can build it their own
    /// way; null for every other recipe.</summary>
    public GaussianParameters? Gaussian { get; init; }
}

/// <summary>(πσ²)^(−d/4) exp(−|x − x0|²/(2σ²) + i p0·(x − x0)).</summary>
public sealed record GaussianParameters(double[] Center, double[] Momentum, double Width);

/// <summary>The S-L problem: box, default grid, K, one potential per oscillator, initial recipes.</summary>
public sealed class SchrodingerLoheSpec : Problem
{
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

    public double[] Lengths { get; }
    public int[] GridPoints { get; }
    public int Dimension => Lengths.Length;
    public IReadOnlyList<Potential> Potentials { get; }
    public IReadOnlyList<StateRecipe> Initial { get; }
    /// <summary>Scale each initial state to unit norm (the paper's normalisation after Lemma 2.1).</summary>
    public bool Normalise { get; }

    /// <summary>True when all potentials are the same object or the same description.</summary>
    public bool IdenticalPotentials => Potentials.All(p => ReferenceEquals(p, Potentials[0]) || p.Description == Potentials[0].Description);

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
