using System.Collections.Concurrent;
using System.Diagnostics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Regression;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.SeededBugs;

/// <summary>What one seeded bug did to the suite.</summary>
/// <param name="Bug">The bug.</param>
/// <param name="Cases">The results of the cases run with the bugged solver in place of the real one.</param>
/// <param name="CaughtBy">Check id → ids of the cases where that check failed with the bug but passed with the real
/// solver ("run-error" for cases the bugged solver could not finish).</param>
/// <param name="InconclusiveBy">Check id → cases where the check became Inconclusive with the bug (not counted as caught).</param>
public sealed record BugOutcome(
    SeededBug Bug,
    IReadOnlyList<CaseResult> Cases,
    IReadOnlyDictionary<string, IReadOnlyList<string>> CaughtBy,
    IReadOnlyDictionary<string, IReadOnlyList<string>> InconclusiveBy)
{
    /// <summary>Caught by at least one check other than the regression comparison.</summary>
    public bool CaughtByPhysics => CaughtBy.Keys.Any(k => k != RegressionComparison.RegressionCheckId);

    public bool Caught => CaughtBy.Count > 0;
}

/// <summary>The whole gallery run.</summary>
/// <param name="Bugs">One outcome per bug.</param>
/// <param name="Baseline">The same cases with the real solvers: the checks counted as catching a bug pass here.</param>
/// <param name="ChecksRun">Every check id that ran (sorted).</param>
/// <param name="Seconds">Wall-clock time of the gallery (baseline included).</param>
public sealed record GalleryResult(IReadOnlyList<BugOutcome> Bugs, IReadOnlyList<CaseResult> Baseline, IReadOnlyList<string> ChecksRun, double Seconds)
{
    /// <summary>Checks that caught none of the bugs.</summary>
    public IReadOnlyList<string> ChecksCatchingNone => ChecksRun.Where(c => Bugs.All(b => !b.CaughtBy.ContainsKey(c))).ToList();
}

/// <summary>
/// Runs the cases against each seeded bug: for a bug that replaces solver S, every selected case that names S runs
/// with the bugged solver substituted for the real one (cases unchanged). A check catches the bug on a case when it
/// fails there but passes with the real solvers (the baseline run of the same cases). With a reference store, the
/// regression comparison runs too and is reported as its own column.
/// </summary>
public static class Gallery
{
    /// <summary>Pseudo-check id for a case whose bugged run threw (e.g. diverged).</summary>
    public const string RunError = "run-error";

