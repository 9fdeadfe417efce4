using System.Globalization;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.Harness.Studies;

/// <summary>
/// Registers the convergence studies: "time-study", "grid-study" and "work-precision" (S-L for now; other levels add
/// their runner and quantity, see <see cref="StudyRunner{TField}"/> and <see cref="StudyQuantity{TField}"/>).
/// </summary>
public sealed class StudyCheckModule : ICheckModule
{
    /// <inheritdoc />
    public IEnumerable<CheckDefinition> Checks =>
    [
        CheckDefinition.Of<TimeStudyParameters>(TimeStudyCheck.CheckId, TimeStudyCheck.Create),
        CheckDefinition.Of<GridStudyParameters>(GridStudyCheck.CheckId, GridStudyCheck.Create),
        CheckDefinition.Of<WorkPrecisionParameters>(WorkPrecisionCheck.CheckId, WorkPrecisionCheck.Create),
    ];
}

/// <summary>Case-file parsing shared by the study checks.</summary>
internal static class StudyFields
{
    /// <summary>Ratio tolerance for "T is a multiple of dt": T/dt within 1e-9 (relative) of an integer, as the solver's AdvanceTo demands.</summary>
    private const double MultipleTolerance = 1e-9;

    public static SchrodingerLoheSpec RequireSchrodingerLohe(CheckSite f, Problem problem, string what) =>
        problem as SchrodingerLoheSpec ?? throw f.Error("id", $"the {what} is implemented for S-L cases only (other levels plug in their runner later)");

    public static string? Scheme(CheckSite f, string? scheme) => scheme is null ? null : SchemeName(f, "scheme", scheme);

    /// <summary>A scheme name from a case file: a registered splitting scheme (by its registry spelling), or a
    /// well-formed name a solver outside the suite may declare. Which solver runs is not known here: the loader holds
    /// built-in solvers to the registry (<see cref="CaseLoader"/>), the runner holds declaring solvers to their
    /// declarations before running.</summary>
    public static string SchemeName(CheckSite f, string field, string scheme)
    {
        try
        {
            return SplittingSchemes.Get(scheme).Name;
        }
        catch (ArgumentException e)
        {
            if (Solvers.SchemeDeclarations.IsWellFormedName(scheme)) return scheme;
            throw f.Error(field, e.Message);
        }
    }

    public static double Final(CheckSite f, double? stated, Problem problem)
    {
        var final = stated ?? problem.FinalTime;
        if (!(final > 0)) throw f.Error("final", "must be positive");
        return final;
    }

    public static void RequireMultiple(CheckSite f, string field, double final, double dt)
    {
        if (!(dt > 0)) throw f.Error(field, $"time step {dt} must be positive");
        var ratio = final / dt;
        if (Math.Abs(ratio - Math.Round(ratio)) > MultipleTolerance * ratio) throw f.Error(field, $"final time {final} is not a multiple of dt = {dt}");
    }

    /// <summary>A dt ladder: at least 4 steps, positive, strictly decreasing (coarse → fine), each dividing T.</summary>
    public static double[] Ladder(CheckSite f, double[] dts, double final)
    {
        if (dts.Length < 4) throw f.Error("dts", $"an order study needs at least 4 time steps; got {dts.Length}");
        for (var i = 0; i < dts.Length; i++)
        {
            RequireMultiple(f, "dts", final, dts[i]);
            if (i > 0 && !(dts[i] < dts[i - 1])) throw f.Error("dts", "time steps must decrease strictly (coarse → fine)");
        }
        return dts;
    }

    /// <summary>The stated order window, or null when the case gives none (the solver's declared order ±
    /// <see cref="Solvers.SchemeDeclarations.OrderTolerance"/> is used then, see <see cref="ResolveWindow"/>).</summary>
    public static (double Low, double High)? OptionalWindow(CheckSite f, double[]? window) => window is null ? null : Window(f, window);

    /// <summary>The stated window, else the window the solver's declared order for <paramref name="scheme"/> implies.</summary>
    /// <exception cref="InvalidOperationException">No window and no declaration of the scheme (the message says which).</exception>
    public static (double Low, double High) ResolveWindow((double Low, double High)? stated, ISolverUnderTest solver, string scheme, Problem? problem = null) =>
        stated ?? Solvers.SchemeDeclarations.DeclaredWindow(solver, scheme, problem);

