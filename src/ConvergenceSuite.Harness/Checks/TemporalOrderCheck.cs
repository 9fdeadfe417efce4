using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Studies;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// Temporal order against the exact factorised reference: the solver under test is re-run at a ladder of time steps
/// (space fixed at the case's grid, so only time-stepping error remains: the reference is exact in time for the same
/// semi-discrete problem); the error is max_j ‖ψ_j(T) − ψ_j^ref(T)‖ / ‖ψ_j^ref(T)‖, and the verdict rests on the
/// least-squares observed order over the automatically detected asymptotic range (pre-asymptotic steps and the
/// round-off floor excluded and named), which must lie in the stated window.
/// </summary>
public sealed class TemporalOrderCheck(IReadOnlyList<double> timeSteps, double finalTime, double low, double high, string? scheme) : ICheck
{
    /// <summary>Error level at which double-precision round-off of a 1e4-step run dominates: points within a decade of
    /// it are excluded from the fit.</summary>
    public const double RoundOffFloor = 1e-12;

    public string Id => "temporal-order";
    public string Statement => "The scheme's observed temporal order lies in the stated window (exact-in-time reference).";
    public IReadOnlyList<double> TimeSteps { get; } = timeSteps;
    public double FinalTime { get; } = finalTime;
    public double Low { get; } = low;
    public double High { get; } = high;

    public CheckResult Evaluate(CheckContext context)
    {
        // The study itself lives in Studies/ (shared with "time-study"): this check is a time study with the exact reference.
        var spec = (SchrodingerLoheSpec)context.Problem;
        var schemeName = scheme ?? context.Resolution.Scheme;
        var exact = SchrodingerLoheStudy.ExactReference(spec, context.Resolution.GridPoints, FinalTime, out var reason)
                    ?? throw new InvalidOperationException(reason);
        var settings = new TimeStudySettings(TimeSteps, Low, High, TimeReference.Exact, RoundOffFloor, schemeName);
        return TimeStudy.Evaluate(Id, settings, SchrodingerLoheStudy.TimeRunner(context.Solver, spec, context.Resolution, schemeName, FinalTime),
            SchrodingerLoheStudy.TimeQuantity, exact);
    }

    /// <summary>Reads { "dts": [...], "final": T?, "window": [lo, hi], "scheme": name? } from a case file.</summary>
    internal static TemporalOrderCheck Create(JsonFields f, Problem problem)
    {
        if (problem is not SchrodingerLoheSpec spec) throw f.Error("id", "the temporal-order study is for S-L cases");
        if (CheckContext.ExactPropagator(spec, spec.Grid(), out var reason) is null) throw f.Error("id", reason);
        var dts = f.Numbers("dts");
        if (dts.Length < 4) throw f.Error("dts", $"an order study needs at least 4 time steps; got {dts.Length}");
        if (dts.Any(d => d <= 0)) throw f.Error("dts", "time steps must be positive");
        if (dts.Distinct().Count() != dts.Length) throw f.Error("dts", "time steps must be distinct");
        var final = f.NumberOr("final", problem.FinalTime);
        if (final <= 0) throw f.Error("final", "must be positive");
        foreach (var dt in dts)
        {
            var ratio = final / dt;
            if (Math.Abs(ratio - Math.Round(ratio)) > 1e-9 * ratio) throw f.Error("dts", $"final time {final} is not a multiple of dt = {dt}");
        }
        var window = f.Numbers("window");
        if (window.Length != 2 || !(window[0] < window[1])) throw f.Error("window", "give [low, high] with low < high");
        var scheme = f.StringOr("scheme", null);
        if (scheme is not null)
        {
            try { QuantumSync.Solvers.SchrodingerLohe.SplittingSchemes.Get(scheme); }
            catch (ArgumentException e) { throw f.Error("scheme", e.Message); }
        }
        return new TemporalOrderCheck(dts, final, window[0], window[1], scheme);
    }
}
