using System.Numerics;
using ConvergenceSuite.Harness.WignerLohe;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.WignerLohe;

namespace ConvergenceSuite.Harness.SeededBugs;

/// <summary>
/// Seeded bugs of the spectral W-L solver ("spectral-wl"): three defects in how the phase-space data are built (the
/// solver then evolves what it was given correctly, exactly as a real code with a wrong Wigner transform would) and one
/// in the solver's coupling (z frozen at its initial value).
/// </summary>
public sealed class WignerLoheBugs : ISeededBugCatalogue
{
    private const string Target = "spectral-wl";
    private static readonly string[] Witnesses = ["wl-1d-n2-cross-level", "wl-1d-n2-theorem42-pure"];

    public IEnumerable<SeededBug> Bugs =>
    [
        Bug("wigner-missing-2pi", "the Wigner transform without its (2π)^−d prefactor: every field is (2π)^d too large",
            p => Map(p, (_, w) => w.Select(v => v * Math.Pow(2 * Math.PI, p.Grid.Dimension)).ToArray())),
        Bug("wigner-sign-convention", "the opposite sign convention e^{−iy·p} in Definition 1.1: w(x, p) ↦ w(x, −p)",
            p => Map(p, (grid, w) => Remap(grid, w, (m, size) => (size - m) % size))),
        Bug("wigner-p-grid-doubled", "the p-grid spacing taken as 2Δp when sampling: w(x, p_m) ↦ w(x, 2p_m) (zero outside the grid)",
            p => Map(p, (grid, w) => Remap(grid, w, (m, size) => 2 * m - size / 2))),
        new SeededBug("wigner-z-frozen", "z frozen in the W-L coupling: the coefficients (z_jl + z_lk) keep their t = 0 values", Target, Witnesses,
            () => new SpectralWignerLoheAdapter(null, null, freezeCorrelations: true)),
    ];

    private static SeededBug Bug(string id, string defect, Func<WignerLoheProblem, WignerLoheProblem> transform) =>
        new(id, defect, Target, Witnesses, () => new SpectralWignerLoheAdapter(null, transform));

    private static WignerLoheProblem Map(WignerLoheProblem p, Func<PhaseSpaceGrid, Complex[], Complex[]> field) =>
        new(p.Grid, p.Coupling, p.Potential, p.Initial.Select(w => field(p.Grid, w)).ToArray());

    /// <summary>w'(x, p_m) = w(x, p_{source(m)}) along every momentum axis (out-of-range sources give 0). d = 1 and 2.</summary>
    private static Complex[] Remap(PhaseSpaceGrid grid, Complex[] w, Func<int, int, int> source)
    {
        var sizes = grid.XGrid.Sizes;
        var block = grid.BlockSize;
        var result = new Complex[w.Length];
        for (var x = 0; x < block; x++)
        for (var p = 0; p < block; p++)
        {
            // p is the row-major momentum index over the d momentum axes.
            var rest = p;
            var from = 0;
            var valid = true;
            var stride = 1;
            for (var a = sizes.Length - 1; a >= 0; a--)
            {
                var m = rest % sizes[a];
                rest /= sizes[a];
                var s = source(m, sizes[a]);
                if (s < 0 || s >= sizes[a]) valid = false;
                from += s * stride;
                stride *= sizes[a];
            }
            if (valid) result[x * block + p] = w[x * block + from];
        }
        return result;
    }
}
