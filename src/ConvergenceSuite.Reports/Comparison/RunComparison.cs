using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Reports.Comparison;

/// <summary>How a check (or a whole case) stands in one run, worst last.</summary>
public enum Standing
{
    /// <summary>Every check passed.</summary>
    Pass,
    /// <summary>No check failed, at least one was inconclusive.</summary>
    Inconclusive,
    /// <summary>At least one check failed, or the case has no checks.</summary>
    Fail,
    /// <summary>The case did not run (solver error, bad case file, timeout, refused).</summary>
    Error,
    /// <summary>Not in that run at all.</summary>
    Absent,
}

/// <summary>A check or case whose verdict differs between BASE and HEAD. <see cref="Worsened"/> decides the exit code.</summary>
public sealed record VerdictChange(string CaseId, string? CheckId, Standing Base, Standing Head, string HeadMessage)
{
    /// <summary>HEAD is worse: a lower standing than BASE, or a case/check that ran in BASE and is missing in HEAD. A
    /// check new in HEAD worsens only when it does not pass (nothing to compare it with, but a failure is a failure).</summary>
    public bool Worsened => Base == Standing.Absent ? Head is not Standing.Pass : Head > Base;
}

/// <summary>The named rule a number is judged by: |head − base| ≤ max(Absolute, Relative·max(|base|, |head|)).</summary>
/// Name: short name shown in every table; Reason: why this tolerance, in terms of the mathematics or a measurement;
/// Judged: false for informational numbers (timings, fit statistics, the regression check's own deviations), which are
/// reported and never fail.
public sealed record DriftTolerance(string Name, double Absolute, double Relative, string Reason, bool Judged = true)
{
    /// <summary>The allowed |a − b|: max(Absolute, Relative·max(|a|, |b|)).</summary>
    public double Allowed(double a, double b) => Math.Max(Absolute, Relative * Math.Max(Math.Abs(a), Math.Abs(b)));
}

/// <summary>One number that exists in both runs (or only in BASE), with its drift and the tolerance it is judged by.</summary>
/// Quantity is an evidence key ("order_lsq") or a study field ("study.rows[3].error").
public sealed record NumericDrift(string CaseId, string CheckId, string Quantity, double Base, double Head, DriftTolerance Tolerance, double Allowed)
{
    /// <summary>|Δ| / allowed; 0 when both are equal (NaN = NaN included), +∞ when exactly one side is not finite.</summary>
    public double Ratio
    {
        get
        {
            if (Base.Equals(Head)) return 0;
            if (!double.IsFinite(Base) || !double.IsFinite(Head)) return double.PositiveInfinity;
            var d = Math.Abs(Head - Base);
            return Allowed > 0 ? d / Allowed : double.PositiveInfinity;
        }
    }

    /// <summary>True when the tolerance is judged and <see cref="Ratio"/> &gt; 1: the drift counts as a regression.</summary>
    public bool Exceeds => Tolerance.Judged && Ratio > 1;
}

/// <summary>Wall time of one case in both runs and whether the change is outside the noise band.</summary>
public sealed record TimingChange(string CaseId, double BaseSeconds, double HeadSeconds, double Band)
{
    /// <summary>HEAD − BASE wall time, in seconds (positive: slower).</summary>
    public double Delta => HeadSeconds - BaseSeconds;
    /// <summary>True when |<see cref="Delta"/>| exceeds the noise <c>Band</c> (seconds); informational only.</summary>
    public bool OutsideNoise => double.IsFinite(Delta) && Math.Abs(Delta) > Band;
    /// <summary>"within noise", "slower" or "faster".</summary>
    public string Word => !OutsideNoise ? "within noise" : Delta > 0 ? "slower" : "faster";
}

