using System.Globalization;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Studies;

/// <summary>Parameters of a grid study.</summary>
/// <param name="GridPoints">Ladder of M (per axis, every axis refined together), coarse → fine (strictly increasing).</param>
/// <param name="Dimension">Number of axes d.</param>
/// <param name="Length">Box length of the first axis (h = L/M is printed as the step).</param>
/// <param name="Reference">Finest run or exact-in-time reference, on a grid finer than the ladder.</param>
/// <param name="MinimumRate">Smallest spectral rate α (per grid point) that passes.</param>
/// <param name="Floor">Error floor: a study whose error reaches it has converged (passes); points within a decade
/// of it are left out of the fit.</param>
/// <param name="Scheme">Time-stepping scheme of the runs.</param>
/// <param name="TimeStep">dt of every run, and why it hides no space error (printed in the reference text).</param>
public sealed record GridStudySettings(
    IReadOnlyList<int> GridPoints,
    int Dimension,
    double Length,
    GridReference Reference,
    double MinimumRate,
    double Floor,
    string Scheme,
    double TimeStep);

/// <summary>
/// A refinement study in the grid points M with dt fixed: e(M) = error against the reference, fitted as spectral
/// convergence e ≈ C e^{−αM} (<see cref="SpectralConvergence.Fit"/>) over the range above the floor. Verdict: Pass when
/// α ≥ the stated minimum or when the error reaches the stated floor; Fail when neither; Inconclusive when no fit is
/// possible and the floor was not reached; any non-finite error fails. The GCI of the optional scalar value is given for
/// triples in the fitted range that converge monotonically.
/// </summary>
public static class GridStudy
{
    /// <summary>Runs every ladder grid and the reference, and decides.</summary>
    /// <param name="checkId">Id of the check result.</param>
    /// <param name="settings">Ladder, minimum rate, floor.</param>
    /// <param name="runner">Runs the model with M points per axis.</param>
    /// <param name="quantity">Error of a run against the reference (which lives on a finer grid).</param>
    /// <param name="exact">Exact-in-time or analytic reference on the reference grid (required for <see cref="GridReferenceKind.Exact"/>
    /// and <see cref="GridReferenceKind.Analytic"/>).</param>
    public static CheckResult Evaluate<TField>(string checkId, GridStudySettings settings, StudyRunner<TField> runner,
        StudyQuantity<TField> quantity, Func<TField>? exact = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mRef = settings.Reference.GridPoints;
        TField reference;
        string referenceText;
        if (settings.Reference.Kind is GridReferenceKind.Exact or GridReferenceKind.Analytic or GridReferenceKind.Integrator)
        {
            reference = (exact ?? throw new InvalidOperationException("An exact reference was asked for but the model supplies none."))();
            referenceText = settings.Reference.Kind == GridReferenceKind.Exact
                ? Inv($"exact-in-time reference on M = {mRef} per axis")
                : settings.Reference.Kind == GridReferenceKind.Analytic
                    ? Inv($"closed-form continuous solution sampled on M = {mRef} per axis")
                    : Inv($"reference integrator (interaction picture + DOPRI5, not a splitting) on M = {mRef} per axis");
        }
        else
        {
            reference = runner(mRef).Field;
            referenceText = Inv($"run on the finest grid M = {mRef} per axis with the same dt = {settings.TimeStep:G6}");
        }
        var runs = settings.GridPoints.Select(m => runner(m)).ToArray();
        var errors = runs.Select(r => quantity.Error(r.Field, reference)).ToArray();
        double[]? values = quantity.Value is { } v ? runs.Select(r => v(r.Field)).ToArray() : null;
        return Decide(checkId, settings, errors, values, runs.Select(r => r.WallSeconds).ToArray(), quantity.Label, referenceText, quantity.ValueLabel);
    }

