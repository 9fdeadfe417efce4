using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using QuantumSync.Models.WignerLohe;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>
/// "model": "wigner-lohe". Fields (see verification/cases/README.md): grid { points, lengths } (d = 1 or 2, even
/// points), coupling, potential (one, shared: identical potentials), oscillators (all wave-function recipes as for S-L
/// cases, or all { "kind": "phase-space-gaussian", center, momentum, sigmaX, sigmaP }), coherences (mixed only:
/// [{ "pair": [j, k], "coefficient": [re, im] }]), normalise, time, scheme.
/// </summary>
public sealed class WignerLoheReader : IModelReader
{
    /// <summary>Default initial L² mass fraction of any field allowed in the edge bands of x, p or y: the data must sit
    /// inside (amplitude ≈ 1e-10 there would already spoil 1e-10-level identities). A case may relax it with
    /// "leakageTolerance" (e.g. small d = 2 grids, whose cross-level tolerance is then stated accordingly).</summary>
    public const double InitialLeakageTolerance = 1e-20;

    /// <inheritdoc />
    public string Model => "wigner-lohe";

    /// <inheritdoc />
    public (Problem Problem, Resolution Resolution) Read(JsonFields root)
    {
        var coupling = root.Number("coupling");
        if (coupling < 0) throw root.Error("coupling", $"K must be ≥ 0; got {coupling}");
        var grid = root.Object("grid");
        var points = grid.Integers("points");
        var lengths = grid.Numbers("lengths");
        grid.EnsureAllRead();
        if (points.Length is < 1 or > 2) throw grid.Error("points", $"the W-L solver supports d = 1 or 2 (phase space 2-D or 4-D); got {points.Length} axes");
        if (lengths.Length != points.Length) throw grid.Error("lengths", $"{points.Length} axes in points but {lengths.Length} lengths");
        for (var a = 0; a < points.Length; a++)
        {
            if (points[a] < 4 || points[a] % 2 != 0) throw new CaseFileException(root.File, $"{grid.Child("points")}[{a}]", $"an even number ≥ 4 of points per axis is needed; got {points[a]}");
            if (lengths[a] <= 0) throw new CaseFileException(root.File, $"{grid.Child("lengths")}[{a}]", $"box length must be positive; got {lengths[a]}");
        }
        var d = points.Length;
        var potential = CaseLoader.ReadPotential(root.Object("potential"), d);

        var oscillators = root.Objects("oscillators");
        if (oscillators.Count < 1) throw root.Error("oscillators", "at least one oscillator is needed");
        var kinds = oscillators.Select(o => o.String("kind") == "phase-space-gaussian").ToArray();
        if (kinds.Distinct().Count() > 1)
            throw root.Error("oscillators", "give all oscillators as wave functions (pure data) or all as phase-space states (mixed data), not both");
        List<StateRecipe>? pure = null;
        List<PhaseSpaceGaussianRecipe>? mixed = null;
        var coherences = new List<Coherence>();
        if (!kinds[0]) pure = oscillators.Select((o, j) => CaseLoader.ReadState(o, d, j)).ToList();
        else
        {
            mixed = oscillators.Select(o =>
            {
                var center = CaseLoader.Vector(o, "center", d) ?? throw o.Error("center", "required field is missing");
                var momentum = CaseLoader.Vector(o, "momentum", d) ?? new double[d];
                var sx = o.Number("sigmaX");
                var sp = o.Number("sigmaP");
                if (sx <= 0 || sp <= 0) throw o.Error("sigmaX", "σx and σp must be positive");
                if (sx * sp < 0.5 * (1 - 1e-12)) throw o.Error("sigmaP", $"σx σp = {sx * sp:G6} < 1/2: not a quantum state (uncertainty principle)");
                o.EnsureAllRead();
                return new PhaseSpaceGaussianRecipe(center, momentum, sx, sp);
            }).ToList();
            foreach (var c in root.Has("coherences") ? root.Objects("coherences") : [])
            {
                var pair = c.Integers("pair");
                if (pair.Length != 2 || pair[0] == pair[1] || pair.Any(i => i < 0 || i >= mixed.Count))
                    throw c.Error("pair", $"give two distinct oscillator indices in 0..{mixed.Count - 1}");
                var coefficient = c.Numbers("coefficient");
                if (coefficient.Length != 2) throw c.Error("coefficient", "a complex number is written [re, im]");
                c.EnsureAllRead();
                var (j, k) = pair[0] < pair[1] ? (pair[0], pair[1]) : (pair[1], pair[0]);
                var value = pair[0] < pair[1] ? new Complex(coefficient[0], coefficient[1]) : new Complex(coefficient[0], -coefficient[1]);
                if (coherences.Any(x => x.J == j && x.K == k)) throw c.Error("pair", $"the pair ({j},{k}) is given twice");
                coherences.Add(new Coherence(j, k, value));
            }
        }
        if (pure is not null && root.Has("coherences")) throw root.Error("coherences", "cross terms of pure data are the Wigner cross-transforms; coherences are for phase-space (mixed) data");
        var normalise = root.BooleanOr("normalise", true);
        var (final, samples, dt) = CaseLoader.ReadTime(root);
        var scheme = CaseLoader.ReadScheme(root);
        var leakage = root.NumberOr("leakageTolerance", InitialLeakageTolerance);
        if (!(leakage > 0)) throw root.Error("leakageTolerance", "must be positive");
        var spec = new WignerLoheSpec(lengths, points, coupling, potential, pure, mixed, coherences, normalise, final, samples);
        Validate(root, spec, leakage);
        return (spec, new Resolution(scheme, dt, points));
    }

    /// <summary>Samples the data once: they must be finite, normalisable and away from every edge of the phase-space grid.</summary>
    private static void Validate(JsonFields root, WignerLoheSpec spec, double tolerance)
    {
        WignerLoheProblem problem;
        try { problem = spec.Discretise(); }
        catch (ArgumentException e) { throw root.Error("oscillators", e.Message); }
        var n = problem.Oscillators;
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            var field = problem.Initial[j * n + k];
            if (field.All(v => v == Complex.Zero)) continue;
            var leak = PhaseSpaceLeakage.Measure(problem.Grid, field);
            if (!(leak.Max <= tolerance))
                throw root.Error("oscillators", $"w_{j}{k}(0) is too close to the edge of the phase-space grid: L² fractions x-edge {leak.XEdge:E2}, p-edge {leak.PEdge:E2}, y-end {leak.YEdge:E2} (limit {tolerance:E0}); enlarge the box or refine the grid");
        }
    }
}
