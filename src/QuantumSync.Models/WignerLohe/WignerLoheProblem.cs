using System.Numerics;
using QuantumSync.Models.Potentials;
using QuantumSync.Numerics.Wigner;

namespace QuantumSync.Models.WignerLohe;

/// <summary>
/// The semi-discrete Wigner-Lohe problem for N identical oscillators: a phase-space grid, K ≥ 0, one potential V
/// (evaluated analytically wherever the Θ[V] step needs it) and the N² initial fields w_jk(0) in the (x,p) layout of
/// <see cref="PhaseSpaceGrid"/>, row-major over (j, k) (w_jj = w_j). The data are expected Hermitian,
/// w_kj = conj(w_jk), and normalised, ∫∫ w_j = 1 (the complex form of the W-L equation assumes z_jj = 1).
/// </summary>
public sealed class WignerLoheProblem
{
    /// <summary>Largest |w_kj − conj(w_jk)| / max|w| accepted: the data must be Hermitian up to round-off.</summary>
    public const double HermitianTolerance = 1e-12;

    /// <summary>Checks the data (N² fields of the grid's size, finite, Hermitian to <see cref="HermitianTolerance"/>, K ≥ 0) and copies them.</summary>
    public WignerLoheProblem(PhaseSpaceGrid grid, double coupling, Potential potential, IReadOnlyList<Complex[]> fields)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(potential);
        ArgumentNullException.ThrowIfNull(fields);
        if (!(coupling >= 0) || double.IsInfinity(coupling)) throw new ArgumentException($"K must be finite and ≥ 0; got {coupling}.", nameof(coupling));
        var n = (int)Math.Round(Math.Sqrt(fields.Count));
        if (n < 1 || n * n != fields.Count) throw new ArgumentException($"N² fields are needed (row-major over j, k); got {fields.Count}.", nameof(fields));
        var scale = 0.0;
        foreach (var f in fields)
        {
            if (f.Length != grid.Count) throw new ArgumentException($"A field has {f.Length} entries; the phase-space grid {grid.Count}.");
            foreach (var v in f)
            {
                if (!double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary)) throw new ArgumentException("A field contains a non-finite value.");
                scale = Math.Max(scale, Complex.Abs(v));
            }
        }
        for (var j = 0; j < n; j++)
        for (var k = j; k < n; k++)
        {
            var a = fields[j * n + k];
            var b = fields[k * n + j];
            for (var i = 0; i < a.Length; i++)
                if (Complex.Abs(b[i] - Complex.Conjugate(a[i])) > HermitianTolerance * scale)
                    throw new ArgumentException($"w_{k}{j} ≠ conj(w_{j}{k}) at entry {i}: the data are not Hermitian.");
        }
        Grid = grid;
        Coupling = coupling;
        Potential = potential;
        Oscillators = n;
        Initial = fields.Select(f => f.ToArray()).ToArray();
    }

    /// <summary>The phase-space grid.</summary>
    public PhaseSpaceGrid Grid { get; }
    /// <summary>K.</summary>
    public double Coupling { get; }
    /// <summary>The common potential V.</summary>
    public Potential Potential { get; }
    /// <summary>N.</summary>
    public int Oscillators { get; }
    /// <summary>w_jk(0) at index j·N + k, (x,p) layout.</summary>
    public IReadOnlyList<Complex[]> Initial { get; }

    /// <summary>The pure-state datum w_jk = w[ψ_j, ψ_k] (Definition 1.1) from wave functions on the x-grid.</summary>
    public static WignerLoheProblem FromWaveFunctions(PhaseSpaceGrid grid, double coupling, Potential potential, IReadOnlyList<Complex[]> psi)
    {
        ArgumentNullException.ThrowIfNull(psi);
        using var wigner = new WignerTransform(grid);
        var n = psi.Count;
        var fields = new Complex[n * n][];
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
            fields[j * n + k] = wigner.Transform(psi[j], psi[k]);
        // w[ψ_k, ψ_j] = conj(w[ψ_j, ψ_k]) holds on the grid up to rounding; make it exact so the family is Hermitian.
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < grid.Count; i++) fields[j * n + j][i] = fields[j * n + j][i].Real;
            for (var k = j + 1; k < n; k++)
                for (var i = 0; i < grid.Count; i++) fields[k * n + j][i] = Complex.Conjugate(fields[j * n + k][i]);
        }
        return new WignerLoheProblem(grid, coupling, potential, fields);
    }

    /// <summary>The same data with another K (e.g. K = 0: the free Wigner flow).</summary>
    public WignerLoheProblem WithCoupling(double coupling) => new(Grid, coupling, Potential, Initial);
}
