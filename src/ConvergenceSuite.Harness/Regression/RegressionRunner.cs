using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Regression;

/// <summary>What <c>--update-reference</c> did with one case's reference.</summary>
public enum ReferenceAction
{
    /// <summary>The run is within tolerance of the stored reference and the case file is unchanged: no byte written.</summary>
    Unchanged,
    /// <summary>No reference existed; one was written.</summary>
    Created,
    /// <summary>The reference was stale, unreadable or out of tolerance; it was rewritten (revision + 1).</summary>
    Rewritten,
    /// <summary>Not written because another check of the case did not pass (a failing run is never made golden).</summary>
    Refused,
}

/// <summary>One line of the update summary.</summary>
public sealed record ReferenceUpdate(string CaseId, ReferenceAction Action, string Reason, string File);

/// <summary>
/// Runs cases like <see cref="VerificationRunner"/> and appends a "regression" check to each case's result: the run's
/// quantities (<see cref="Observables"/>) compared with the case's reference in a <see cref="ReferenceStore"/>.
/// A case without a reference gets an Inconclusive "no reference" (visible, never silently skipped); a tampered or
/// malformed reference fails naming the file; a reference recorded from another version of the case file fails as stale.
/// With <c>updateReferences</c>, a reference is (re)written only when it is missing, unreadable, stale or out of
/// tolerance, and only when every other check of the case passed; a reference the run matches is left byte for byte.
/// </summary>
public sealed class RegressionRunner
{
    private readonly IReadOnlyList<ISolverUnderTest> _solvers;
    private readonly ConcurrentQueue<ReferenceUpdate> _updates = new();

    /// <summary>A runner over <paramref name="store"/> with the given solvers (default: the built-in ones); <paramref name="updateReferences"/> turns on the update mode.</summary>
    public RegressionRunner(ReferenceStore store, IEnumerable<ISolverUnderTest>? solvers = null, bool updateReferences = false)
    {
        Store = store;
        UpdateReferences = updateReferences;
        _solvers = (solvers ?? VerificationRunner.BuiltInSolvers()).ToList();
    }

    /// <summary>Where the references are read and written.</summary>
    public ReferenceStore Store { get; }
    /// <summary>True in the update mode (see the class summary).</summary>
    public bool UpdateReferences { get; }

    /// <summary>What the update mode did, in completion order.</summary>
    public IReadOnlyList<ReferenceUpdate> Updates => _updates.ToArray();

    /// <summary>Runs the cases (like <see cref="VerificationRunner.Run"/>), each with its regression check, and
    /// appends a changelog line for every reference written.</summary>
    public VerificationSummary Run(IReadOnlyList<CaseDefinition> cases, RunOptions options, string runId, Action<CaseResult>? onCaseDone = null,
        CancellationToken cancellation = default)
    {
        var results = new ConcurrentDictionary<int, CaseResult>();
        try
        {
            VerificationRunner.ForEachCase(cases.Count, options.MaxParallelCases, cancellation, i =>
            {
                var result = RunCase(cases[i], cancellation, options.CaseBudgetSeconds);
                results[i] = result;
                onCaseDone?.Invoke(result);
            });
        }
        finally
        {
            // Also when the run is cancelled: every reference written so far is a whole file (atomic rename) and is listed.
            var date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            Store.AppendChangelog(Updates.Where(u => u.Action is ReferenceAction.Created or ReferenceAction.Rewritten)
                .OrderBy(u => u.CaseId, StringComparer.Ordinal)
                .Select(u => $"{date} {u.CaseId}: {u.Action.ToString().ToLowerInvariant()} ({u.Reason}); commit {VerificationRunner.GitCommit()}, FFT {Fft()}"));
        }
        return new VerificationSummary(runId, VerificationRunner.Environment(options), Enumerable.Range(0, cases.Count).Select(i => results[i]).ToList());
    }

    /// <summary>Runs one case and appends its regression result (a case that failed to run is returned as it is).</summary>
    public CaseResult RunCase(CaseDefinition definition, CancellationToken cancellation = default, double? defaultBudgetSeconds = null)
    {
        var recorders = _solvers.Select(s => new RecordingSolver(s)).ToList();
        var result = new VerificationRunner(recorders).RunCase(definition, cancellation, defaultBudgetSeconds);
        if (result.Error is not null) return result;
        var trajectory = recorders.First(r => r.Name == definition.Solver).First;
        // The solver's capability answer (unsupported): every check is Inconclusive with its reason, and so is the
        // regression check, which has nothing to compare.
        if (trajectory is null && result.Checks.Count > 0 && result.Checks.All(c => c.Verdict == Verdict.Inconclusive))
            return result with { Checks = [.. result.Checks, CheckResult.Of(RegressionComparison.RegressionCheckId, Verdict.Inconclusive, result.Checks[0].Message, new Dictionary<string, double>())] };
        if (trajectory is null) throw new InvalidOperationException($"case {definition.Id}: the solver returned no trajectory");
        var quantities = Observables.Extract(trajectory, result.Checks);
        var regression = Evaluate(definition, trajectory, quantities, result.Checks);
        return result with { Checks = [.. result.Checks, regression] };
    }

