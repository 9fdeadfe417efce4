using System.Numerics;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.WignerLohe;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>‖w1 − w2‖²(t) from the stored fields, with the harness's z0 and ‖w1 − w2‖²(0) from its own sampling.</summary>
internal sealed record DifferenceSeries(double[] Times, double[] Measured, double Initial, Complex Z0, double Mass1, double Mass2)
{
    public static DifferenceSeries From(CheckContext context)
    {
        var payload = WignerCheckData.Payload(context);
        var fields = WignerCheckData.Fields(context);
        var initial = WignerCheckData.Initial(context);
        var z = WignerCheckData.InitialCorrelations(initial);
        var d0 = initial.Grid.DistanceL2(initial.Initial[0], initial.Initial[3]);
        var measured = fields.Select(f =>
        {
            var d = payload.Grid.DistanceL2(f[0], f[3]);
            return d * d;
        }).ToArray();
        return new DifferenceSeries(context.Trajectory.Times.ToArray(), measured, d0 * d0, z[1], z[0].Real, z[3].Real);
    }

    /// <summary>Why Theorem 4.2 makes no claim for these data, or null when its assumptions hold.</summary>
    public string? AssumptionFailure()
    {
        if (Math.Abs(Mass1 - 1) > MassTolerance || Math.Abs(Mass2 - 1) > MassTolerance)
            return $"∫∫ w1 = {Mass1:R}, ∫∫ w2 = {Mass2:R}: the theorem assumes both equal 1";
        if (Complex.Abs(Z0) > 1 + MassTolerance) return $"|∫∫ w12(0)| = {Complex.Abs(Z0):R} > 1";
        if (Complex.Abs(Z0 + 1) <= MassTolerance) return "∫∫ w12(0) = −1 is excluded (Remark 3)";
        return null;
    }

    /// <summary>Normalisation on the grid holds to rounding of the phase-space sum (≈ 1e-15).</summary>
    public const double MassTolerance = 1e-12;
}

/// <summary>
/// Theorem 4.2 in its exact form (docs/MATH.md): ‖w1 − w2‖²(t) = ‖w1 − w2‖²(0)·|cosh a|²/|cosh(Kt/2 + a)|², a = artanh z0,
/// the integrated form of the proof's identity d/dt‖w1 − w2‖² = −K r12 ‖w1 − w2‖². Relative error at every sample.
/// </summary>
public sealed class Theorem42Check(double tolerance) : ICheck
{
    /// <summary>Default: the acceptance bound of issue 3 (the discrete flow keeps the identity up to RK4 round-off).</summary>
    public const double DefaultTolerance = 1e-8;

    /// <inheritdoc />
    public string Id => "theorem-4.2";
    /// <inheritdoc />
    public string Statement => "Theorem 4.2 (exact form): ‖w1 − w2‖²(t) = ‖w1 − w2‖²(0)·|cosh a|²/|cosh(Kt/2 + a)|², a = artanh z0.";
    /// <summary>Largest allowed relative error of ‖w1 − w2‖²(t) against the exact law.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var series = DifferenceSeries.From(context);
        var k = context.Problem.Coupling;
        var law = series.Times.Select(t => Theorem42.DistanceSquared(series.Initial, series.Z0, k, t)).ToArray();
        var relative = series.Measured.Select((m, s) => Math.Abs(m - law[s]) / law[s]).ToArray();
        var plots = new List<PlotSpec>
        {
            new("‖w1 − w2‖²(t): W-L, exact law, printed bound", "t", "‖w1 − w2‖²", [Curve("W-L", series.Times, series.Measured),
                Curve("exact law", series.Times, law, reference: true), Curve("printed bound e^{−Kt}", series.Times, series.Times.Select(t => Theorem42.PrintedBound(k, t)), reference: true)], LogY: true),
            new("Relative deviation from the exact law", "t", "relative error", [Curve("|measured − law| / law", series.Times, relative.Select(v => Math.Max(v, 1e-300))),
                Curve("tolerance", series.Times, series.Times.Select(_ => Tolerance), reference: true)], LogY: true),
        };
        if (series.AssumptionFailure() is { } why)
            return new CheckResult(Id, Verdict.Inconclusive, $"the theorem's assumptions fail: {why}", Evidence(("z0_re", series.Z0.Real), ("z0_im", series.Z0.Imaginary)), plots);
        var max = MaxOrNaN(relative);
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max_t |‖w1 − w2‖² − law| / law = {max:E3} over t ∈ [0, {series.Times[^1]}] (tolerance {Tolerance:E1}); ‖w1 − w2‖²(0) = {series.Initial:G6}, z0 = {series.Z0.Real:G6}{(series.Z0.Imaginary >= 0 ? "+" : "")}{series.Z0.Imaginary:G6}i",
            Evidence(("max_relative_error", max), ("tolerance", Tolerance), ("initial_distance_squared", series.Initial), ("z0_re", series.Z0.Real), ("z0_im", series.Z0.Imaginary)),
            plots);
    }
}

