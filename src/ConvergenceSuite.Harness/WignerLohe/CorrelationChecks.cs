using System.Numerics;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.WignerLohe;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>
/// Lemma 4.1 on the W-L correlation z12(t) = ∫∫ w12 dx dp as the solver reports it, N = 2:
/// z12(t) = ((1 + z0) e^{Kt} − (1 − z0)) / ((1 + z0) e^{Kt} + (1 − z0)), z0 = ∫∫ w12(0) sampled by the harness.
/// </summary>
public sealed class WignerLemma41Check(double tolerance) : ICheck
{
    /// <summary>Default: z changes only in the coupling sub-flow, which is integrated to ≈ 1e-15 per step; 1e-10 leaves
    /// room for 1e4 steps of rounding in the phase-space sums.</summary>
    public const double DefaultTolerance = 1e-10;

    /// <inheritdoc />
    public string Id => "wigner-lemma-4.1";
    /// <inheritdoc />
    public string Statement => "Lemma 4.1 on the W-L level: z12(t) = ∫∫ w12 = tanh(Kt/2 + artanh z0) for N = 2.";
    /// <summary>Largest allowed max_t |z12(t) − tanh(Kt/2 + artanh z0)|.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var z0 = WignerCheckData.InitialCorrelations(WignerCheckData.Initial(context))[1];
        var k = context.Problem.Coupling;
        var error = tr.Times.Select((t, s) => Complex.Abs(tr.Z(s, 0, 1) - Lemma41.Z(z0, k, t))).ToArray();
        var max = MaxOrNaN(error);
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max_t |z12(t) − Lemma 4.1| = {max:E3} over t ∈ [0, {tr.Times[^1]}] (tolerance {Tolerance:E1}); z0 = {z0.Real:G6}{(z0.Imaginary >= 0 ? "+" : "")}{z0.Imaginary:G6}i",
            Evidence(("max_abs_error", max), ("tolerance", Tolerance), ("z0_re", z0.Real), ("z0_im", z0.Imaginary)),
            [new PlotSpec("|z12(t) − Lemma 4.1| (W-L)", "t", "|Δz|", [Curve("|z12 − closed form|", tr.Times, error),
                Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true)]);
    }
}

/// <summary>
/// The W-L correlations against the correlation ODE dz_jk/dt = (K/2N)(1 − z_jk) Σ_l (z_jl + z_lk) (Models.Reductions,
/// DOPRI5 at 1e-14) from the harness's z(0) = ∫∫ w_jk(0).
/// </summary>
public sealed class WignerCorrelationOdeCheck(double tolerance) : ICheck
{
    /// <summary>Default: as for Lemma 4.1 on this level, plus the ODE integrator's ≈ 1e-13.</summary>
    public const double DefaultTolerance = 1e-10;

    /// <inheritdoc />
    public string Id => "wigner-correlation-ode";
    /// <inheritdoc />
    public string Statement => "W-L correlations z_jk = ∫∫ w_jk solve dz_jk/dt = (K/2N)(1 − z_jk) Σ_l (z_jl + z_lk).";
    /// <summary>Largest allowed max_t max_jk |z_jk − z_jk^ODE|.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var n = tr.Oscillators;
        var z0 = WignerCheckData.InitialCorrelations(WignerCheckData.Initial(context));
        var expected = CorrelationOde.Solve(z0, n, context.Problem.Coupling, tr.Times);
        var error = tr.Times.Select((_, s) => MaxOrNaN(Enumerable.Range(0, n * n).Select(i => Complex.Abs(tr.Correlations[s][i] - expected[s][i])))).ToArray();
        var max = MaxOrNaN(error);
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max_t max_jk |z_jk − ODE| = {max:E3} for N = {n} (tolerance {Tolerance:E1})",
            Evidence(("max_abs_error", max), ("tolerance", Tolerance), ("oscillators", n)),
            [new PlotSpec("|z(t) − correlation ODE| (W-L)", "t", "max_jk |Δz_jk|", [Curve("W-L vs ODE", tr.Times, error),
                Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true)]);
    }
}

/// <summary>
/// Leakage monitor: the largest L² fraction of any field w_jk in the edge bands of x, of the p-range and of the y-window
/// (Models.WignerLohe.PhaseSpaceLeakage), over all samples, must stay below the tolerance: mass there wraps silently.
/// </summary>
public sealed class PhaseSpaceLeakageCheck(double tolerance) : ICheck
{
    /// <summary>Default: an L² fraction of 1e-18 is an amplitude ≈ 1e-9 of the field's scale, below the 1e-8 cross-level
    /// tolerance; the loader already demands 1e-20 at t = 0.</summary>
    public const double DefaultTolerance = 1e-18;