    public static (double Low, double High) Window(CheckSite f, double[] window)
    {
        if (window.Length != 2 || !(window[0] < window[1])) throw f.Error("window", "give [low, high] with low < high");
        return (window[0], window[1]);
    }

    public static double Floor(CheckSite f, double floor)
    {
        if (!(floor > 0)) throw f.Error("floor", "must be positive");
        return floor;
    }

    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// "time-study": the solver under test re-run on a dt ladder with space fixed at the case's grid; error
/// max_j ‖ψ_j(T) − ψ_j^ref(T)‖/‖ψ_j^ref(T)‖ against the reference the case states (exact factorised reference,
/// Richardson extrapolation, or a finest run); verdict <see cref="Convergence.OrderVerdict"/> on the observed order
/// against the stated window. The wall time of each run is recorded (work-precision plot, informational).
/// </summary>
public sealed class TimeStudyCheck(IReadOnlyList<double> timeSteps, double finalTime, (double Low, double High)? window, TimeReference reference,
    string? scheme, double roundOffFloor, string id = TimeStudyCheck.CheckId) : ICheck, Solvers.IUsesSchemes
{
    /// <summary>A study with the stated order window [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public TimeStudyCheck(IReadOnlyList<double> timeSteps, double finalTime, double low, double high, TimeReference reference,
        string? scheme, double roundOffFloor, string id = CheckId)
        : this(timeSteps, finalTime, (low, high), reference, scheme, roundOffFloor, id)
    {
    }

    /// <summary>The case-file id.</summary>
    public const string CheckId = "time-study";

    /// <summary>
    /// Relative L² error at which double-precision round-off of a run of up to ~10⁴ steps dominates (≈ 10⁴ · 1e-16);
    /// points within a decade of it are excluded from the fit.
    /// </summary>
    public const double DefaultRoundOffFloor = 1e-12;

    /// <inheritdoc />
    public string Id => id;
    /// <inheritdoc />
    public string Statement => "The scheme's observed temporal order lies in the stated window, or within ± 0.2 of the solver's declared order when none is stated (time refinement, space fixed).";
    /// <summary>The dt ladder of the study.</summary>
    public IReadOnlyList<double> TimeSteps { get; } = timeSteps;
    /// <summary>T: the time at which ψ_j(T) is compared with the reference.</summary>
    public double FinalTime { get; } = finalTime;

