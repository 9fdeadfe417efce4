using System.Globalization;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Studies;

/// <summary>Parameters of a time study.</summary>
/// <param name="TimeSteps">The dt ladder, coarse → fine (strictly decreasing).</param>
/// <param name="Low">Lower edge of the expected order window.</param>
/// <param name="High">Upper edge of the expected order window.</param>
/// <param name="Reference">Exact, Richardson or Finest.</param>
/// <param name="RoundOffFloor">Error level at which round-off dominates; points within a decade of it are left out of the fit.</param>
/// <param name="Scheme">Name of the time-stepping scheme (for the report).</param>
public sealed record TimeStudySettings(
    IReadOnlyList<double> TimeSteps,
    double Low,
    double High,
    TimeReference Reference,
    double RoundOffFloor,
    string Scheme);

/// <summary>
/// A refinement study in the time step with space fixed: e(dt) = error of the run at dt against a reference, and the
/// verdict is <see cref="OrderVerdict"/> on the least-squares order over the detected asymptotic range — never a single
/// error threshold. The model enters only through a <see cref="StudyRunner{TField}"/> and a
/// <see cref="StudyQuantity{TField}"/>, so any level can use it.
/// </summary>
public static class TimeStudy
{
    /// <summary>Refinement ratio of the three Richardson reference runs (4δ, 2δ, δ).</summary>
    public const double RichardsonRatio = 2.0;

    /// <summary>
    /// Runs the ladder (each distinct dt once; runs are shared with the reference), builds the reference and decides.
    /// Richardson: with u₁, u₂, u₃ the runs at δ, 2δ, 4δ, the observed order p̂ = ln(e(u₃,u₂)/e(u₂,u₁))/ln 2 (no
    /// expected order is used) and u_ref = u₁ + (u₁ − u₂)/(2^p̂ − 1). Finest: u_ref = run at δ (δ below the ladder; the
    /// error of the finest ladder point is then biased by a factor 1 − (δ/dt)ᵖ, so choose δ ≪ the finest dt).
    /// </summary>
    /// <param name="checkId">Id of the check result.</param>
    /// <param name="settings">Ladder, window, reference.</param>
    /// <param name="runner">Runs the model at a time step.</param>
    /// <param name="quantity">Error (and optional value) of a run.</param>
    /// <param name="exact">The exact reference (required for <see cref="TimeReferenceKind.Exact"/>).</param>
    public static CheckResult Evaluate<TField>(string checkId, TimeStudySettings settings, StudyRunner<TField> runner,
        StudyQuantity<TField> quantity, Func<TField>? exact = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(quantity);
        var cache = new Dictionary<double, StudyRun<TField>>();
        StudyRun<TField> Run(double dt)
        {
            if (!cache.TryGetValue(dt, out var r)) cache[dt] = r = runner(dt);
            return r;
        }

        TField reference;
        string referenceText;
        var extraEvidence = new Dictionary<string, double>();
        switch (settings.Reference.Kind)
        {
            case TimeReferenceKind.Exact:
                reference = (exact ?? throw new InvalidOperationException("An exact reference was asked for but the model supplies none."))();
                referenceText = "exact reference (exact in time for the same spatial discretisation)";
                break;
            case TimeReferenceKind.Integrator:
                reference = (exact ?? throw new InvalidOperationException("An integrator reference was asked for but the model supplies none."))();
                referenceText = "reference integrator (interaction picture + DOPRI5, not a splitting; same spatial discretisation)";
                break;
            case TimeReferenceKind.Finest:
            {
                var delta = settings.Reference.TimeStep ?? throw new InvalidOperationException("A finest-run reference needs its time step.");
                reference = Run(delta).Field;
                referenceText = Inv($"self-convergence against a run at dt = {delta:G6}");
                break;
            }
            case TimeReferenceKind.Richardson:
            {
                var delta = settings.Reference.TimeStep ?? throw new InvalidOperationException("A Richardson reference needs its finest time step.");
                var combine = quantity.Combine ?? throw new InvalidOperationException("The quantity has no linear combination, so Richardson extrapolation is impossible.");
                var u1 = Run(delta).Field;
                var u2 = Run(RichardsonRatio * delta).Field;
                var u3 = Run(RichardsonRatio * RichardsonRatio * delta).Field;
                var d21 = quantity.Error(u2, u1);
                var d32 = quantity.Error(u3, u2);
                var p = Math.Log(d32 / d21) / Math.Log(RichardsonRatio);
                if (!double.IsFinite(p) || p <= 0)
                    return CheckResult.Of(checkId, Verdict.Inconclusive,
                        Inv($"{settings.Scheme}: Richardson reference undefined: differences {d32:G4} (4δ vs 2δ) and {d21:G4} (2δ vs δ), δ = {delta:G6}, give no positive order"),
                        new Dictionary<string, double>());
                var w = 1.0 / (Math.Pow(RichardsonRatio, p) - 1.0);
                reference = combine(u1, 1.0 + w, u2, -w);
                extraEvidence["richardson_order"] = p;
                referenceText = Inv($"Richardson extrapolation of runs at dt = {4 * delta:G6}, {2 * delta:G6}, {delta:G6} with their observed order {p:F3}");
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Reference.Kind, "unknown reference kind");
        }

        var steps = settings.TimeSteps;
        var runs = steps.Select(Run).ToArray();
        var errors = runs.Select(r => quantity.Error(r.Field, reference)).ToArray();
        double[]? values = quantity.Value is { } v ? runs.Select(r => v(r.Field)).ToArray() : null;
        var seconds = runs.Select(r => r.WallSeconds).ToArray();
        var result = Decide(checkId, settings, errors, values, seconds, quantity.Label, referenceText, quantity.ValueLabel);
        if (extraEvidence.Count == 0) return result;
        var evidence = new Dictionary<string, double>(result.Evidence);
        foreach (var (k, x) in extraEvidence) evidence[k] = x;
        return result with { Evidence = evidence };
    }