/// <summary>The comparison of two runs. Exit code 1 (<see cref="Regressed"/>) when a verdict worsens or a judged drift
/// exceeds its tolerance; timing never decides.</summary>
public sealed record ComparisonReport(
    string BaseRunId,
    string HeadRunId,
    string BaseCommit,
    string HeadCommit,
    IReadOnlyList<VerdictChange> VerdictChanges,
    IReadOnlyList<NumericDrift> Drifts,
    IReadOnlyList<TimingChange> Timings,
    IReadOnlyList<string> Notes)
{
    /// <summary>The verdict changes where HEAD is worse than BASE.</summary>
    public IEnumerable<VerdictChange> Worsened => VerdictChanges.Where(v => v.Worsened);
    /// <summary>The judged drifts beyond their tolerance, largest ratio first.</summary>
    public IEnumerable<NumericDrift> Exceeding => Drifts.Where(d => d.Exceeds).OrderByDescending(d => d.Ratio);
    /// <summary>True when a verdict worsened or a judged drift exceeds its tolerance (exit code 1); timing never counts.</summary>
    public bool Regressed => Worsened.Any() || Exceeding.Any();
    /// <summary>Sum of BASE wall times of the compared cases, in seconds (non-finite times counted as 0).</summary>
    public double BaseTotalSeconds => Timings.Sum(t => double.IsFinite(t.BaseSeconds) ? t.BaseSeconds : 0);
    /// <summary>Sum of HEAD wall times of the compared cases, in seconds (non-finite times counted as 0).</summary>
    public double HeadTotalSeconds => Timings.Sum(t => double.IsFinite(t.HeadSeconds) ? t.HeadSeconds : 0);
}

/// <summary>
/// The tolerances drift is judged by. Both runs are assumed to be of the same cases; the numbers differ because the
/// code (or the machine, or the FFT backend) differs. What a change of code may move without being a regression is
/// roundoff; what a defect moves is the discretisation error constant, the observed order, or the result itself.
/// </summary>
public static class DriftTolerances
{
    /// <summary>Absolute floor for errors and values: the norm-conservation tolerance the cases use (1e-12), i.e. what
    /// the suite already treats as accumulated roundoff over O(10⁴) steps. Two machines or FFT backends move errors of
    /// 1e-14 by factors; below this floor such moves are roundoff, not a change of the method.</summary>
    public const double RoundoffFloor = 1e-12;

    /// <summary>Relative tolerance for errors and results: 5 %. A discretisation error e = C·hᵖ is a deterministic
    /// function of the discretisation; roundoff changes it by ~ε·steps ≪ 1 % whenever e ≫ <see cref="RoundoffFloor"/>.
    /// A 5 % move means the error constant C changed: a different method, not noise. Measured on the eight sl-1d-n*
    /// cases: two runs of one commit with FFTW (MEASURE plans differ between processes) moved 71 of 197 numbers, all at
    /// roundoff level, the largest at 0.03 of its tolerance; managed FFT vs FFTW, the largest at 0.20; a seeded defect
    /// (yoshida-equal-weights) moved errors by 12× to 3000× (ratio ≈ 20, the 1/ErrorRelative ceiling).</summary>
    public const double ErrorRelative = 0.05;

    /// <summary>Absolute tolerance for algebraic observed orders p: 0.05, half the ±0.1 acceptance window of the
    /// temporal-order cases. Least-squares orders of the current studies have standard errors ≤ 1e-3, so a deterministic
    /// rerun moves them far less; a shift of 0.05 is a change of asymptotic behaviour. Widened to 3 combined standard
    /// errors when a fit is that uncertain.</summary>
    public const double OrderAbsolute = 0.05;

    /// <summary>Relative tolerance for exponential (spectral) rates α and other fitted decay rates: 5 %, for the same
    /// reason as <see cref="ErrorRelative"/> (α is ln of an error ratio per grid point).</summary>
    public const double RateRelative = 0.05;

    /// <summary>Relative tolerance for GCI fractions: 10 %. GCI = F_s·|ε₂₁|/(rᵖ − 1) depends on the observed order
    /// through rᵖ, so it amplifies order noise; twice the error tolerance.</summary>
    public const double GciRelative = 0.10;

    /// <summary>Absolute floor for GCI fractions: below 1e-8 the two finest values agree to 8 digits and the GCI is a
    /// difference of nearly equal numbers, i.e. roundoff.</summary>
    public const double GciFloor = 1e-8;

    /// <summary>Wall-time noise band: a change is reported as slower/faster only beyond max(50 %, 0.5 s). Measured on a
    /// 2-core machine under heavy load (load average ~20): two runs of one commit differed per case by up to +250 % / −90 %,
    /// so on a shared machine even this band is crossed; that is why timing is informational and never fails a
    /// comparison. On a quiet machine it separates a real slowdown (≥ 1.5×) from scheduling noise.</summary>
    public const double TimingRelativeBand = 0.5;

