using System.Numerics;
using QuantumSync.Numerics;

namespace ConvergenceSuite.Abstractions;

/// <summary>
/// What a solver under test returns: sample times, the correlation matrix z_jk = &lt;ψ_j, ψ_k&gt; as the solver
/// itself computed it (row-major N×N per sample), and optionally the states (per sample, per oscillator).
/// The harness computes its own observables from the states with <see cref="Integrals"/>.
/// </summary>
public sealed class Trajectory
{
    public Trajectory(string solver, string scheme, string backend, double timeStep, PeriodicGrid? grid, int oscillators,
        IReadOnlyList<double> times, IReadOnlyList<Complex[]> correlations, IReadOnlyList<Complex[][]>? states, double elapsedSeconds)
    {
        if (correlations.Count != times.Count) throw new ArgumentException($"{times.Count} sample times but {correlations.Count} correlation matrices.");
        if (states is not null && states.Count != times.Count) throw new ArgumentException($"{times.Count} sample times but {states.Count} state samples.");
        Solver = solver;
        Scheme = scheme;
        Backend = backend;
        TimeStep = timeStep;
        Grid = grid;
        Oscillators = oscillators;
        Times = times;
        Correlations = correlations;
        States = states;
        ElapsedSeconds = elapsedSeconds;
    }

    public string Solver { get; }

    /// <summary>The solver's own account of itself (name, version, commit), when it gave one; copied into the case result.</summary>
    public SolverProvenance? Provenance { get; init; }
    public string Scheme { get; }
    /// <summary>FFT backend that ran, recorded in reports.</summary>
    public string Backend { get; }
    public double TimeStep { get; }
    public PeriodicGrid? Grid { get; }
    public int Oscillators { get; }
    public IReadOnlyList<double> Times { get; }
    public IReadOnlyList<Complex[]> Correlations { get; }
    public IReadOnlyList<Complex[][]>? States { get; }
    public double ElapsedSeconds { get; }

    /// <summary>Model-specific data of other levels (e.g. phase-space fields, Kuramoto phases); checks downcast it.</summary>
    public object? Payload { get; init; }

    /// <summary>z_jk at sample s.</summary>
    public Complex Z(int sample, int j, int k) => Correlations[sample][j * Oscillators + k];
}
