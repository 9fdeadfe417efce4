using ConvergenceSuite.Abstractions;
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
public sealed class TemporalOrderCheck(IReadOnlyList<double> timeSteps, double finalTime, (double Low, double High)? window, string? scheme)
    : ICheck, Solvers.IUsesSchemes
{
    /// <summary>A check with the stated order window [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public TemporalOrderCheck(IReadOnlyList<double> timeSteps, double finalTime, double low, double high, string? scheme)
        : this(timeSteps, finalTime, (low, high), scheme)
    {
    }

    /// <summary>Error level at which double-precision round-off of a 1e4-step run dominates: points within a decade of
    /// it are excluded from the fit.</summary>
    public const double RoundOffFloor = 1e-12;

    /// <inheritdoc />
    public string Id => "temporal-order";
    /// <inheritdoc />
    public string Statement => "The scheme's observed temporal order lies in the stated window, or within ± 0.2 of the solver's declared order when none is stated (exact-in-time reference).";
    /// <summary>The dt ladder of the study.</summary>
    public IReadOnlyList<double> TimeSteps { get; } = timeSteps;
    /// <summary>T: the time at which ψ_j(T) is compared with the exact-in-time reference.</summary>
    public double FinalTime { get; } = finalTime;

    /// <summary>The case's window; null: the solver's declared order ± <see cref="Solvers.SchemeDeclarations.OrderTolerance"/>.</summary>
    public (double Low, double High)? Window { get; } = window;
    /// <inheritdoc />
    public IEnumerable<string> SchemesUsed => scheme is null ? [] : [scheme];

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        // The study itself lives in Studies/ (shared with "time-study"): this check is a time study with the exact reference.
        var spec = (SchrodingerLoheSpec)context.Problem;
        var schemeName = scheme ?? context.Resolution.Scheme;
        var exact = SchrodingerLoheStudy.ExactReference(spec, context.Resolution.GridPoints, FinalTime, out var reason)
                    ?? throw new InvalidOperationException(reason);
        var (low, high) = StudyFields.ResolveWindow(Window, context.Solver, schemeName, context.Problem);
        var settings = new TimeStudySettings(TimeSteps, low, high, TimeReference.Exact, RoundOffFloor, schemeName);
        return TimeStudy.Evaluate(Id, settings, SchrodingerLoheStudy.TimeRunner(context.Solver, spec, context.Resolution, schemeName, FinalTime),
            SchrodingerLoheStudy.TimeQuantity, exact);
    }

    /// <summary>Reads { "dts": [...], "final": T?, "window": [lo, hi], "scheme": name? } from a case file.</summary>
    internal static TemporalOrderCheck Create(TemporalOrderParameters p, CheckSite f, Problem problem)
    {
        if (problem is not SchrodingerLoheSpec spec) throw f.Error("id", "the temporal-order study is for S-L cases");
        if (CheckContext.ExactPropagator(spec, spec.Grid(), out var reason) is null) throw f.Error("id", reason);
        var dts = p.Dts;
        if (dts.Length < 4) throw f.Error("dts", $"an order study needs at least 4 time steps; got {dts.Length}");
        if (dts.Any(d => d <= 0)) throw f.Error("dts", "time steps must be positive");
        if (dts.Distinct().Count() != dts.Length) throw f.Error("dts", "time steps must be distinct");
        var final = p.Final ?? problem.FinalTime;
        if (final <= 0) throw f.Error("final", "must be positive");
        foreach (var dt in dts)
        {
            var ratio = final / dt;
            if (Math.Abs(ratio - Math.Round(ratio)) > 1e-9 * ratio) throw f.Error("dts", $"final time {final} is not a multiple of dt = {dt}");
        }
        var window = StudyFields.OptionalWindow(f, p.Window);
        var scheme = StudyFields.Scheme(f, p.Scheme);
        return new TemporalOrderCheck(dts, final, window, scheme);
    }
}
