using System.Globalization;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Claims;

/// <summary>
/// The ledger's decision rules, each a named constant with its reason. Statements printed with ≲ or "as t → ∞" are
/// tested as rates; bounds with explicit constants as printed (margin over time); balance laws and equations as
/// residuals under refinement.
/// </summary>
public static class ClaimCriteria
{
    /// <summary>A fitted rate counts as meeting λ when λ_fit ≥ λ − max(3σ, 2 % of λ): 3σ covers the fit's own scatter,
    /// 2 % the pre-asymptotic curvature left in a window that starts where |q| ≤ 1e-3 (same as the theorem-2.4 check).</summary>
    public const double RateRelativeTolerance = 0.02;

    /// <summary>Standard errors of the fitted rate allowed before a shortfall counts (3σ).</summary>
    public const double RateSigmas = 3;

    /// <summary>Fewest points in a rate fit; fewer cannot separate a rate from noise.</summary>
    public const int MinimumFitPoints = 8;

    /// <summary>A bound printed with explicit constants holds when value/bound ≤ 1 + 1e-8 at every sample: the solvers'
    /// relative error in these quantities is below 1e-9 at the resolutions used, so anything beyond is not round-off.</summary>
    public const double BoundTolerance = 1e-8;

    /// <summary>A bound is violated when value/bound exceeds 1 + 1e-3: five orders above the solvers' error, so no
    /// discretisation artefact can produce it.</summary>
    public const double BoundViolationMargin = 1e-3;

    /// <summary>A residual that holds must fall at least at this observed order under refinement of δ (and dt ∝ δ): the
    /// stencil is 6th order and the solver 4th order (Yoshida), so 3 leaves one order of slack for pre-asymptotic levels.</summary>
    public const double ResidualMinimumOrder = 3;

    /// <summary>Relative residual at or below which an equation holds outright (the round-off and spatial floor of the
    /// evaluation: spectral derivatives of data resolved to 1e-13 and a δ-stencil amplify round-off by ≈ 1/δ).</summary>
    public const double ResidualFloor = 1e-8;

    /// <summary>A residual is violated when it stays above 1e-4 of the size of the equation's terms…</summary>
    public const double ResidualViolationLevel = 1e-4;

    /// <summary>…and its observed order under refinement is at most 0.5 in magnitude (it does not fall with resolution).</summary>
    public const double ResidualPlateauOrder = 0.5;