    /// <summary>Absolute part of the timing noise band (process start, JIT, thread scheduling).</summary>
    public const double TimingAbsoluteBand = 0.5;

    /// <summary>Errors and values: relative <see cref="ErrorRelative"/> with absolute floor <see cref="RoundoffFloor"/>.</summary>
    public static readonly DriftTolerance Error = new("error/value 5 % (floor 1e-12)", RoundoffFloor, ErrorRelative,
        "a 5 % move changes the error constant; below 1e-12 it is roundoff");

    /// <summary>Exponential and decay rates: relative <see cref="RateRelative"/>, no floor.</summary>
    public static readonly DriftTolerance Rate = new("rate 5 %", 0, RateRelative, "exponential/decay rate: 5 % relative");

    /// <summary>GCI fractions: relative <see cref="GciRelative"/> with absolute floor <see cref="GciFloor"/>.</summary>
    public static readonly DriftTolerance Gci = new("GCI 10 % (floor 1e-8)", GciFloor, GciRelative,
        "GCI amplifies order noise through rᵖ; below 1e-8 it is roundoff");

    /// <summary>Settings and counts of the case (tolerances, windows, point counts): must be equal.</summary>
    public static readonly DriftTolerance Exact = new("exact (setting/count)", 0, 0,
        "a tolerance, window, count or index of the case: the same case gives the same value");

    /// <summary>Wall times: reported, never judged (see <see cref="TimingRelativeBand"/>).</summary>
    public static readonly DriftTolerance Timing = new("timing (informational)", 0, 0, "wall time is noisy; see the timing table", Judged: false);

    /// <summary>Standard errors of fits: reported, never judged; they widen the order tolerance instead.</summary>
    public static readonly DriftTolerance Statistic = new("fit statistic (informational)", 0, 0,
        "a standard error: it widens the order tolerance, it is not itself a result", Judged: false);

    /// <summary>Deviations from reference-data/: reported, never judged here; the regression check's own verdict decides.</summary>
    public static readonly DriftTolerance Regression = new("reference deviation (informational)", 0, 0,
        "deviation from reference-data/: judged by the regression check's own verdict", Judged: false);

    /// <summary>The order tolerance for two fitted orders with standard errors (NaN or absent: none).</summary>
    public static DriftTolerance Order(double baseStdErr = double.NaN, double headStdErr = double.NaN)
    {
        var combined = Math.Sqrt(Sq(baseStdErr) + Sq(headStdErr));
        var abs = Math.Max(OrderAbsolute, 3 * combined);
        return abs > OrderAbsolute
            ? new($"order ±{abs:G2} (3σ)", abs, 0, "3 combined standard errors of the fits, wider than ±0.05")
            : new("order ±0.05", OrderAbsolute, 0, "half the ±0.1 window of the order cases; fits have σ ≤ 1e-3");
        static double Sq(double x) => double.IsFinite(x) ? x * x : 0;
    }

    private static readonly HashSet<string> Settings = new(StringComparer.Ordinal)
    {
        "points", "kept_first", "kept_last", "kept_count", "oscillators", "compared", "problems", "beyond-tolerance",
        "coupling", "final_time", "reference_step", "madelung_points_used", "expected_low", "expected_high",
    };

    /// <summary>The tolerance for an evidence value, from its check and key; the evidence of both runs supplies the
    /// standard errors of fitted orders.</summary>
    public static DriftTolerance ForEvidence(string checkId, string key, IReadOnlyDictionary<string, double> baseEvidence,
        IReadOnlyDictionary<string, double> headEvidence)
    {
        if (checkId == "regression") return Regression;
        var k = key.ToLowerInvariant();
        if (k.Contains("seconds", StringComparison.Ordinal)) return Timing;
        if (k.Contains("stderr", StringComparison.Ordinal)) return Statistic;
        if (Settings.Contains(k) || k.Contains("tolerance", StringComparison.Ordinal)) return Exact;
        if (k.Contains("gci", StringComparison.Ordinal)) return Gci;
        if (k.Contains("order", StringComparison.Ordinal))
        {
            var se = key + "_stderr";
            return Order(baseEvidence.GetValueOrDefault(se, double.NaN), headEvidence.GetValueOrDefault(se, double.NaN));
        }
        if (k.Contains("rate", StringComparison.Ordinal) && !k.Contains("ratio", StringComparison.Ordinal))
            return Rate;
        return Error;
    }
}