    /// <inheritdoc />
    public string Id => "phase-space-leakage";
    /// <inheritdoc />
    public string Statement => "The phase-space data stay away from the x-box edges, the p-range ends and the y-window ends |y| = L/2.";
    /// <summary>Largest allowed L² fraction of any w_jk in the edge bands of x, p or y.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var payload = WignerCheckData.Payload(context);
        var fields = WignerCheckData.Fields(context);
        var x = new double[tr.Times.Count];
        var p = new double[tr.Times.Count];
        var y = new double[tr.Times.Count];
        for (var s = 0; s < fields.Count; s++)
        {
            foreach (var w in fields[s])
            {
                if (w.All(v => v == Complex.Zero)) continue;
                var leak = PhaseSpaceLeakage.Measure(payload.Grid, w);
                x[s] = NanMax(x[s], leak.XEdge);
                p[s] = NanMax(p[s], leak.PEdge);
                y[s] = NanMax(y[s], leak.YEdge);
            }
        }
        double mx = MaxOrNaN(x), mp = MaxOrNaN(p), my = MaxOrNaN(y);
        var worst = MaxOrNaN([mx, mp, my]);
        var floor = 1e-300; // keep zeros plottable on a log axis
        return new CheckResult(Id, AtMost(worst, Tolerance),
            $"max L² fraction in edge bands: x {mx:E2}, p {mp:E2}, y {my:E2} (tolerance {Tolerance:E1}; bands {PhaseSpaceLeakage.EdgeFraction:P0} of each range)",
            Evidence(("x_edge_max", mx), ("p_edge_max", mp), ("y_edge_max", my), ("tolerance", Tolerance)),
            [new PlotSpec("Phase-space leakage (max over fields)", "t", "L² fraction in edge band",
                [Curve("x-edge", tr.Times, x.Select(v => Math.Max(v, floor))), Curve("p-edge", tr.Times, p.Select(v => Math.Max(v, floor))),
                 Curve("y-end", tr.Times, y.Select(v => Math.Max(v, floor))), Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true)]);
    }

    private static double NanMax(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);
}

/// <summary>
/// The Moyal link for pure data: ‖w_j − w_k‖²_{L²(ℝ^{2d})} = (2π)^{−d} (z_jj² + z_kk² − 2|z_jk|²) (z_jj = ‖ψ_j‖²), at every
/// sample for every pair, with both sides computed by the harness from the stored fields. Error measured in units of
/// (2π)^{−d}.
/// </summary>
public sealed class MoyalLinkCheck(double tolerance) : ICheck
{
    /// <summary>Default: on the grid the identity is exact up to rounding when spectra stay below π/(2Δx) and the y-ends
    /// are empty (WignerTransform remarks); 1e-10 also absorbs the W-L solution's own deviation from purity.</summary>
    public const double DefaultTolerance = 1e-10;

    /// <inheritdoc />
    public string Id => "moyal-link";
    /// <inheritdoc />
    public string Statement => "Moyal link for pure data: ‖w_j − w_k‖² = (2π)^{−d}(2 − 2|z_jk|²) for normalised states.";
    /// <summary>Largest allowed |‖w_j − w_k‖² − (2π)^{−d}(z_jj² + z_kk² − 2|z_jk|²)|, in units of (2π)^{−d}.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var grid = WignerCheckData.Payload(context).Grid;
        var fields = WignerCheckData.Fields(context);
        var n = tr.Oscillators;
        var unit = Math.Pow(2 * Math.PI, -grid.Dimension);
        var error = new double[fields.Count];
        for (var s = 0; s < fields.Count; s++)
        {
            var z = WignerCheckData.Correlations(grid, fields[s]);
            var worst = 0.0;
            for (var j = 0; j < n; j++)
            for (var k = j + 1; k < n; k++)
            {
                var d = grid.DistanceL2(fields[s][j * n + j], fields[s][k * n + k]);
                var rhs = unit * (z[j * n + j].Real * z[j * n + j].Real + z[k * n + k].Real * z[k * n + k].Real - 2 * Complex.Abs(z[j * n + k]) * Complex.Abs(z[j * n + k]));
                var e = Math.Abs(d * d - rhs) / unit;
                worst = double.IsNaN(e) ? double.NaN : Math.Max(worst, e);
            }
            error[s] = worst;
        }
        var max = MaxOrNaN(error);
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max over t and pairs |‖w_j − w_k‖² − (2π)^−d(z_jj² + z_kk² − 2|z_jk|²)| = {max:E3}·(2π)^−d (tolerance {Tolerance:E1})",
            Evidence(("max_error_in_units_of_2pi_minus_d", max), ("tolerance", Tolerance)),
            [new PlotSpec("Moyal link error", "t", "error / (2π)^−d", [Curve("max over pairs", tr.Times, error.Select(v => Math.Max(v, 1e-300))),
                Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true)]);
    }
}