    /// <summary>The ledger's window for <see cref="ExponentialRate.Fit"/>: fits log q = a − λ t over the samples with q in
    /// [lo, hi] (and t ≥ tMin); null when fewer than <see cref="MinimumFitPoints"/> qualify.</summary>
    public static RateFit? FitRate(IReadOnlyList<double> times, IReadOnlyList<double> values, double lo, double hi, double tMin = 0)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < times.Count; i++)
        {
            var v = values[i];
            if (times[i] >= tMin && v >= lo && v <= hi && double.IsFinite(v)) { x.Add(times[i]); y.Add(v); }
        }
        if (x.Count < MinimumFitPoints) return null;
        return ExponentialRate.Fit(x, y);
    }

    /// <summary>Tolerance on a rate λ for a fit: max(3σ, 2 % λ).</summary>
    public static double RateTolerance(RateFit fit, double expected) =>
        Math.Max(RateSigmas * fit.StandardError, RateRelativeTolerance * Math.Abs(expected));

    /// <summary>
    /// "|q| ≲ e^{−λt} as t → ∞": holds when λ_fit ≥ λ − tol, violated when λ_fit &lt; λ − tol (q decays more slowly than
    /// claimed), inconclusive without a fit.
    /// </summary>
    public static Verdict RateVerdict(RateFit? fit, double claimed) =>
        fit is null ? Verdict.Inconclusive
        : fit.Rate >= claimed - RateTolerance(fit, claimed) ? Verdict.Pass : Verdict.Fail;

    /// <summary>Bound as printed: holds when max value/bound ≤ 1 + <see cref="BoundTolerance"/>, violated when it exceeds
    /// 1 + <see cref="BoundViolationMargin"/>, inconclusive in between.</summary>
    public static Verdict BoundVerdict(double maxRatio) =>
        !double.IsFinite(maxRatio) ? Verdict.Inconclusive
        : maxRatio <= 1 + BoundTolerance ? Verdict.Pass
        : maxRatio > 1 + BoundViolationMargin ? Verdict.Fail : Verdict.Inconclusive;

    /// <summary>
    /// A residual ladder (relative residuals e_0, e_1, … at δ halved each level): holds when the finest residual is at
    /// the floor or the last observed order log2(e_{L−2}/e_{L−1}) ≥ <see cref="ResidualMinimumOrder"/>; violated when the
    /// finest residual is ≥ <see cref="ResidualViolationLevel"/> and |order| ≤ <see cref="ResidualPlateauOrder"/>.
    /// </summary>
    public static Verdict ResidualVerdict(IReadOnlyList<double> residuals)
    {
        if (residuals.Count < 2 || residuals.Any(r => !double.IsFinite(r))) return Verdict.Inconclusive;
        var last = residuals[^1];
        var order = ObservedOrder(residuals);
        if (last <= ResidualFloor || order >= ResidualMinimumOrder) return Verdict.Pass;
        if (last >= ResidualViolationLevel && Math.Abs(order) <= ResidualPlateauOrder) return Verdict.Fail;
        return Verdict.Inconclusive;
    }

    /// <summary>log2(e_{L−2}/e_{L−1}): the observed order between the two finest levels (δ halves per level).</summary>
    public static double ObservedOrder(IReadOnlyList<double> residuals) =>
        residuals.Count < 2 ? double.NaN : Math.Log2(Math.Max(residuals[^2], double.Epsilon) / Math.Max(residuals[^1], double.Epsilon));

    /// <summary>Entry verdict from its tests: violated if any test is, holds if all hold, else inconclusive.</summary>
    public static Verdict Combine(IEnumerable<Verdict> verdicts)
    {
        var list = verdicts.ToList();
        if (list.Count == 0) return Verdict.Inconclusive;
        if (list.Contains(Verdict.Fail)) return Verdict.Fail;
        return list.All(v => v == Verdict.Pass) ? Verdict.Pass : Verdict.Inconclusive;
    }

    /// <summary>Both forms must agree (e.g. a momentum law in its non-singular and Madelung forms); disagreement is inconclusive.</summary>
    public static Verdict Agree(Verdict a, Verdict b) => a == b ? a : Verdict.Inconclusive;

    /// <summary>Evidence dictionary from pairs.</summary>
    public static IReadOnlyDictionary<string, double> Evidence(params (string Key, double Value)[] items)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, v) in items) d[k] = v;
        return d;
    }

    /// <summary>Compact invariant formatting for messages.</summary>
    public static string N(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>"λ ± σ".</summary>
    public static string Rate(RateFit? f) => f is null ? "no fit" : $"{N(f.Rate)} ± {N(f.StandardError)}";

    /// <summary>A log-y plot of curves (values floored at 1e-300 for the log axis).</summary>
    public static PlotSpec LogPlot(string title, string yLabel, params Series[] series) =>
        new(title, "t", yLabel, series.Select(s => s with { Y = s.Y.Select(v => Math.Max(Math.Abs(v), 1e-300)).ToArray() }).ToList(), LogY: true);

    /// <summary>A ladder plot: residual against δ on log-log axes, with a reference slope.</summary>
    public static PlotSpec LadderPlot(string title, IReadOnlyList<double> deltas, IEnumerable<(string Name, IReadOnlyList<double> Residuals)> curves, int referenceOrder)
    {
        var series = curves.Select(c => new Series(c.Name, deltas, c.Residuals.Select(v => Math.Max(v, 1e-300)).ToArray())).ToList();
        var anchor = series.Count > 0 ? series[0].Y[0] : 1;
        series.Add(new Series($"δ^{referenceOrder}", deltas, deltas.Select(d => anchor * Math.Pow(d / deltas[0], referenceOrder)).ToArray(), IsReference: true));
        return new PlotSpec(title, "sample spacing δ", "relative residual", series, LogX: true, LogY: true);
    }
}
