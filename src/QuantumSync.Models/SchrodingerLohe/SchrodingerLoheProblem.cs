using System.Numerics;
using QuantumSync.Numerics;

namespace QuantumSync.Models.SchrodingerLohe;

/// <summary>
/// The semi-discrete S-L problem on a periodic grid: N wave functions, coupling K ≥ 0, one potential per
/// oscillator (values on the grid; identical or distinct) and initial data (normalised or not).
/// </summary>
public sealed class SchrodingerLoheProblem
{
    /// <summary>Checks the data (sizes, finite values, non-zero norms, K ≥ 0) and copies them.</summary>
    public SchrodingerLoheProblem(PeriodicGrid grid, double coupling, IReadOnlyList<double[]> potentials, IReadOnlyList<Complex[]> initial)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(potentials);
        ArgumentNullException.ThrowIfNull(initial);
        if (initial.Count < 1) throw new ArgumentException("At least one oscillator is needed.", nameof(initial));
        if (potentials.Count != initial.Count)
            throw new ArgumentException($"{initial.Count} oscillators but {potentials.Count} potentials.", nameof(potentials));
        if (!(coupling >= 0) || double.IsInfinity(coupling)) throw new ArgumentException($"K must be finite and ≥ 0; got {coupling}.", nameof(coupling));
        for (var j = 0; j < initial.Count; j++)
        {
            if (initial[j].Length != grid.Count) throw new ArgumentException($"Initial state {j} has {initial[j].Length} points; the grid {grid.Count}.");
            if (potentials[j].Length != grid.Count) throw new ArgumentException($"Potential {j} has {potentials[j].Length} points; the grid {grid.Count}.");
            if (initial[j].Any(v => !double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary)))
                throw new ArgumentException($"Initial state {j} contains a non-finite value.");
            if (potentials[j].Any(v => !double.IsFinite(v))) throw new ArgumentException($"Potential {j} contains a non-finite value.");
            var norm = Integrals.Norm(initial[j], grid.CellVolume);
            if (!(norm > 0)) throw new ArgumentException($"Initial state {j} has zero norm and cannot be coupled (the Lohe term divides by ||ψ_j||).");
        }
        Grid = grid;
        Coupling = coupling;
        Potentials = potentials.Select(p => p.ToArray()).ToArray();
        Initial = initial.Select(p => p.ToArray()).ToArray();
    }

    /// <summary>The periodic grid.</summary>
    public PeriodicGrid Grid { get; }
    /// <summary>K.</summary>
    public double Coupling { get; }
    /// <summary>N.</summary>
    public int Oscillators => Initial.Count;
    /// <summary>V_j on the grid, one per oscillator.</summary>
    public IReadOnlyList<double[]> Potentials { get; }
    /// <summary>ψ_j(0) on the grid.</summary>
    public IReadOnlyList<Complex[]> Initial { get; }

    /// <summary>True when every V_j equals V_1 pointwise.</summary>
    public bool IdenticalPotentials => Potentials.All(p => p.AsSpan().SequenceEqual(Potentials[0]));
}