    /// <summary>The case's window; null: the solver's declared order ± <see cref="Solvers.SchemeDeclarations.OrderTolerance"/>.</summary>
    public (double Low, double High)? Window { get; } = window;
    /// <summary>How the reference solution is obtained (exact, Richardson or a finest run).</summary>
    public TimeReference Reference { get; } = reference;
    /// <inheritdoc />
    public IEnumerable<string> SchemesUsed => scheme is null ? [] : [scheme];

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = (SchrodingerLoheSpec)context.Problem;
        var schemeName = scheme ?? context.Resolution.Scheme;
        var (low, high) = StudyFields.ResolveWindow(Window, context.Solver, schemeName, context.Problem);
        var settings = new TimeStudySettings(TimeSteps, low, high, Reference, roundOffFloor, schemeName);
        Func<SchrodingerLoheField>? exact = null;
        if (Reference.Kind == TimeReferenceKind.Exact)
            exact = SchrodingerLoheStudy.ExactReference(spec, context.Resolution.GridPoints, FinalTime, out var reason) ?? throw new InvalidOperationException(reason);
        if (Reference.Kind == TimeReferenceKind.Integrator)
            exact = SchrodingerLoheStudy.IntegratorReference(spec, context.Resolution.GridPoints, FinalTime);
        return TimeStudy.Evaluate(Id, settings, SchrodingerLoheStudy.TimeRunner(context.Solver, spec, context.Resolution, schemeName, FinalTime),
            SchrodingerLoheStudy.TimeQuantity, exact);
    }

    /// <summary>
    /// Reads { "dts": [...], "window": [lo, hi], "reference": { "kind": "exact" | "integrator" | "richardson" | "finest", "dt": δ },
    /// "scheme": name?, "final": T?, "floor": ε? } from a case file.
    /// </summary>
    internal static TimeStudyCheck Create(TimeStudyParameters p, CheckSite f, Problem problem)
    {
        var spec = StudyFields.RequireSchrodingerLohe(f, problem, "time study");
        var final = StudyFields.Final(f, p.Final, problem);
        var dts = StudyFields.Ladder(f, p.Dts, final);
        var window = StudyFields.OptionalWindow(f, p.Window);
        var scheme = StudyFields.Scheme(f, p.Scheme);
        var floor = StudyFields.Floor(f, p.Floor);
        var reference = ReadReference(p.Reference, f.Child("reference"), spec, final, dts[^1]);
        return new TimeStudyCheck(dts, final, window, reference, scheme, floor);
    }

    internal static TimeReference ReadReference(TimeReferenceParameters reference, CheckSite r, SchrodingerLoheSpec spec, double final, double finestDt)
    {
        var kind = reference.Kind;
        if (kind is "exact" or "integrator" && reference.Dt is not null) throw r.Error("dt", $"the {kind} reference takes no step (dt is for richardson and finest)");
        TimeReference result;
        switch (kind)
        {
            case "exact":
                if (CheckContext.ExactPropagator(spec, spec.Grid(), out var reason) is null) throw r.Error("kind", reason);
                result = TimeReference.Exact;
                break;
            case "integrator":
                result = TimeReference.Integrator;
                break;
            case "richardson":
            case "finest":
            {
                var delta = reference.Dt ?? throw r.Error("dt", "required field is missing");
                StudyFields.RequireMultiple(r, "dt", final, delta);
                if (kind == "richardson") StudyFields.RequireMultiple(r, "dt", final, TimeStudy.RichardsonRatio * TimeStudy.RichardsonRatio * delta);
                if (!(delta < finestDt)) throw r.Error("dt", $"the reference step {delta} must be finer than the finest ladder step {finestDt}");
                result = new TimeReference(kind == "richardson" ? TimeReferenceKind.Richardson : TimeReferenceKind.Finest, delta);
                break;
            }
            default:
                throw r.Error("kind", $"unknown reference \"{kind}\"; known: exact, integrator, richardson, finest");
        }
        return result;
    }
}

/// <summary>
/// "grid-study": the solver under test re-run with M points on every axis (dt fixed, stated with its reason); error
/// against a finer reference compared in Fourier space (<see cref="SpectralComparison"/>); spectral fit e ≈ C e^{−αM};
/// verdict by <see cref="GridStudy.Decide"/> (α ≥ the stated minimum, or the error reached the stated floor).
/// </summary>
public sealed class GridStudyCheck(GridStudySettings settings, double finalTime, string dtReason) : ICheck, Solvers.IUsesSchemes
{
    /// <summary>The case-file id.</summary>
    public const string CheckId = "grid-study";

    /// <summary>Default floor: relative L² error at which double round-off of the runs dominates (see <see cref="TimeStudyCheck.DefaultRoundOffFloor"/>).</summary>
    public const double DefaultFloor = 1e-12;

