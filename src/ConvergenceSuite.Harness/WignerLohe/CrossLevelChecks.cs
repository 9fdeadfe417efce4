using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.SchrodingerLohe;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>
/// Schrödinger level against Wigner level: the harness solves the S-L system for the case's wave functions on the same
/// x-grid (the exact-in-time factorised reference, or the S-L split-step solver at a stated scheme and dt), forms the
/// Wigner transforms w[ψ_j, ψ_k] (QuantumSync.Numerics.Wigner) and compares every W-L field w_jk with them:
/// relative L²(ℝ^{2d}) difference ‖w_jk^{W-L} − w[ψ_j, ψ_k]‖ / ‖w[ψ_j, ψ_k]‖ at every sample time.
/// Heatmaps: w1, w2 and Re w12 at the last sample (S-L-derived, W-L, difference).
/// </summary>
public sealed class CrossLevelCheck(double tolerance, string reference, string? scheme, double? dt) : ICheck
{
    /// <inheritdoc />
    public string Id => "wigner-cross-level";
    /// <inheritdoc />
    public string Statement => "Cross-level: the W-L solution equals the Wigner transforms w[ψ_j, ψ_k] of the S-L solution with the same data.";
    /// <summary>Largest allowed relative L² distance ‖w_jk − w[ψ_j, ψ_k]‖/‖w[ψ_j, ψ_k]‖ over t, j, k.</summary>
    public double Tolerance { get; } = tolerance;
    /// <summary>Where the S-L states come from: "exact" (exact-in-time factorised reference) or "split-step".</summary>
    public string Reference { get; } = reference;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = WignerCheckData.Spec(context);
        var payload = WignerCheckData.Payload(context);
        var fields = WignerCheckData.Fields(context);
        var tr = context.Trajectory;
        var n = tr.Oscillators;
        var schemeName = scheme ?? context.Resolution.Scheme;
        var step = dt ?? context.Resolution.TimeStep;
        var states = WignerCheckData.SchrodingerStates(spec, context.Resolution.GridPoints, tr.Times, Reference, schemeName, step);
        using var wigner = new WignerTransform(payload.Grid);
        var errors = new double[n * n][];
        for (var f = 0; f < n * n; f++) errors[f] = new double[tr.Times.Count];
        Complex[][]? lastReference = null;
        for (var s = 0; s < tr.Times.Count; s++)
        {
            var expected = WignerCheckData.WignerFamily(wigner, states[s]);
            for (var f = 0; f < n * n; f++) errors[f][s] = payload.Grid.RelativeDistanceL2(fields[s][f], expected[f]);
            lastReference = expected;
        }
        var perField = errors.Select(MaxOrNaN).ToArray();
        var max = MaxOrNaN(perField);
        var worstField = Array.IndexOf(perField, perField.Max());
        var evidence = Evidence(("max_relative_l2", max), ("tolerance", Tolerance), ("final_time", tr.Times[^1]),
            ("final_max_relative_l2", MaxOrNaN(errors.Select(e => e[^1]))));
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
            evidence[$"max_relative_l2_{WignerCheckData.Name(j, k, n)}"] = perField[j * n + k];
        var referenceText = Reference == "exact" ? "exact-in-time S-L reference" : $"S-L split-step ({schemeName}, dt = {step:G4})";
        var plot = new PlotSpec("W-L against Wigner transforms of S-L", "t", "relative L² difference",
            Enumerable.Range(0, n * n).Where(f => f / n <= f % n)
                .Select(f => Curve(WignerCheckData.Name(f / n, f % n, n), tr.Times, errors[f].Select(v => Math.Max(v, 1e-300))))
                .Append(Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)).ToArray(), LogY: true);
        var heatmaps = new List<HeatmapSpec>();
        var t = tr.Times[^1];
        var shown = n >= 2 ? new[] { (0, 0, "w1"), (1, 1, "w2"), (0, 1, "Re w12") } : [(0, 0, "w1")];
        foreach (var (j, k, label) in shown)
        {
            var w = fields[^1][j * n + k];
            var r = lastReference![j * n + k];
            var diff = w.Select((v, i) => v - r[i]).ToArray();
            heatmaps.Add(WignerCheckData.Heatmap($"{label} from S-L, t = {t:G4}", payload.Grid, r, v => v.Real));
            heatmaps.Add(WignerCheckData.Heatmap($"{label} from W-L, t = {t:G4}", payload.Grid, w, v => v.Real));
            heatmaps.Add(WignerCheckData.Heatmap($"{label}: W-L − S-L, t = {t:G4}", payload.Grid, diff, v => v.Real));
        }
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max over t, j, k of ‖w_jk − w[ψ_j,ψ_k]‖/‖w[ψ_j,ψ_k]‖ = {max:E3} (worst {WignerCheckData.Name(worstField / n, worstField % n, n)}; at t = {t:G4}: {evidence["final_max_relative_l2"]:E3}) against the {referenceText} (tolerance {Tolerance:E1})",
            evidence, [plot], heatmaps);
    }

    /// <summary>{ "tolerance": τ, "reference": "exact" | "split-step", "scheme": name?, "dt": dt? } (scheme/dt only for split-step).</summary>
    internal static CrossLevelCheck Create(WignerCrossLevelParameters p, CheckSite f, Problem problem)
    {
        var spec = WignerCheckData.RequirePure(f, problem, "the cross-level comparison");
        var reference = WignerCheckData.ReadReference(f, p.Reference, spec);
        var scheme = p.Scheme;
        var dt = p.Dt ?? double.NaN;
        if (reference == "exact" && (scheme is not null || !double.IsNaN(dt))) throw f.Error("scheme", "scheme and dt belong to the split-step reference");
        if (scheme is not null)
        {
            try { SplittingSchemes.Get(scheme); }
            catch (ArgumentException e) { throw f.Error("scheme", e.Message); }
        }
        if (!double.IsNaN(dt) && !(dt > 0)) throw f.Error("dt", "must be positive");
        return new CrossLevelCheck(p.Tolerance, reference, scheme, double.IsNaN(dt) ? null : dt);
    }
}