    /// <summary>The verdict and table from measured numbers (no runs).</summary>
    public static CheckResult Decide(string checkId, GridStudySettings settings, IReadOnlyList<double> errors, IReadOnlyList<double>? values,
        IReadOnlyList<double>? wallSeconds, string quantityLabel, string referenceText, string? valueLabel = null)
    {
        var ms = settings.GridPoints.Select(m => (double)m).ToArray();
        var h = ms.Select(m => settings.Length / m).ToArray();
        SpectralFit? fit = null;
        string? fitProblem = null;
        if (errors.All(double.IsFinite))
        {
            try
            {
                fit = SpectralConvergence.Fit(ms, errors, new SpectralFitOptions { RoundOffFloor = settings.Floor });
            }
            catch (InvalidOperationException e)
            {
                fitProblem = e.Message;
            }
        }
        var minError = errors.Count == 0 ? double.NaN : CheckHelpersMin(errors);
        var reachedFloor = minError <= settings.Floor;
        var alpha = fit?.Alpha ?? double.NaN;
        var sigma = fit?.AlphaStandardError ?? double.NaN;

        Verdict verdict;
        string why;
        if (!errors.All(double.IsFinite))
        {
            verdict = Verdict.Fail;
            why = "a run gave a non-finite error";
        }
        else if (fit is not null && alpha >= settings.MinimumRate)
        {
            verdict = Verdict.Pass;
            why = Inv($"α = {alpha:G4} ≥ the minimum {settings.MinimumRate:G4}");
        }
        else if (reachedFloor)
        {
            verdict = Verdict.Pass;
            why = Inv($"the error reached the floor {settings.Floor:G3} (smallest {minError:G3})") + (fit is null ? "" : Inv($"; α = {alpha:G4}"));
        }
        else if (fit is null)
        {
            verdict = Verdict.Inconclusive;
            why = $"no spectral fit: {fitProblem}";
        }
        else
        {
            verdict = Verdict.Fail;
            why = Inv($"α = {alpha:G4} < the minimum {settings.MinimumRate:G4} and the error never reached the floor {settings.Floor:G3} (smallest {minError:G3})");
        }

        var kept = fit is null ? new HashSet<int>() : Enumerable.Range(fit.First, fit.Count).ToHashSet();
        var rows = new List<StudyRow>(ms.Length);
        for (var i = 0; i < ms.Length; i++)
        {
            double? rate = null;
            if (i > 0 && errors[i] > 0 && errors[i - 1] > 0)
            {
                var r = Math.Log(errors[i - 1] / errors[i]) / (ms[i] - ms[i - 1]);
                if (double.IsFinite(r)) rate = r;
            }
            rows.Add(new StudyRow(h[i], Enumerable.Repeat(settings.GridPoints[i], settings.Dimension).ToArray(), errors[i], rate,
                TimeStudy.GciOfTriple(h, values, kept, i, settings.Floor), wallSeconds?[i], values?[i], kept.Contains(i)));
        }
        var slopes = double.IsFinite(alpha) ? new[] { alpha, settings.MinimumRate } : new[] { settings.MinimumRate };
        var plot = StudyPlots.ErrorAgainstStep(Inv($"{checkId}: {settings.Scheme}, error vs M"), "M (per axis)", StudyPlots.ErrorAxisLabel,
            ms, errors, fit?.First ?? 0, fit?.Count ?? 0, slopes, logX: false);
        var table = new StudyTable(StudyKind.Grid, settings.Scheme, quantityLabel, referenceText, valueLabel, rows,
            alpha, sigma, settings.MinimumRate, double.PositiveInfinity, settings.Floor, slopes, plot);

        var evidence = new Dictionary<string, double>();
        void Add(string key, double value)
        {
            if (double.IsFinite(value)) evidence[key] = value;
        }
        Add("alpha", alpha);
        Add("alpha_stderr", sigma);
        Add("alpha_minimum", settings.MinimumRate);
        Add("floor", settings.Floor);
        Add("min_error", minError);
        Add("dt", settings.TimeStep);
        if (fit is not null)
        {
            Add("kept_first", fit.First);
            Add("kept_last", fit.Last);
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].PairwiseRate is { } r) Add(Inv($"pairwise_rate_{i}"), r);
            if (rows[i].GciFine is { } g) Add(Inv($"gci_fine_{i}"), g);
        }
        var exclusions = fit is null || fit.Excluded.Count == 0
            ? "none excluded"
            : string.Join("; ", fit.Excluded.Select(x => Inv($"M = {x.Step:G6}: {x.Reason}")));
        var fitText = fit is null ? "no fit" : Inv($"e ≈ {fit.Prefactor:G3}·e^(−αM), α = {alpha:G4} ± {sigma:G2} per grid point over M = {ms[fit.First]:G6} … {ms[fit.Last]:G6}");
        var message = $"{settings.Scheme}, dt = {settings.TimeStep.ToString("G6", CultureInfo.InvariantCulture)}, vs {referenceText}: {fitText}: {why}; excluded: {exclusions}";
        return new CheckResult(checkId, verdict, message, evidence, [plot], null, table);
    }

    private static double CheckHelpersMin(IReadOnlyList<double> values)
    {
        var min = double.PositiveInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) return double.NaN;
            if (v < min) min = v;
        }
        return min;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