    /// <inheritdoc />
    public string Id => CheckId;
    /// <inheritdoc />
    public string Statement => "The error falls spectrally in the grid size M (fitted rate α at least the stated minimum, or the floor reached).";
    /// <summary>The grid ladder, reference, minimum rate, floor, scheme and dt of the study.</summary>
    public GridStudySettings Settings { get; } = settings;
    /// <inheritdoc />
    public IEnumerable<string> SchemesUsed => Settings.Scheme.Length > 0 ? [Settings.Scheme] : [];

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = (SchrodingerLoheSpec)context.Problem;
        var scheme = Settings.Scheme.Length > 0 ? Settings.Scheme : context.Resolution.Scheme;
        var settings = Settings with { Scheme = scheme };
        Func<SchrodingerLoheField>? exact = null;
        var refPoints = Enumerable.Repeat(settings.Reference.GridPoints, spec.Dimension).ToArray();
        if (settings.Reference.Kind == GridReferenceKind.Exact)
            exact = SchrodingerLoheStudy.ExactReference(spec, refPoints, finalTime, out var reason) ?? throw new InvalidOperationException(reason);
        else if (settings.Reference.Kind == GridReferenceKind.Analytic)
            exact = () =>
            {
                var discrete = spec.Discretise(refPoints);
                return new SchrodingerLoheField(discrete.Grid, AnalyticReferenceCheck.States(spec, discrete, [finalTime])[0]);
            };
        else if (settings.Reference.Kind == GridReferenceKind.Integrator)
            exact = SchrodingerLoheStudy.IntegratorReference(spec, refPoints, finalTime);
        var result = GridStudy.Evaluate(Id, settings, SchrodingerLoheStudy.GridRunner(context.Solver, spec, context.Resolution, scheme, settings.TimeStep, finalTime),
            SchrodingerLoheStudy.GridQuantity, exact);
        var table = result.Study! with { Reference = $"{result.Study!.Reference}; dt = {settings.TimeStep.ToString("G6", CultureInfo.InvariantCulture)}: {dtReason}" };
        return result with { Study = table };
    }

    /// <summary>
    /// Reads { "grids": [M...], "reference": { "kind": "finest" | "exact" | "analytic" | "integrator", "points": M_ref }, "dt": dt, "dtReason": text,
    /// "alphaMin": α_min, "floor": ε?, "scheme": name?, "final": T? } from a case file.
    /// </summary>
    internal static GridStudyCheck Create(GridStudyParameters p, CheckSite f, Problem problem)
    {
        var spec = StudyFields.RequireSchrodingerLohe(f, problem, "grid study");
        var final = StudyFields.Final(f, p.Final, problem);
        var grids = p.Grids;
        if (grids.Length < 3) throw f.Error("grids", $"a grid study needs at least 3 grids; got {grids.Length}");
        for (var i = 0; i < grids.Length; i++)
        {
            if (grids[i] < 2) throw f.Error("grids", $"grid size {grids[i]} is below 2");
            if (i > 0 && grids[i] <= grids[i - 1]) throw f.Error("grids", "grid sizes must increase strictly (coarse → fine)");
        }
        var dt = p.Dt;
        StudyFields.RequireMultiple(f, "dt", final, dt);
        var dtReason = p.DtReason;
        if (dtReason.Trim().Length == 0) throw f.Error("dtReason", "say why dt hides no space error");
        var alphaMin = p.AlphaMin;
        if (!(alphaMin > 0)) throw f.Error("alphaMin", "must be positive");
        var floor = StudyFields.Floor(f, p.Floor);
        var scheme = StudyFields.Scheme(f, p.Scheme) ?? "";
        var r = f.Child("reference");
        var kind = p.Reference.Kind;
        var points = p.Reference.Points;
        if (points <= grids[^1]) throw r.Error("points", $"the reference grid {points} must be finer than the finest ladder grid {grids[^1]}");
        GridReferenceKind referenceKind;
        switch (kind)
        {
            case "finest":
                referenceKind = GridReferenceKind.Finest;
                break;
            case "exact":
                if (CheckContext.ExactPropagator(spec, spec.Grid(Enumerable.Repeat(points, spec.Dimension).ToArray()), out var reason) is null)
                    throw r.Error("kind", reason);
                referenceKind = GridReferenceKind.Exact;
                break;
            case "analytic":
                if (AnalyticReferenceCheck.NotApplicable(spec) is { } why) throw r.Error("kind", why);
                referenceKind = GridReferenceKind.Analytic;
                break;
            case "integrator":
                referenceKind = GridReferenceKind.Integrator;
                break;
            default:
                throw r.Error("kind", $"unknown reference \"{kind}\"; known: finest, exact, analytic, integrator");
        }
        var settings = new GridStudySettings(grids, spec.Dimension, spec.Lengths[0], new GridReference(referenceKind, points), alphaMin, floor, scheme, dt);
        return new GridStudyCheck(settings, final, dtReason);
    }
}

/// <summary>
/// "work-precision": every listed S-L scheme (default: every scheme the solver declares; the registered ones for a solver that declares none) on one dt ladder against the exact
/// factorised reference; plots error against wall time. Timing is noisy, so it decides nothing: the verdict only
/// says whether every run produced a finite error (Fail otherwise).
/// </summary>
public sealed class WorkPrecisionCheck(IReadOnlyList<double> timeSteps, double finalTime, IReadOnlyList<string>? schemes) : ICheck, Solvers.IUsesSchemes
{
    /// <summary>The case-file id.</summary>
    public const string CheckId = "work-precision";

