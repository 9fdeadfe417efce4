using System.Numerics;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.States;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Wigner;

namespace QuantumSync.Tests.WignerLohe;

/// <summary>Shared problems of the W-L solver tests.</summary>
internal static class WignerLoheFixtures
{
    /// <summary>V = x²/8 (ω = 1/2), the S-L acceptance potential.</summary>
    public static readonly Potential Harmonic = Potential.Harmonic(0.5);

    private static readonly double[] Centres = [-1.5, 1.0, 0.3, -0.4];
    private static readonly double[] Momenta = [0.5, -0.3, 0.6, 0.0];
    private static readonly double[] Widths = [1.0, 1.2, 0.9, 1.1];

    /// <summary>Normalised Gaussian packets on a 1-D grid (data well inside the central half of the box).</summary>
    public static Complex[][] Packets(PeriodicGrid grid, int n) =>
        Enumerable.Range(0, n)
            .Select(j => InitialStates.Normalised(InitialStates.Gaussian(grid,
                Enumerable.Repeat(Centres[j], grid.Dimension).Select((c, a) => a == 0 ? c : -0.5 * c).ToArray(),
                Enumerable.Repeat(Momenta[j], grid.Dimension).Select((p, a) => a == 0 ? p : 0.3 * p).ToArray(), Widths[j]), grid.CellVolume))
            .ToArray();

    /// <summary>Mixed Gaussian states of different widths (σx σp &gt; 1/2), with cross terms c·√(w_j w_k).</summary>
    public static WignerLoheProblem Mixed(PhaseSpaceGrid grid, double coupling, Potential potential, Complex coherence, int n = 2)
    {
        var sx = new[] { 1.0, 0.8, 1.1, 0.9 };
        var sp = new[] { 0.7, 0.9, 0.6, 0.75 };
        var diag = Enumerable.Range(0, n).Select(j => PhaseSpaceStates.Gaussian(grid,
            Enumerable.Repeat(Centres[j], grid.Dimension).ToArray(), Enumerable.Repeat(Momenta[j], grid.Dimension).ToArray(), sx[j], sp[j])).ToArray();
        var fields = new Complex[n * n][];
        for (var j = 0; j < n; j++)
        {
            var mass = grid.Integral(diag[j]).Real;
            for (var i = 0; i < diag[j].Length; i++) diag[j][i] /= mass;
        }
        for (var j = 0; j < n; j++)
        {
            fields[j * n + j] = diag[j];
            for (var k = j + 1; k < n; k++)
            {
                fields[j * n + k] = PhaseSpaceStates.GeometricMeanCoherence(diag[j], diag[k], coherence);
                fields[k * n + j] = PhaseSpaceStates.GeometricMeanCoherence(diag[j], diag[k], Complex.Conjugate(coherence));
            }
        }
        return new WignerLoheProblem(grid, coupling, potential, fields);
    }
}
