using System.Numerics;
using QuantumSync.Numerics;

namespace ConvergenceSuite.Abstractions;

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

/// <summary>How a solver is asked to discretise: scheme, time step and (optionally) grid points per axis.</summary>
public sealed record Resolution(string Scheme, double TimeStep, int[]? GridPoints = null);

/// <summary>
/// A continuous problem description, independent of resolution: it is discretised for each run so that grid
/// studies can resample the same data.
/// </summary>
public abstract class Problem
{
    /// <summary>Sets the parts every model shares; <paramref name="sampleTimes"/> ascend from 0 to <paramref name="finalTime"/>.</summary>
    protected Problem(ModelKind model, int oscillators, double coupling, double finalTime, IReadOnlyList<double> sampleTimes)
    {
        Model = model;
        Oscillators = oscillators;
        Coupling = coupling;
        FinalTime = finalTime;
        SampleTimes = sampleTimes;
    }

    /// <summary>Which model (level) the problem belongs to.</summary>
    public ModelKind Model { get; }
    /// <summary>N, the number of oscillators (wave functions, phase-space states or phases).</summary>
    public int Oscillators { get; }
    /// <summary>K.</summary>
    public double Coupling { get; }
    /// <summary>End time T of the run.</summary>
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