    /// <summary>Runs the baseline and every bug on the cases of the solver it replaces. <paramref name="solvers"/>: the
    /// solvers of the run (default: the built-in ones; with solvers loaded from other assemblies, e.g.
    /// <c>gallery --solver-assembly</c>); a bug replaces the solver of its <see cref="SeededBug.Replaces"/> name only, so a
    /// case of any other solver runs in no bug's set (see <see cref="Unseedable"/>).</summary>
    public static GalleryResult Run(IReadOnlyList<CaseDefinition> cases, IReadOnlyList<SeededBug> bugs, int jobs, ReferenceStore? references = null,
        Action<string, CaseResult>? onCaseDone = null, CancellationToken cancellation = default, IReadOnlyList<ISolverUnderTest>? solvers = null)
    {
        var watch = Stopwatch.StartNew();
        var builtIn = (solvers ?? VerificationRunner.BuiltInSolvers()).ToList();
        var work = new List<(int Bug, CaseDefinition Case)>();
        for (var b = -1; b < bugs.Count; b++)
            foreach (var c in cases.Where(c => b < 0 ? bugs.Any(x => x.Replaces == c.Solver) : c.Solver == bugs[b].Replaces))
                work.Add((b, c));
        var results = new ConcurrentDictionary<int, CaseResult>();
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellation }, i =>
        {
            var (b, definition) = work[i];
            var runSolvers = b < 0 ? builtIn : builtIn.Where(s => s.Name != bugs[b].Replaces).Append(bugs[b].Create()).ToList();
            var result = references is null
                ? new VerificationRunner(runSolvers).RunCase(definition, cancellation)
                : new RegressionRunner(references, runSolvers).RunCase(definition, cancellation);
            results[i] = result;
            onCaseDone?.Invoke(b < 0 ? "baseline" : bugs[b].Id, result);
        });

        var baseline = Enumerable.Range(0, work.Count).Where(i => work[i].Bug < 0).Select(i => results[i]).ToList();
        var baselinePass = baseline.SelectMany(r => r.Checks.Where(k => k.Verdict == Verdict.Pass).Select(k => (r.CaseId, k.CheckId))).ToHashSet();
        var outcomes = new List<BugOutcome>();
        for (var b = 0; b < bugs.Count; b++)
        {
            var mine = Enumerable.Range(0, work.Count).Where(i => work[i].Bug == b).Select(i => results[i]).ToList();
            var caught = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            var inconclusive = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var r in mine)
            {
                if (r.Error is not null) Add(caught, RunError, r.CaseId);
                foreach (var k in r.Checks)
                {
                    if (k.Verdict == Verdict.Fail && baselinePass.Contains((r.CaseId, k.CheckId))) Add(caught, k.CheckId, r.CaseId);
                    else if (k.Verdict == Verdict.Inconclusive && baselinePass.Contains((r.CaseId, k.CheckId))) Add(inconclusive, k.CheckId, r.CaseId);
                }
            }
            outcomes.Add(new BugOutcome(bugs[b], mine,
                caught.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal),
                inconclusive.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal)));
        }
        var checksRun = baseline.SelectMany(r => r.Checks.Select(k => k.CheckId)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new GalleryResult(outcomes, baseline, checksRun, watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The cases no seeded bug can be applied to, by solver name: each bug wraps one built-in solver (the one it
    /// <see cref="SeededBug.Replaces"/>) and is substituted for it, so a case naming another solver (one loaded from a
    /// user's assembly, the external-process adapter, …) is run by no bug and its checks are not exercised by the gallery.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Unseedable(IEnumerable<CaseDefinition> cases, IEnumerable<SeededBug> bugs)
    {
        var replaced = bugs.Select(b => b.Replaces).ToHashSet(StringComparer.Ordinal);
        return cases.Where(c => !replaced.Contains(c.Solver)).GroupBy(c => c.Solver, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Id).ToList(), StringComparer.Ordinal);
    }

    private static void Add(SortedDictionary<string, List<string>> map, string key, string caseId)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (!list.Contains(caseId)) list.Add(caseId);
    }

    /// <summary>The gallery as a summary for the exporters: one "case" per bug ("bug:&lt;id&gt;") whose single check
    /// "seeded-bug-caught" passes when some check other than the regression comparison caught the bug.</summary>
    public static VerificationSummary ToSummary(GalleryResult gallery, string runId, EnvironmentInfo environment) => new(runId, environment,
        gallery.Bugs.Select(o => new CaseResult($"bug:{o.Bug.Id}", o.Bug.Defect, o.Cases.FirstOrDefault()?.Model ?? "", o.Bug.Replaces, "", "", 0,
            o.Cases.Sum(c => c.ElapsedSeconds),
            [
                CheckResult.Of("seeded-bug-caught", o.CaughtByPhysics ? Verdict.Pass : Verdict.Fail,
                    o.Caught
                        ? $"caught by {string.Join(", ", o.CaughtBy.Select(kv => $"{kv.Key} ({kv.Value.Count} case{(kv.Value.Count == 1 ? "" : "s")})"))}"
                        : $"not caught by any check on {o.Cases.Count} cases",
                    new Dictionary<string, double>
                    {
                        ["cases"] = o.Cases.Count,
                        ["catching-checks"] = o.CaughtBy.Count,
                        ["failing-cases"] = o.Cases.Count(c => !c.Passed),
                    }),
            ])).ToList());
}
