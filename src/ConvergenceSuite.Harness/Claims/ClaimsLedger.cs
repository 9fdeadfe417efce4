using System.Diagnostics;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Claims;

/// <summary>
/// One numbered statement of the paper: its printed text (<paramref name="Quote"/>), exactly what the harness tests
/// (<paramref name="Tested"/>: form, data sets, K values, criterion) and the evaluation. <paramref name="Quick"/> marks
/// entries cheap enough for the quick (CI) tier; the evaluation receives the tier and may use fewer data sets there.
/// </summary>
public sealed record ClaimEntry(string Id, string Title, string Quote, string Tested, bool Quick, Func<Tier, ClaimEvaluation> Evaluate);

/// <summary>
/// The claims ledger: evaluates entries and applies the ledger's own rules.
/// <list type="bullet">
/// <item>An exception or a non-finite number in the evidence is a failure of the machinery: the entry is recorded as
/// not evaluated (<see cref="ClaimOutcome.Error"/>), which fails the verification.</item>
/// <item>The entry's verdict combines its tests (<see cref="ClaimCriteria.Combine"/>).</item>
/// <item>"Violated" stands only with an independent confirmation that confirms it; otherwise it is downgraded to
/// inconclusive, and the summary says why.</item>
/// </list>
/// </summary>
public static class ClaimsLedger
{
    /// <summary>Every entry of the paper, in the paper's order.</summary>
    public static IReadOnlyList<ClaimEntry> Entries => LedgerEntries.All;

    /// <summary>The entries a tier evaluates: all in the full tier, the cheap ones in the quick tier; optionally filtered
    /// by a substring of the id.</summary>
    public static IReadOnlyList<ClaimEntry> Select(IEnumerable<ClaimEntry> entries, Tier tier, string? filter = null) =>
        entries.Where(e => (tier == Tier.Full || e.Quick) && (string.IsNullOrEmpty(filter) || e.Id.Contains(filter, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Evaluates the selected entries of <paramref name="entries"/> (default: the paper's) in order, the
    /// solutions taken from <paramref name="solvers"/> (default: <see cref="ClaimSolvers.BuiltIn"/>).</summary>
    public static LedgerRun Run(Tier tier, string? filter = null, IEnumerable<ClaimEntry>? entries = null, Action<ClaimOutcome>? progress = null,
        CancellationToken cancellation = default, ClaimSolvers? solvers = null)
    {
        var selected = solvers ?? ClaimSolvers.BuiltIn;
        var total = Stopwatch.StartNew();
        var outcomes = new List<ClaimOutcome>();
        using (LedgerCache.Open())
        {
            foreach (var entry in Select(entries ?? Entries, tier, filter))
            {
                cancellation.ThrowIfCancellationRequested();
                var outcome = Evaluate(entry, tier, selected);
                outcomes.Add(outcome);
                progress?.Invoke(outcome);
            }
        }
        return new LedgerRun(tier.ToString().ToLowerInvariant(), outcomes, total.Elapsed.TotalSeconds) { Solvers = selected.Describe() };
    }

    /// <summary>Evaluates one entry and applies the ledger's rules (see the class remarks). An entry the solver under
    /// test cannot serve (<see cref="UnservedEntryException"/>: a model, scheme or output it lacks) is evaluated
    /// as inconclusive with that reason; no other solver stands in for it.</summary>
    public static ClaimOutcome Evaluate(ClaimEntry entry, Tier tier, ClaimSolvers? solvers = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var watch = Stopwatch.StartNew();
        var selected = solvers ?? ClaimSolvers.BuiltIn;
        using var cache = LedgerCache.InScope ? null : LedgerCache.Open();
        ClaimEvaluation evaluation;
        try
        {
            evaluation = ClaimRuns.With(selected, () => entry.Evaluate(tier));
        }
        catch (UnservedEntryException e)
        {
            var reason = $"the solver under test cannot serve this entry: {e.Message}";
            return new ClaimOutcome(entry.Id, entry.Title, entry.Quote, entry.Tested, Verdict.Inconclusive, reason,
                [new ClaimTest("solver under test", Verdict.Inconclusive, reason, new Dictionary<string, double>(), [])], null, null, watch.Elapsed.TotalSeconds, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(entry, $"{e.GetType().Name}: {e.Message}", watch.Elapsed.TotalSeconds);
        }
        var bad = NonFinite(evaluation);
        if (bad is not null) return Failed(entry, $"non-finite evidence {bad}", watch.Elapsed.TotalSeconds);
        if (evaluation.Tests.Count == 0) return Failed(entry, "the evaluation produced no test", watch.Elapsed.TotalSeconds);

        var verdict = ClaimCriteria.Combine(evaluation.Tests.Select(t => t.Verdict));
        var notes = new List<string>();
        if (verdict == Verdict.Fail && evaluation.Confirmation is not { Confirmed: true })
        {
            verdict = Verdict.Inconclusive;
            notes.Add(evaluation.Confirmation is null
                ? "violation NOT confirmed by an independent route (none ran): recorded as inconclusive"
                : $"violation NOT confirmed by {evaluation.Confirmation.Route}: recorded as inconclusive");
        }
        var summary = string.Join("; ", evaluation.Tests.Select(t => $"[{t.DataSet}] {LedgerRun.VerdictWord(t.Verdict)}: {t.Message}").Concat(notes));
        if (evaluation.Note is not null) summary = evaluation.Note + " " + summary;
        return new ClaimOutcome(entry.Id, entry.Title, entry.Quote, entry.Tested, verdict, summary, evaluation.Tests,
            evaluation.Confirmation, evaluation.Correction, watch.Elapsed.TotalSeconds, null);
    }

    private static ClaimOutcome Failed(ClaimEntry entry, string error, double seconds) =>
        new(entry.Id, entry.Title, entry.Quote, entry.Tested, Verdict.Inconclusive, "not evaluated", [], null, null, seconds, error);

    private static string? NonFinite(ClaimEvaluation e)
    {
        foreach (var t in e.Tests)
        {
            foreach (var (k, v) in t.Evidence) if (!double.IsFinite(v)) return $"'{k}' = {v} in test '{t.DataSet}'";
            foreach (var p in t.Plots)
            foreach (var s in p.Series)
                if (s.Y.Any(v => !double.IsFinite(v)) || s.X.Any(v => !double.IsFinite(v))) return $"in plot '{p.Title}' series '{s.Name}' of test '{t.DataSet}'";
        }
        if (e.Confirmation is { } c) foreach (var (k, v) in c.Evidence) if (!double.IsFinite(v)) return $"'{k}' = {v} in the confirmation";
        if (e.Correction is { } r) foreach (var (k, v) in r.Evidence) if (!double.IsFinite(v)) return $"'{k}' = {v} in the correction";
        return null;
    }
}
