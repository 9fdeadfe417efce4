using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Reductions;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// Theorem 2.4: under condition (12), Σ_k Re z_jk(0) &gt; 0 for every j, |1 − z_jk(t)| ≲ e^{−Kt}. Tested as a rate:
/// the decay rate λ of max_{j,k} |1 − z_jk(t)| is fitted by <see cref="ExponentialRate"/> (least squares of ln(·) against t) over the samples in
/// the asymptotic window (<see cref="FitCeiling"/> &gt; value &gt; <see cref="FitFloor"/>), and the check passes when
/// |λ − K| ≤ rate tolerance: two-sided, because near z = 1 the correlation ODE linearises to d(1 − z)/dt = −K(1 − z),
/// so the rate is exactly K and a solver that synchronises too fast is as wrong as one too slow.
/// Condition (12) not met at t = 0 (computed by the harness): inconclusive.
/// When too few samples of the solver's z lie in the window, the harness integrates the correlation ODE itself from
/// its own z(0) (identical potentials, normalised data, where the ODE is exact) at the same sample times: if the ODE's
/// solution has enough samples in the window, the run was long enough and the solver's z failed to decay — Fail, not
/// Inconclusive. Only where the ODE does not apply (distinct potentials) or it, too, stays out of the window is the
/// verdict Inconclusive.
/// </summary>
public sealed class Theorem24Check(double rateTolerance) : ICheck
{
    /// <summary>Default: 2 % of K — the linearised decay near z = 1 has rate exactly K, so a correct solution fits K to
    /// better than 1e-3; 2 % leaves room for the fit's pre-asymptotic curvature.</summary>
    public const double DefaultRelativeRateTolerance = 0.02;

    /// <summary>Values below this are at the round-off/solver-error floor of z (≈ 1e-13) and are not fitted.</summary>
    public const double FitFloor = 1e-10;

    /// <summary>Values above this are outside the linear regime near z = 1 and are not fitted.</summary>
    public const double FitCeiling = 1e-2;

    /// <inheritdoc />
    public string Id => "theorem-2.4";
    /// <summary>Fewest samples in the window for a fit (a line through two points has no residual).</summary>
    public const int MinimumWindowSamples = 3;

    /// <inheritdoc />
    public string Statement => "Theorem 2.4: under (12), |1 − z_jk(t)| ≲ e^{−Kt} as t → ∞ (fitted rate = K within tolerance).";
    /// <summary>Absolute tolerance on the rate; when null, <see cref="DefaultRelativeRateTolerance"/>·K.</summary>
    public double? RateTolerance { get; } = double.IsNaN(rateTolerance) ? null : rateTolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var n = tr.Oscillators;
        var k = context.Problem.Coupling;
        var tolerance = RateTolerance ?? DefaultRelativeRateTolerance * k;
        var z0 = context.InitialCorrelations;
        var condition = Enumerable.Range(0, n).Min(j => Enumerable.Range(0, n).Sum(l => z0[j * n + l].Real));
        var distance = tr.Times.Select((_, s) => MaxOrNaN(Enumerable.Range(0, n * n).Select(i => Complex.Abs(1 - tr.Correlations[s][i])))).ToArray();
        var plot = new PlotSpec("max |1 − z_jk(t)| (Theorem 2.4)", "t", "max_jk |1 − z_jk|",
            [Curve("max |1 − z_jk|", tr.Times, distance), Curve("e^{−Kt} slope", tr.Times, tr.Times.Select(t => Math.Exp(-k * t)), reference: true)], LogY: true);
        if (!(condition > 0))
            return new CheckResult(Id, Verdict.Inconclusive, $"condition (12) does not hold: min_j Σ_k Re z_jk(0) = {condition:G6}; the theorem makes no claim",
                Evidence(("condition_12_min", condition)), [plot]);
        if (distance.Any(double.IsNaN))
            return new CheckResult(Id, Verdict.Fail, "the trajectory contains NaN", Evidence(("condition_12_min", condition)), [plot]);
        var window = InWindow(distance);
        if (window.Length < MinimumWindowSamples)
        {
            var odeWindow = OdeSamplesInWindow(context);
            if (odeWindow >= MinimumWindowSamples)
                return new CheckResult(Id, Verdict.Fail,
                    $"only {window.Length} samples of the solver's max |1 − z_jk| lie in the fit window ({FitFloor:E0}, {FitCeiling:E0}), but the correlation ODE from the same z(0) puts {odeWindow} samples there: the run is long enough and the solver's z does not decay as it must",
                    Evidence(("condition_12_min", condition), ("samples_in_window", window.Length), ("ode_samples_in_window", odeWindow)), [plot]);
            return new CheckResult(Id, Verdict.Inconclusive,
                $"only {window.Length} samples lie in the fit window ({FitFloor:E0}, {FitCeiling:E0}) "
                + (odeWindow < 0 ? "(no correlation ODE for distinct potentials or unnormalised data)" : $"and only {odeWindow} of the correlation ODE's")
                + "; lengthen the run or sample more often",
                Evidence(("condition_12_min", condition), ("samples_in_window", window.Length), ("ode_samples_in_window", odeWindow)), [plot]);
        }
        var x = window.Select(s => tr.Times[s]).ToArray();
        var fit = ExponentialRate.Fit(x, window.Select(s => distance[s]).ToArray());
        var (rate, stderr) = (fit.Rate, fit.StandardError);
        var verdict = AtMost(Math.Abs(rate - k), tolerance);
        return new CheckResult(Id, verdict,
            $"fitted decay rate λ = {rate:F4} ± {stderr:E1} over t ∈ [{x[0]}, {x[^1]}] ({x.Length} samples); K = {k}, pass if |λ − K| ≤ {tolerance:G3}",
            Evidence(("fitted_rate", rate), ("rate_stderr", stderr), ("coupling", k), ("rate_tolerance", tolerance), ("condition_12_min", condition), ("fit_start", x[0]), ("fit_end", x[^1])),
            [plot]);
    }

    private static int[] InWindow(double[] distance) =>
        Enumerable.Range(0, distance.Length).Where(s => distance[s] < FitCeiling && distance[s] > FitFloor).ToArray();

    /// <summary>
    /// Samples of the correlation ODE's max |1 − z_jk| (from the harness's z(0), at the trajectory's times) in the fit
    /// window; −1 where the ODE is not the exact reduction (distinct potentials or unnormalised data).
    /// </summary>
    private static int OdeSamplesInWindow(CheckContext context)
    {
        if (context.Problem is not SchrodingerLoheSpec { IdenticalPotentials: true, Normalise: true }) return -1;
        var n = context.Trajectory.Oscillators;
        var ode = CorrelationOde.Solve(context.InitialCorrelations, n, context.Problem.Coupling, context.Trajectory.Times);
        return InWindow(ode.Select(z => MaxOrNaN(z.Select(v => Complex.Abs(1 - v)))).ToArray()).Length;
    }
}