    /// <summary>The regression check of one run (and, in update mode, the reference written for it).</summary>
    public CheckResult Evaluate(CaseDefinition definition, Trajectory trajectory, IReadOnlyList<Quantity> quantities, IReadOnlyList<CheckResult> otherChecks)
    {
        var file = Relative(Store.ManifestPath(definition.Id));
        ReferenceData? reference = null;
        string? broken = null;
        try
        {
            reference = Store.TryLoad(definition.Id);
        }
        catch (ReferenceFileException e)
        {
            broken = $"corrupt reference {Relative(e.File)}: {e.Problem}";
        }
        catch (IOException e)
        {
            broken = $"unreadable reference {file}: {e.Message}";
        }

        ComparisonResult? comparison = null;
        var notes = new List<string>();
        if (reference is not null)
        {
            comparison = RegressionComparison.Compare(reference.Quantities, quantities);
            if (reference.CaseSha256 != definition.Sha256)
                comparison = comparison with
                {
                    Problems = [.. comparison.Problems, $"stale reference: recorded from case file sha256 {Prefix(reference.CaseSha256)}…, the case file is now {Prefix(definition.Sha256)}…"],
                };
        }

        if (UpdateReferences)
        {
            var reason = broken ?? (reference is null ? "no reference" : comparison!.Passed ? null : Reason(comparison));
            if (reason is null)
            {
                _updates.Enqueue(new ReferenceUpdate(definition.Id, ReferenceAction.Unchanged, $"within tolerance, worst ratio {comparison!.WorstRatio:G3}", file));
                notes.Add("--update-reference: unchanged.");
            }
            else if (otherChecks.Any(c => c.Verdict != Verdict.Pass))
            {
                _updates.Enqueue(new ReferenceUpdate(definition.Id, ReferenceAction.Refused,
                    $"{reason}; not written because {string.Join(", ", otherChecks.Where(c => c.Verdict != Verdict.Pass).Select(c => c.CheckId))} did not pass", file));
                notes.Add("--update-reference: refused (other checks fail).");
            }
            else
            {
                var revision = reference is null ? 1 : reference.Revision + 1;
                if (reference is null && broken is not null) revision = 1;
                try
                {
                    Store.Save(new ReferenceData(definition.Id, definition.Sha256, revision, Provenance(trajectory), quantities));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _updates.Enqueue(new ReferenceUpdate(definition.Id, ReferenceAction.Refused, $"{reason}; writing failed: {e.Message}", file));
                    return CheckResult.Of(RegressionComparison.RegressionCheckId, Verdict.Fail, $"could not write reference {file}: {e.Message}", new Dictionary<string, double>());
                }
                var action = reference is null && broken is null ? ReferenceAction.Created : ReferenceAction.Rewritten;
                _updates.Enqueue(new ReferenceUpdate(definition.Id, action, reason, file));
                var comparedWithOld = comparison is null ? "" : $" Against the previous revision: {RegressionComparison.ToCheckResult(comparison, file).Message}";
                return CheckResult.Of(RegressionComparison.RegressionCheckId, Verdict.Pass,
                    $"reference {file} {action.ToString().ToLowerInvariant()} (revision {revision}; {reason}).{comparedWithOld}",
                    new Dictionary<string, double> { ["revision"] = revision, ["quantities"] = quantities.Count });
            }
        }

        if (broken is not null)
            return CheckResult.Of(RegressionComparison.RegressionCheckId, Verdict.Fail, broken, new Dictionary<string, double>());
        if (reference is null)
            return CheckResult.Of(RegressionComparison.RegressionCheckId, Verdict.Inconclusive,
                $"no reference: {file} does not exist; record one with `convergence-suite verify --update-reference`",
                new Dictionary<string, double> { ["quantities"] = quantities.Count });
        return RegressionComparison.ToCheckResult(comparison!, file, notes);
    }

    private static string Prefix(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static string Reason(ComparisonResult c) =>
        c.Problems.Count > 0 ? string.Join("; ", c.Problems)
        : $"drift: {c.Failed} of {c.Compared} values beyond tolerance, worst {c.Largest[0]}";

    private static ReferenceProvenance Provenance(Trajectory t) => new(
        t.Solver,
        t.Scheme,
        t.Grid is { } g ? $"{string.Join("×", g.Sizes)} points on {string.Join("×", g.Lengths.Select(l => l.ToString("R", CultureInfo.InvariantCulture)))}" : "none",
        t.TimeStep,
        t.Backend,
        VerificationRunner.GitCommit(),
        SdkVersion.Value,
        RuntimeInformation.FrameworkDescription,
        DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static string Fft() => QuantumSync.Numerics.Fft.FftBackends.Default.Name;

    private string Relative(string path)
    {
        var root = Path.GetDirectoryName(Store.Folder);
        return root is null ? path : Path.GetRelativePath(root, path);
    }

    /// <summary>`dotnet --version` of the SDK on the PATH, "unknown" when it cannot be run.</summary>
    private static readonly Lazy<string> SdkVersion = new(() =>
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (p is null) return "unknown";
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(10000);
            return p.ExitCode == 0 && text.Length > 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    });
}

/// <summary>Passes runs through to a solver and keeps the first trajectory it returned: the runner's primary run of a
/// case (studies and scans re-run the solver only while the checks are evaluated, after it).</summary>
public sealed class RecordingSolver(ISolverUnderTest inner) : ISolverUnderTest, ISolverWrapper
{
    /// <summary>The solver the runs pass through to.</summary>
    public ISolverUnderTest Inner => inner;

    private Trajectory? _first;

    /// <inheritdoc />
    public string Name => inner.Name;
    /// <inheritdoc />
    public IReadOnlyCollection<ModelKind> Models => inner.Models;

    /// <summary>The first trajectory returned, or null before any run.</summary>
    public Trajectory? First => _first;

    /// <inheritdoc />
    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        var t = inner.Run(problem, resolution, storeStates, sampleTimes, cancellation);
        Interlocked.CompareExchange(ref _first, t, null);
        return t;
    }
}