    /// <summary>
    /// The verdict and table from measured numbers (no runs): <see cref="OrderVerdict.Evaluate"/> over the ladder, the
    /// pairwise orders, the GCI of <paramref name="values"/> on triples that lie in the kept range and converge
    /// monotonically (Celik's procedure applies as written only there), a log-log plot with a reference line of the
    /// window's middle slope and an informational work-precision plot.
    /// </summary>
    public static CheckResult Decide(string checkId, TimeStudySettings settings, IReadOnlyList<double> errors,
        IReadOnlyList<double>? values, IReadOnlyList<double>? wallSeconds, string quantityLabel, string referenceText, string? valueLabel = null)
    {
        var steps = settings.TimeSteps;
        var study = OrderVerdict.Evaluate(steps, errors, settings.Low, settings.High,
            new OrderVerdictOptions { Range = new AsymptoticRangeOptions { RoundOffFloor = settings.RoundOffFloor } });
        var kept = study.Range.KeptIndices.ToHashSet();
        var rows = new List<StudyRow>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            double? pairwise = i > 0 && double.IsFinite(study.PairwiseOrders[i - 1]) ? study.PairwiseOrders[i - 1] : null;
            rows.Add(new StudyRow(steps[i], null, errors[i], pairwise, GciOfTriple(steps, values, kept, i, settings.RoundOffFloor),
                wallSeconds?[i], values?[i], kept.Contains(i)));
        }
        var mid = 0.5 * (settings.Low + settings.High);
        var slopes = new[] { mid };
        var plot = StudyPlots.ErrorAgainstStep(Inv($"{checkId}: {settings.Scheme}, error vs dt"), "dt", StudyPlots.ErrorAxisLabel,
            steps, errors, study.Range.First, study.Range.Count, slopes, logX: true);
        var workPrecision = wallSeconds is null ? null : StudyPlots.WorkPrecision(Inv($"{checkId}: {settings.Scheme}, work-precision (informational)"),
            [(settings.Scheme, wallSeconds, errors)], StudyPlots.ErrorAxisLabel);
        var table = new StudyTable(StudyKind.Time, settings.Scheme, quantityLabel, referenceText, valueLabel, rows,
            study.Order, study.OrderStandardError, settings.Low, settings.High, double.NaN, slopes, plot, workPrecision);
        var baseResult = study.ToCheckResult(checkId, quantityLabel);
        var evidence = new Dictionary<string, double>(baseResult.Evidence);
        if (wallSeconds is not null && wallSeconds.All(double.IsFinite)) evidence["wall_seconds_total"] = wallSeconds.Sum();
        for (var i = 0; i < rows.Count; i++)
            if (rows[i].GciFine is { } g) evidence[Inv($"gci_fine_{i}")] = g;
        var plots = workPrecision is null ? new[] { plot } : new[] { plot, workPrecision };
        return new CheckResult(checkId, study.Verdict, $"{settings.Scheme} vs {referenceText}: {study.Message}", evidence, plots, null, table);
    }

    /// <summary>
    /// A value difference must exceed this factor times the round-off floor (relative to the value) for the GCI:
    /// 10, the same decade margin as <see cref="AsymptoticRangeOptions.FloorProximityFactor"/>.
    /// </summary>
    public const double GciNoiseFactor = 10.0;

    /// <summary>
    /// GCI_fine²¹ of the triple ending at row i (i the finest), when all three rows are kept, both value differences
    /// lie above the round-off noise and the triple converges monotonically (Celik's procedure as written); null otherwise.
    /// </summary>
    internal static double? GciOfTriple(IReadOnlyList<double> h, IReadOnlyList<double>? values, HashSet<int> kept, int i, double roundOffFloor)
    {
        if (values is null || i < 2 || !kept.Contains(i) || !kept.Contains(i - 1) || !kept.Contains(i - 2)) return null;
        if (!double.IsFinite(values[i]) || !double.IsFinite(values[i - 1]) || !double.IsFinite(values[i - 2])) return null;
        // Differences of the value within a decade of the round-off floor (relative to the value) carry no order.
        var noise = GciNoiseFactor * roundOffFloor * Math.Abs(values[i]);
        if (!(Math.Abs(values[i - 1] - values[i]) > noise) || !(Math.Abs(values[i - 2] - values[i - 1]) > noise)) return null;
        var g = GridConvergenceIndex.Compute(h[i], h[i - 1], h[i - 2], values[i], values[i - 1], values[i - 2]);
        return g.Convergence == GciConvergence.Monotonic && double.IsFinite(g.GciFine21) ? g.GciFine21 : null;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