/// <summary>
/// Temporal order of the W-L solver: re-run at a ladder of time steps (grid fixed), error = max_jk relative L² distance
/// of w_jk(T) from the Wigner transforms of the exact-in-time S-L reference on the same grid; the observed order over the
/// detected asymptotic range (Convergence.OrderVerdict) must lie in the stated window, or within the solver's declared
/// order ± <see cref="Solvers.SchemeDeclarations.OrderTolerance"/> when the case states none. This is also the dt ladder
/// of the cross-level difference.
/// </summary>
public sealed class WignerTemporalOrderCheck(IReadOnlyList<double> timeSteps, double finalTime, (double Low, double High)? window, string? scheme)
    : ICheck, Solvers.IUsesSchemes
{
    /// <summary>A check with the stated order window [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public WignerTemporalOrderCheck(IReadOnlyList<double> timeSteps, double finalTime, double low, double high, string? scheme)
        : this(timeSteps, finalTime, (low, high), scheme)
    {
    }

    /// <summary>The case's window; null: the solver's declared order ± <see cref="Solvers.SchemeDeclarations.OrderTolerance"/>.</summary>
    public (double Low, double High)? Window { get; } = window;
    /// <inheritdoc />
    public IEnumerable<string> SchemesUsed => scheme is null ? [] : [scheme];

    /// <summary>Relative error level at which round-off of the phase-space sums dominates (points near it are excluded).</summary>
    public const double RoundOffFloor = 1e-12;

    /// <inheritdoc />
    public string Id => "wigner-temporal-order";
    /// <inheritdoc />
    public string Statement => "The W-L scheme's observed temporal order (against Wigner transforms of the exact S-L solution) lies in the stated window.";
    /// <summary>The dt ladder of the study.</summary>
    public IReadOnlyList<double> TimeSteps { get; } = timeSteps;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = WignerCheckData.Spec(context);
        var states = WignerCheckData.SchrodingerStates(spec, context.Resolution.GridPoints, [finalTime], "exact", "", 0)[0];
        var grid = new PhaseSpaceGrid(spec.Grid(context.Resolution.GridPoints));
        using var wigner = new WignerTransform(grid);
        var expected = WignerCheckData.WignerFamily(wigner, states);
        var schemeName = scheme ?? context.Resolution.Scheme;
        var (low, high) = Studies.StudyFields.ResolveWindow(Window, context.Solver, schemeName, context.Problem);
        var errors = TimeSteps.Select(dt =>
        {
            var run = context.Solver.Run(spec, context.Resolution with { Scheme = schemeName, TimeStep = dt }, storeStates: true, sampleTimes: [finalTime]);
            var fields = (run.Payload as WignerLohePayload)?.Fields?[0] ?? throw new InvalidOperationException("the re-run returned no phase-space fields");
            return MaxOrNaN(fields.Select((w, f) => grid.RelativeDistanceL2(w, expected[f])));
        }).ToArray();
        var study = OrderVerdict.Evaluate(TimeSteps, errors, low, high,
            new OrderVerdictOptions { Range = new AsymptoticRangeOptions { RoundOffFloor = RoundOffFloor } });
        var result = study.ToCheckResult(Id, "max_jk relative L² difference at T");
        return result with { Message = $"{schemeName}: {result.Message}" };
    }

    /// <summary>{ "dts": [...], "final": T?, "window": [lo, hi]?, "scheme": name? }.</summary>
    internal static WignerTemporalOrderCheck Create(WignerTemporalOrderParameters p, CheckSite f, Problem problem)
    {
        var spec = WignerCheckData.RequirePure(f, problem, "the W-L temporal-order study");
        if (CheckContext.ExactPropagator(spec.ToSchrodingerLohe(), spec.Grid(), out var reason) is null) throw f.Error("id", reason);
        var dts = p.Dts;
        if (dts.Length < 4) throw f.Error("dts", $"an order study needs at least 4 time steps; got {dts.Length}");
        if (dts.Any(d => d <= 0) || dts.Distinct().Count() != dts.Length) throw f.Error("dts", "time steps must be positive and distinct");
        var final = p.Final ?? problem.FinalTime;
        if (final <= 0) throw f.Error("final", "must be positive");
        foreach (var dt in dts)
        {
            var ratio = final / dt;
            if (Math.Abs(ratio - Math.Round(ratio)) > 1e-9 * ratio) throw f.Error("dts", $"final time {final} is not a multiple of dt = {dt}");
        }
        var window = Studies.StudyFields.OptionalWindow(f, p.Window);
        var scheme = Studies.StudyFields.Scheme(f, p.Scheme);
        return new WignerTemporalOrderCheck(dts, final, window, scheme);
    }
}