    /// <inheritdoc />
    public string Id => CheckId;
    /// <inheritdoc />
    public string Statement => "Error against wall time for each scheme (informational; the verdict only requires finite errors).";
    /// <summary>The dt ladder every scheme is run on.</summary>
    public IReadOnlyList<double> TimeSteps { get; } = timeSteps;
    /// <summary>The listed schemes; null: every scheme the solver declares (the splitting registry when it declares none).</summary>
    public IReadOnlyList<string>? Schemes { get; } = schemes;
    /// <inheritdoc />
    public IEnumerable<string> SchemesUsed => Schemes ?? [];

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = (SchrodingerLoheSpec)context.Problem;
        var exact = SchrodingerLoheStudy.ExactReference(spec, context.Resolution.GridPoints, finalTime, out var reason) ?? throw new InvalidOperationException(reason);
        var reference = exact();
        var curves = new List<(string Name, IReadOnlyList<double> Seconds, IReadOnlyList<double> Errors)>();
        var schemes = Schemes ?? Solvers.SchemeDeclarations.Of(context.Solver, context.Problem)?.Select(d => d.Name).ToArray()
            ?? SplittingSchemes.All.Select(s => s.Name).ToArray();
        foreach (var scheme in schemes)
        {
            var runner = SchrodingerLoheStudy.TimeRunner(context.Solver, spec, context.Resolution, scheme, finalTime);
            var runs = TimeSteps.Select(dt => runner(dt)).ToArray();
            curves.Add((scheme, runs.Select(r => r.WallSeconds).ToArray(), runs.Select(r => SchrodingerLoheStudy.TimeQuantity.Error(r.Field, reference)).ToArray()));
        }
        return Decide(curves);
    }

    /// <summary>Verdict and plot from measured (seconds, error) curves: Pass iff every error is finite.</summary>
    public static CheckResult Decide(IReadOnlyList<(string Name, IReadOnlyList<double> Seconds, IReadOnlyList<double> Errors)> curves)
    {
        var evidence = new Dictionary<string, double>();
        var bad = new List<string>();
        foreach (var (name, seconds, errors) in curves)
        {
            if (errors.Any(e => !double.IsFinite(e))) bad.Add(name);
            var finite = errors.Where(double.IsFinite).ToArray();
            if (finite.Length > 0) evidence[$"{name}_min_error"] = finite.Min();
            if (seconds.All(double.IsFinite)) evidence[$"{name}_wall_seconds_total"] = seconds.Sum();
        }
        var plot = StudyPlots.WorkPrecision($"{CheckId}: error vs wall time (informational; timing is noisy)", curves, StudyPlots.ErrorAxisLabel);
        var verdict = bad.Count == 0 && curves.Count > 0 ? Verdict.Pass : Verdict.Fail;
        var message = verdict == Verdict.Pass
            ? $"{curves.Count} scheme(s) × {curves[0].Errors.Count} time steps, every error finite; timings are informational and decide nothing"
            : curves.Count == 0 ? "no schemes were run" : $"non-finite errors for {string.Join(", ", bad)}";
        return new CheckResult(CheckId, verdict, message, evidence, [plot]);
    }

    /// <summary>Reads { "dts": [...], "schemes": [names]?, "final": T? } from a case file.</summary>
    internal static WorkPrecisionCheck Create(WorkPrecisionParameters p, CheckSite f, Problem problem)
    {
        var spec = StudyFields.RequireSchrodingerLohe(f, problem, "work-precision study");
        if (CheckContext.ExactPropagator(spec, spec.Grid(), out var reason) is null) throw f.Error("id", reason);
        var final = StudyFields.Final(f, p.Final, problem);
        var dts = StudyFields.Ladder(f, p.Dts, final);
        IReadOnlyList<string>? schemes = null;
        if (p.Schemes is not null)
        {
            if (p.Schemes.Length == 0) throw f.Error("schemes", "expected a non-empty array of scheme names");
            schemes = p.Schemes.Select(name => StudyFields.SchemeName(f, "schemes", name)).ToArray();
        }
        return new WorkPrecisionCheck(dts, final, schemes);
    }
}
