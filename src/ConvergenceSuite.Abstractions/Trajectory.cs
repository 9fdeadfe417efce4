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
    /// <summary>A solver's output; the sample counts of <paramref name="times"/>, <paramref name="correlations"/> and (when given) <paramref name="states"/> must agree.</summary>
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

    /// <summary>Name of the solver that produced the trajectory.</summary>
    public string Solver { get; }

    /// <summary>The solver's own account of itself (name, version, commit), when it gave one; copied into the case result.</summary>
    public SolverProvenance? Provenance { get; init; }
    /// <summary>Scheme that ran, as the case named it.</summary>
    public string Scheme { get; }
    /// <summary>FFT backend that ran, recorded in reports.</summary>
    public string Backend { get; }
    /// <summary>Time step dt that ran.</summary>
    public double TimeStep { get; }
    /// <summary>The grid of the states, or null when the solver returns none (e.g. Kuramoto).</summary>
    public PeriodicGrid? Grid { get; }
    /// <summary>N, the number of oscillators.</summary>
    public int Oscillators { get; }
    /// <summary>Sample times t_s.</summary>
    public IReadOnlyList<double> Times { get; }
    /// <summary>z at each sample, row-major N×N.</summary>
    public IReadOnlyList<Complex[]> Correlations { get; }
    /// <summary>ψ_j(t_s) per sample and oscillator, or null when not stored.</summary>
    public IReadOnlyList<Complex[][]>? States { get; }
    /// <summary>Wall time of the run, in seconds.</summary>
    public double ElapsedSeconds { get; }

    /// <summary>Model-specific data of other levels (e.g. phase-space fields, Kuramoto phases); checks downcast it.</summary>
    public object? Payload { get; init; }

    /// <summary>z_jk at sample s.</summary>
    public Complex Z(int sample, int j, int k) => Correlations[sample][j * Oscillators + k];
}