/// <summary>Compares two <see cref="VerificationSummary"/>s: verdicts, evidence, study tables, wall times.</summary>
public static class RunComparison
{
    /// <summary>Compares BASE <paramref name="baseRun"/> with HEAD <paramref name="headRun"/> case by case (matched by case id): verdict
    /// changes, drift of every shared number with its tolerance, wall times; notes when the FFT backends or the case selection differ.</summary>
    public static ComparisonReport Compare(VerificationSummary baseRun, VerificationSummary headRun)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(headRun);
        var verdicts = new List<VerdictChange>();
        var drifts = new List<NumericDrift>();
        var timings = new List<TimingChange>();
        var notes = new List<string>();
        if (baseRun.Environment.FftBackend != headRun.Environment.FftBackend)
            notes.Add($"FFT backends differ ({baseRun.Environment.FftBackend} vs {headRun.Environment.FftBackend}): roundoff-level drift is expected.");
        if (baseRun.Environment.Tier != headRun.Environment.Tier || baseRun.Environment.CaseFilter != headRun.Environment.CaseFilter)
            notes.Add($"the runs selected different cases (tier {baseRun.Environment.Tier}, filter '{baseRun.Environment.CaseFilter}' vs tier {headRun.Environment.Tier}, filter '{headRun.Environment.CaseFilter}').");

