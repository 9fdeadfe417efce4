using System.Numerics;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Models.States;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Wigner;

namespace ConvergenceSuite.Benchmarks;

/// <summary>The benchmark problems: Gaussian packets at distinct centres and momenta in V = x²/8, K = 1.</summary>
public static class Problems
{
    /// <summary>N normalised Gaussians on a cube grid of <paramref name="points"/>^d over [−L/2, L/2)^d.</summary>
    public static SchrodingerLoheProblem SchrodingerLohe(int dimension, int points, double length, int oscillators)
    {
        var grid = PeriodicGrid.Cube(dimension, points, length);
        var potential = grid.Evaluate(x => x.Sum(v => v * v) / 8.0);
        var initial = Enumerable.Range(0, oscillators).Select(j => Packet(grid, j, oscillators)).ToArray();
        return new SchrodingerLoheProblem(grid, 1.0, Enumerable.Repeat(potential, oscillators).ToArray(), initial);
    }

    /// <summary>The pure W-L problem of the same N packets on the (d = 1) phase-space grid of M points per axis.</summary>
    public static WignerLoheProblem WignerLohe(int points, double length, int oscillators)
    {
        var grid = new PhaseSpaceGrid(PeriodicGrid.Cube(1, points, length));
        var psi = Enumerable.Range(0, oscillators).Select(j => Packet(grid.XGrid, j, oscillators)).ToArray();
        return WignerLoheProblem.FromWaveFunctions(grid, 1.0, Potential.Harmonic(0.5), psi);
    }

    /// <summary>Packet j of N: centre and momentum spread over [−1.5, 1.5], width 1 + 0.3 j/N, normalised on the grid.</summary>
    public static Complex[] Packet(PeriodicGrid grid, int j, int oscillators)
    {
        var s = oscillators == 1 ? 0 : -1.5 + 3.0 * j / (oscillators - 1);
        var centre = Enumerable.Repeat(s, grid.Dimension).ToArray();
        var momentum = Enumerable.Repeat(-0.4 * s, grid.Dimension).ToArray();
        return InitialStates.Normalised(InitialStates.Gaussian(grid, centre, momentum, 1.0 + 0.3 * j / oscillators), grid.CellVolume);
    }
}
