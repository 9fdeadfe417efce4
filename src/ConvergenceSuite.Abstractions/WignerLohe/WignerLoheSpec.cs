using System.Numerics;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Wigner;

namespace ConvergenceSuite.Abstractions;

/// <summary>A phase-space Gaussian state (mixed unless σx σp = ½), see <see cref="PhaseSpaceStates.Gaussian"/>.</summary>
public sealed record PhaseSpaceGaussianRecipe(double[] Center, double[] Momentum, double SigmaX, double SigmaP)
{
    /// <summary>One line for reports.</summary>
    public string Description => $"phase-space gaussian(x0=[{string.Join(",", Center)}], p0=[{string.Join(",", Momentum)}], σx={SigmaX}, σp={SigmaP})";
}

/// <summary>The mixed cross term w_jk = c·√(w_j w_k) (and w_kj = conj(c)·√(w_j w_k)); unlisted pairs are 0.</summary>
public sealed record Coherence(int J, int K, Complex Coefficient);

/// <summary>
/// The W-L problem of a case: box, default grid, K, the common potential, and the initial data either as wave-function
/// recipes (pure: w_jk = w[ψ_j, ψ_k]) or as phase-space Gaussian states with coherences (mixed).
/// </summary>
public sealed class WignerLoheSpec : Problem
{
    /// <summary>A W-L problem: give <paramref name="pure"/> (wave-function recipes) or <paramref name="mixed"/> (phase-space Gaussians with <paramref name="coherences"/>), not both.</summary>
    public WignerLoheSpec(double[] lengths, int[] gridPoints, double coupling, Potential potential,
        IReadOnlyList<StateRecipe>? pure, IReadOnlyList<PhaseSpaceGaussianRecipe>? mixed, IReadOnlyList<Coherence> coherences,
        bool normalise, double finalTime, IReadOnlyList<double> sampleTimes)
        : base(ModelKind.WignerLohe, pure?.Count ?? mixed!.Count, coupling, finalTime, sampleTimes)
    {
        if ((pure is null) == (mixed is null)) throw new ArgumentException("Give either wave-function or phase-space data.");
        Lengths = lengths;
        GridPoints = gridPoints;
        Potential = potential;
        Pure = pure;
        Mixed = mixed;
        Coherences = coherences;
        Normalise = normalise;
    }

    /// <summary>Box lengths L_a of x per axis.</summary>
    public double[] Lengths { get; }
    /// <summary>Default grid points of x per axis (the momentum grid follows from it).</summary>
    public int[] GridPoints { get; }
    /// <summary>Space dimension d (phase space has 2d).</summary>
    public int Dimension => Lengths.Length;
    /// <summary>The common potential V (W-L cases have identical potentials).</summary>
    public Potential Potential { get; }
    /// <summary>Wave-function recipes (pure data), or null.</summary>
    public IReadOnlyList<StateRecipe>? Pure { get; }
    /// <summary>Phase-space states (mixed data), or null.</summary>
    public IReadOnlyList<PhaseSpaceGaussianRecipe>? Mixed { get; }
    /// <summary>Coherences of mixed data (empty for pure data).</summary>
    public IReadOnlyList<Coherence> Coherences { get; }
    /// <summary>Scale the data so that ∫∫ w_j = 1 (‖ψ_j‖ = 1 for wave functions) on the grid.</summary>
    public bool Normalise { get; }
    /// <summary>True for wave-function (pure) data.</summary>
    public bool IsPure => Pure is not null;

    /// <summary>The x grid with <paramref name="points"/> per axis (default: <see cref="GridPoints"/>).</summary>
    public PeriodicGrid Grid(int[]? points = null) => new(points ?? GridPoints, Lengths);

    /// <summary>The same problem as a Schrödinger-Lohe spec (pure data only), optionally with another K.</summary>
    public SchrodingerLoheSpec ToSchrodingerLohe(double? coupling = null)
    {
        if (Pure is null) throw new InvalidOperationException("Mixed phase-space data have no wave functions.");
        return new SchrodingerLoheSpec(Lengths, GridPoints, coupling ?? Coupling, Enumerable.Repeat(Potential, Pure.Count).ToArray(), Pure,
            Normalise, FinalTime, SampleTimes);
    }

    /// <summary>The same data with another K (e.g. K = 0, the free Wigner flow).</summary>
    public WignerLoheSpec WithCoupling(double coupling) =>
        new(Lengths, GridPoints, coupling, Potential, Pure, Mixed, Coherences, Normalise, FinalTime, SampleTimes);

    /// <summary>Samples the data on the phase-space grid over <paramref name="points"/> (default grid).</summary>
    public WignerLoheProblem Discretise(int[]? points = null)
    {
        var grid = Grid(points);
        var phase = new PhaseSpaceGrid(grid);
        if (Pure is not null)
        {
            var psi = ToSchrodingerLohe().Discretise(points).Initial;
            return WignerLoheProblem.FromWaveFunctions(phase, Coupling, Potential, psi);
        }
        var n = Mixed!.Count;
        var diagonal = Mixed.Select(m => PhaseSpaceStates.Gaussian(phase, m.Center, m.Momentum, m.SigmaX, m.SigmaP)).ToArray();
        if (Normalise)
            foreach (var w in diagonal)
            {
                var mass = phase.Integral(w).Real;
                for (var i = 0; i < w.Length; i++) w[i] /= mass;
            }
        var fields = new Complex[n * n][];
        for (var j = 0; j < n; j++) fields[j * n + j] = diagonal[j];
        foreach (var c in Coherences)
        {
            fields[c.J * n + c.K] = PhaseSpaceStates.GeometricMeanCoherence(diagonal[c.J], diagonal[c.K], c.Coefficient);
            fields[c.K * n + c.J] = PhaseSpaceStates.GeometricMeanCoherence(diagonal[c.J], diagonal[c.K], Complex.Conjugate(c.Coefficient));
        }
        for (var f = 0; f < fields.Length; f++) fields[f] ??= new Complex[phase.Count];
        return new WignerLoheProblem(phase, Coupling, Potential, fields);
    }
}