        var heads = Index(headRun.Cases, c => c.CaseId);
        var bases = Index(baseRun.Cases, c => c.CaseId);
        foreach (var (id, b) in Keyed(baseRun.Cases, c => c.CaseId))
        {
            if (!heads.TryGetValue(id, out var h))
            {
                verdicts.Add(new VerdictChange(b.CaseId, null, CaseStanding(b), Standing.Absent, "the case is not in HEAD"));
                continue;
            }
            CompareCase(b, h, verdicts, drifts);
            timings.Add(new TimingChange(b.CaseId, b.ElapsedSeconds, h.ElapsedSeconds,
                Math.Max(DriftTolerances.TimingAbsoluteBand, DriftTolerances.TimingRelativeBand * Math.Abs(b.ElapsedSeconds))));
        }
        foreach (var (_, h) in Keyed(headRun.Cases, c => c.CaseId).Where(p => !bases.ContainsKey(p.Key)))
            verdicts.Add(new VerdictChange(h.CaseId, null, Standing.Absent, CaseStanding(h), h.Error ?? "new in HEAD"));
        return new ComparisonReport(baseRun.RunId, headRun.RunId, baseRun.Environment.GitCommit, headRun.Environment.GitCommit,
            verdicts, drifts, timings, notes);
    }

    /// <summary>A case's standing: Error when it did not run, Fail when it has no checks, else the worst standing of its checks.</summary>
    public static Standing CaseStanding(CaseResult c) =>
        c.Error is not null ? Standing.Error
        : c.Checks.Count == 0 ? Standing.Fail
        : c.Checks.Max(k => Of(k.Verdict));

    /// <summary>The standing of one check verdict (Pass, Inconclusive, Fail).</summary>
    public static Standing Of(Verdict v) => v switch
    {
        Verdict.Pass => Standing.Pass,
        Verdict.Inconclusive => Standing.Inconclusive,
        _ => Standing.Fail,
    };

    private static void CompareCase(CaseResult b, CaseResult h, List<VerdictChange> verdicts, List<NumericDrift> drifts)
    {
        if (b.Error is not null || h.Error is not null)
        {
            var (bs, hs) = (CaseStanding(b), CaseStanding(h));
            if (bs != hs || b.Error != h.Error) verdicts.Add(new VerdictChange(b.CaseId, null, bs, hs, h.Error ?? "runs in HEAD"));
            if (b.Error is not null || h.Error is not null) return;
        }
        var headChecks = Index(h.Checks, k => k.CheckId);
        var baseChecks = Index(b.Checks, k => k.CheckId);
        foreach (var (key0, bk) in Keyed(b.Checks, k => k.CheckId))
        {
            if (!headChecks.TryGetValue(key0, out var hk))
            {
                verdicts.Add(new VerdictChange(b.CaseId, bk.CheckId, Of(bk.Verdict), Standing.Absent, "the check is not in HEAD"));
                continue;
            }
            if (bk.Verdict != hk.Verdict) verdicts.Add(new VerdictChange(b.CaseId, bk.CheckId, Of(bk.Verdict), Of(hk.Verdict), hk.Message));
            foreach (var (key, bv) in bk.Evidence)
            {
                if (!hk.Evidence.TryGetValue(key, out var hv)) continue;
                var tol = DriftTolerances.ForEvidence(bk.CheckId, key, bk.Evidence, hk.Evidence);
                drifts.Add(new NumericDrift(b.CaseId, bk.CheckId, key, bv, hv, tol, tol.Allowed(bv, hv)));
            }
            if (bk.Study is { } bs && hk.Study is { } hs) CompareStudy(b.CaseId, bk.CheckId, bs, hs, drifts);
        }
        foreach (var (_, hk) in Keyed(h.Checks, k => k.CheckId).Where(p => !baseChecks.ContainsKey(p.Key)))
            verdicts.Add(new VerdictChange(h.CaseId, hk.CheckId, Standing.Absent, Of(hk.Verdict), hk.Message));
    }

    private static void CompareStudy(string caseId, string checkId, StudyTable b, StudyTable h, List<NumericDrift> drifts)
    {
        var rateTol = b.Kind == StudyKind.Time ? DriftTolerances.Order(b.RateStandardError, h.RateStandardError) : DriftTolerances.Rate;
        Add("study.rate", b.Rate, h.Rate, rateTol);
        var sameSteps = b.Rows.Count == h.Rows.Count && b.Rows.Zip(h.Rows).All(p => p.First.Step.Equals(p.Second.Step));
        if (!sameSteps)
        {
            // The refinement itself changed: the rows cannot be paired. Recorded as an exact drift of the row count
            // (or of the first differing step), which fails: the study is not the same study.
            var i = Enumerable.Range(0, Math.Min(b.Rows.Count, h.Rows.Count)).FirstOrDefault(k => !b.Rows[k].Step.Equals(h.Rows[k].Step), -1);
            if (i < 0) Add("study.rows (count)", b.Rows.Count, h.Rows.Count, DriftTolerances.Exact);
            else Add($"study.rows[{i}].step", b.Rows[i].Step, h.Rows[i].Step, DriftTolerances.Exact);
            return;
        }
        var pairTol = b.Kind == StudyKind.Time ? DriftTolerances.Order() : DriftTolerances.Rate;
        for (var i = 0; i < b.Rows.Count; i++)
        {
            var (br, hr) = (b.Rows[i], h.Rows[i]);
            var at = $"study.rows[{i}] ({b.StepName} = {br.Step:G4})";
            Add($"{at}.error", br.Error, hr.Error, DriftTolerances.Error);
            if (br.PairwiseRate is { } bp && hr.PairwiseRate is { } hp) Add($"{at}.{b.RateName}", bp, hp, pairTol);
            if (br.GciFine is { } bg && hr.GciFine is { } hg) Add($"{at}.gci", bg, hg, DriftTolerances.Gci);
            if (br.Value is { } bv && hr.Value is { } hv) Add($"{at}.value", bv, hv, DriftTolerances.Error);
        }

        void Add(string q, double bv, double hv, DriftTolerance tol) => drifts.Add(new NumericDrift(caseId, checkId, q, bv, hv, tol, tol.Allowed(bv, hv)));
    }

    /// <summary>Items by key; a key that repeats gets "#2", "#3", … in order of appearance, so both runs pair alike.</summary>
    private static Dictionary<string, T> Index<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var d = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (k, item) in Keyed(items, key)) d[k] = item;
        return d;
    }

    private static IEnumerable<(string Key, T Item)> Keyed<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var k = key(item);
            var n = seen[k] = seen.GetValueOrDefault(k) + 1;
            yield return (n == 1 ? k : $"{k}#{n}", item);
        }
    }
}

/// <summary>Reads one side of a comparison: a report folder (its summary.json) or a summary.json file.</summary>
public static class ComparisonInput
{
    /// <exception cref="FileNotFoundException">Neither a folder with summary.json nor a file.</exception>
    /// <exception cref="InvalidDataException">The file is not a summary.json this version reads (message names the file).</exception>
    public static ConvergenceSuite.Harness.Summary.VerificationSummary Load(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, Json.SummaryJson.FileName) : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"no {Json.SummaryJson.FileName} at {file} (give a report folder or a summary.json file)", file);
        try
        {
            return Json.SummaryJson.ReadFile(file);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }
    }
}
