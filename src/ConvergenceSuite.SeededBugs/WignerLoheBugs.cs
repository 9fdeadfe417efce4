using System.Diagnostics;
using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.WignerLohe;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.WignerLohe;

namespace ConvergenceSuite.SeededBugs;

/// <summary>
/// Seeded bugs of the spectral W-L solver ("spectral-wl"): three defects in how the phase-space data are built (the
/// solver then evolves what it was given correctly, exactly as a real code with a wrong Wigner transform would) and one
/// in the solver's coupling (z frozen at its initial value: a wrong coupling operator on the same engine).
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
            () => new BuggedWignerLoheAdapter(operators: (p, dt, b) => new FrozenCorrelations(p, dt, b))),
    ];

    private static SeededBug Bug(string id, string defect, Func<WignerLoheProblem, WignerLoheProblem> transform) =>
        new(id, defect, Target, Witnesses, () => new BuggedWignerLoheAdapter(data: transform));

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

/// <summary>The spectral W-L adapter with one defect: the solver is handed transformed phase-space data
/// (<paramref name="data"/>), or the engine runs wrong operators (<paramref name="operators"/>). Named "spectral-wl" so
/// that it replaces the real one; never a built-in solver.</summary>
public sealed class BuggedWignerLoheAdapter(
    Func<WignerLoheProblem, WignerLoheProblem>? data = null,
    Func<WignerLoheProblem, double, IFftBackend?, WignerLoheOperators>? operators = null) : ISolverUnderTest
{
    public string Name => "spectral-wl";

    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.WignerLohe];

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not WignerLoheSpec spec) throw new NotSupportedException($"{Name} runs Wigner-Lohe problems only, not {problem.Model}.");
        var discrete = spec.Discretise(resolution.GridPoints);
        if (data is not null) discrete = data(discrete);
        var scheme = SplittingSchemes.Get(resolution.Scheme);
        var watch = Stopwatch.StartNew();
        var ops = operators?.Invoke(discrete, resolution.TimeStep, null) ?? new WignerLoheOperators(discrete, resolution.TimeStep);
        using var solver = new WignerLoheSolver(ops, scheme);
        return SpectralWignerLoheAdapter.Sample(Name, discrete, solver, sampleTimes ?? spec.SampleTimes, storeStates, watch, cancellation);
    }
}