/// <summary>
/// Theorem 4.2 as printed: ‖w1 − w2‖²_{L²} ≤ e^{−Kt} (no constant), evaluated literally at every sample. The exact law
/// gives ‖w1 − w2‖² e^{Kt} → 4‖w1 − w2‖²(0)/|1 + z0|² (Models.WignerLohe.Theorem42.AsymptoticConstant), so the printed
/// inequality holds for all t only when that constant and the transient stay ≤ 1; its verdict is what the numbers say.
/// </summary>
public sealed class Theorem42PrintedBoundCheck : ICheck
{
    /// <inheritdoc />
    public string Id => "theorem-4.2-printed-bound";
    /// <inheritdoc />
    public string Statement => "Theorem 4.2 as printed: ‖w1 − w2‖²_{L²} ≤ e^{−Kt} (evaluated literally at every sample).";

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var series = DifferenceSeries.From(context);
        var k = context.Problem.Coupling;
        var bound = series.Times.Select(t => Theorem42.PrintedBound(k, t)).ToArray();
        var ratio = series.Measured.Select((m, s) => m / bound[s]).ToArray();
        var margin = series.Measured.Select((m, s) => m - bound[s]).ToArray();
        var maxRatio = MaxOrNaN(ratio);
        var maxMargin = MaxOrNaN(margin);
        var firstViolation = Enumerable.Range(0, ratio.Length).Where(s => !(ratio[s] <= 1)).Select(s => series.Times[s]).DefaultIfEmpty(double.NaN).First();
        var constant = Theorem42.AsymptoticConstant(series.Initial, series.Z0);
        var plots = new List<PlotSpec>
        {
            new("‖w1 − w2‖²(t) e^{Kt} against the printed constant 1", "t", "‖w1 − w2‖² e^{Kt}", [Curve("W-L", series.Times, ratio),
                Curve("printed bound (1)", series.Times, series.Times.Select(_ => 1.0), reference: true),
                Curve("exact-law limit 4‖w1−w2‖²(0)/|1+z0|²", series.Times, series.Times.Select(_ => constant), reference: true)]),
        };
        var evidence = Evidence(("max_ratio_to_bound", maxRatio), ("max_excess", maxMargin),
            ("asymptotic_constant", constant), ("z0_re", series.Z0.Real), ("z0_im", series.Z0.Imaginary), ("initial_distance_squared", series.Initial));
        if (!double.IsNaN(firstViolation)) evidence["first_violation_time"] = firstViolation;
        if (series.AssumptionFailure() is { } why)
            return new CheckResult(Id, Verdict.Inconclusive, $"the theorem's assumptions fail: {why}", evidence, plots);
        var verdict = maxRatio <= 1 ? Verdict.Pass : Verdict.Fail;
        var message = verdict == Verdict.Pass
            ? $"‖w1 − w2‖² ≤ e^{{−Kt}} at every sample: max ratio {maxRatio:F6} (asymptotic constant {constant:F6})"
            : $"printed bound violated from t = {firstViolation:G4}: max ‖w1 − w2‖² e^{{Kt}} = {maxRatio:F6} > 1 (excess {maxMargin:E3}); the exact law's limit is 4‖w1−w2‖²(0)/|1+z0|² = {constant:F6}";
        return new CheckResult(Id, verdict, message, evidence, plots);
    }
}
