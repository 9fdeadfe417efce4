using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.Harness.Running;

/// <summary>Options of one verification run. CaseBudgetSeconds: wall-clock budget of a case without its own
/// "budgetSeconds" (null: none).</summary>
public sealed record RunOptions(Tier Tier = Tier.Quick, string? CaseFilter = null, int MaxParallelCases = 1, double? CaseBudgetSeconds = null);

/// <summary>
/// Runs cases through their solver under test, evaluates each case's checks and assembles the summary.
/// A case that fails to run (e.g. the solver diverges) is recorded with its error; the other cases still run.
/// A check that throws fails with the exception's message.
/// </summary>
public sealed class VerificationRunner
{
    private readonly Dictionary<string, ISolverUnderTest> _solvers;

    /// <summary>A runner with the given solvers, looked up by <see cref="ISolverUnderTest.Name"/> (default: <see cref="BuiltInSolvers"/>).</summary>
    public VerificationRunner(IEnumerable<ISolverUnderTest>? solvers = null)
    {
        _solvers = (solvers ?? BuiltInSolvers()).ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>The solvers shipped with the suite: every <see cref="ISolverUnderTest"/> in the harness assembly (not in the
    /// abstractions, which only declare the interface) with a public parameterless constructor, so adding an adapter
    /// is adding a file.</summary>
    public static IEnumerable<ISolverUnderTest> BuiltInSolvers() =>
        typeof(VerificationRunner).Assembly.GetTypes()
            .Where(t => typeof(ISolverUnderTest).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (ISolverUnderTest)Activator.CreateInstance(t)!);

    /// <summary>Cases selected by tier (quick: quick cases only; full: all) and filter (substring of the id, or a
    /// glob with '*').</summary>
    public static IReadOnlyList<CaseDefinition> Select(IEnumerable<CaseDefinition> cases, RunOptions options) =>
        cases.Where(c => options.Tier == Tier.Full || c.Tier == Tier.Quick)
            .Where(c => Matches(c.Id, options.CaseFilter))
            .ToList();

    /// <summary>True when <paramref name="filter"/> is empty, a case-insensitive substring of <paramref name="id"/>, or a glob with '*' matching the whole id.</summary>
    public static bool Matches(string id, string? filter)
    {
        if (string.IsNullOrEmpty(filter)) return true;
        if (!filter.Contains('*')) return id.Contains(filter, StringComparison.OrdinalIgnoreCase);
        var pattern = "^" + string.Join(".*", filter.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(id, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    /// <summary>Runs the cases; <paramref name="onCaseDone"/> is called as each finishes (from worker threads).</summary>
    public VerificationSummary Run(IReadOnlyList<CaseDefinition> cases, RunOptions options, string runId, Action<CaseResult>? onCaseDone = null,
        CancellationToken cancellation = default)
    {
        var results = new ConcurrentDictionary<int, CaseResult>();
        ForEachCase(cases.Count, options.MaxParallelCases, cancellation, i =>
        {
            var result = RunCase(cases[i], cancellation, options.CaseBudgetSeconds);
            results[i] = result;
            onCaseDone?.Invoke(result);
        });
        var ordered = Enumerable.Range(0, cases.Count).Select(i => results[i]).ToList();
        return new VerificationSummary(runId, Environment(options), ordered);
    }

    /// <summary>Parallel.For over the cases; a cancelled run throws one <see cref="OperationCanceledException"/> (not the
    /// AggregateException of every worker that saw the token).</summary>
    public static void ForEachCase(int count, int jobs, CancellationToken cancellation, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellation }, body);
        }
        catch (AggregateException e) when (cancellation.IsCancellationRequested && e.Flatten().InnerExceptions.All(x => x is OperationCanceledException))
        {
            throw new OperationCanceledException("the run was cancelled", e, cancellation);
        }
    }

    /// <summary>Prefix of the error of a case that exceeded its wall-clock budget (its "timed out" verdict).</summary>
    public const string TimedOutPrefix = "timed out";

    /// <summary>Runs one case within its budget (<see cref="CaseDefinition.BudgetSeconds"/>, else
    /// <paramref name="defaultBudgetSeconds"/>): past it the solver and the checks are cancelled (external processes
    /// killed) and the case ends with a "timed out" error naming the budget. A cancelled <paramref name="cancellation"/>
    /// throws <see cref="OperationCanceledException"/> (the run was cancelled, not the case).</summary>
    public CaseResult RunCase(CaseDefinition definition, CancellationToken cancellation = default, double? defaultBudgetSeconds = null)
    {
        var budget = definition.BudgetSeconds ?? defaultBudgetSeconds;
        using var budgetSource = budget is { } b ? new CancellationTokenSource(TimeSpan.FromSeconds(Math.Min(b, int.MaxValue / 1000.0))) : null;
        using var linked = budgetSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellation, budgetSource.Token);
        try
        {
            return RunCaseCore(definition, linked?.Token ?? cancellation);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested && budgetSource is { IsCancellationRequested: true })
        {
            var grid = definition.Resolution.GridPoints is { } p ? string.Join("×", p) : "";
            var source = definition.BudgetSeconds is null ? "the run's default, --case-budget" : "the case's budgetSeconds";
            return new CaseResult(definition.Id, definition.Description, definition.Problem.Model.ToString(), definition.Solver, definition.Resolution.Scheme, grid,
                definition.Resolution.TimeStep, budget!.Value, [],
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TimedOutPrefix}: the case exceeded its wall-clock budget of {budget:G4} s ({source}) and was stopped"));
        }
        finally
        {
            // A persistent external solver serves one case (its run and its studies): end it with the case.
            External.ExternalCommands.Release(definition.Problem);
        }
    }

    private CaseResult RunCaseCore(CaseDefinition definition, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var grid = definition.Resolution.GridPoints is { } p ? string.Join("×", p) : "";
        var model = definition.Problem.Model.ToString();
        if (!_solvers.TryGetValue(definition.Solver, out var solver))
            return new CaseResult(definition.Id, definition.Description, model, definition.Solver, definition.Resolution.Scheme, grid,
                definition.Resolution.TimeStep, 0, [], $"no solver named '{definition.Solver}' is registered");
        // A solver that declares its schemes is held to them before anything runs: the case's scheme and every scheme a
        // study of the case asks for must be declared (the error names the declared ones).
        string? undeclared;
        try
        {
            SchemeDeclarations.Validate(solver, definition.Problem);
            undeclared = SchemeDeclarations.CheckDeclared(solver,
                definition.Checks.OfType<IUsesSchemes>().SelectMany(c => c.SchemesUsed).Prepend(definition.Resolution.Scheme), definition.Problem);
        }
        catch (InvalidOperationException e)
        {
            undeclared = e.Message;
        }
        if (undeclared is not null)
            return new CaseResult(definition.Id, definition.Description, model, solver.Name, definition.Resolution.Scheme, grid,
                definition.Resolution.TimeStep, 0, [], undeclared);
        Trajectory trajectory;
        try
        {
            trajectory = solver.Run(definition.Problem, definition.Resolution, definition.StoreStates, cancellation: cancellation);
        }
        catch (NotSupportedException e)
        {
            // The solver's capability answer: it does not do what this case asks (a model, dimension, scheme or boundary
            // it lacks). Nothing was shown right or wrong, so every check is Inconclusive with the solver's reason.
            var reason = $"not run: {solver.Name} does not support this case: {e.Message}";
            return new CaseResult(definition.Id, definition.Description, model, solver.Name, definition.Resolution.Scheme, grid,
                definition.Resolution.TimeStep, watch.Elapsed.TotalSeconds,
                definition.Checks.Select(c => CheckResult.Of(c.Id, Verdict.Inconclusive, reason, new Dictionary<string, double>())).ToList());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new CaseResult(definition.Id, definition.Description, model, solver.Name, definition.Resolution.Scheme, grid,
                definition.Resolution.TimeStep, watch.Elapsed.TotalSeconds, [], $"{e.GetType().Name}: {e.Message}");
        }
        // The checks re-run the solver (studies): every such run gets the case's token too.
        var context = new CheckContext(definition, trajectory, new CancellableSolver(solver, cancellation));
        var checks = new List<CheckResult>();
        foreach (var check in definition.Checks)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                checks.Add(check.Evaluate(context));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                checks.Add(CheckResult.Of(check.Id, Verdict.Fail, $"the check could not be evaluated: {e.GetType().Name}: {e.Message}",
                    new Dictionary<string, double>()));
            }
        }
        return new CaseResult(definition.Id, definition.Description, model, solver.Name, trajectory.Scheme, grid,
            trajectory.TimeStep, watch.Elapsed.TotalSeconds, checks)
        {
            Provenance = trajectory.Provenance,
        };
    }

    /// <summary>Passes a token into every run of the solver it wraps (linked with the caller's own token).</summary>
    private sealed class CancellableSolver(ISolverUnderTest inner, CancellationToken token) : ISolverUnderTest, ISolverWrapper
    {
        public ISolverUnderTest Inner => inner;
        /// <inheritdoc />
        public string Name => inner.Name;
        /// <inheritdoc />
        public IReadOnlyCollection<ModelKind> Models => inner.Models;

        /// <inheritdoc />
        public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
        {
            if (!cancellation.CanBeCanceled) return inner.Run(problem, resolution, storeStates, sampleTimes, token);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(token, cancellation);
            return inner.Run(problem, resolution, storeStates, sampleTimes, both.Token);
        }
    }

    /// <summary>What this run ran on.</summary>
    public static EnvironmentInfo Environment(RunOptions options) => new(
        FftBackends.Default.Name,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        System.Environment.ProcessorCount,
        GitCommit(),
        DateTimeOffset.UtcNow,
        options.Tier.ToString().ToLowerInvariant(),
        options.CaseFilter);

    /// <summary>The commit of the working tree, from CONVERGENCESUITE_COMMIT or `git rev-parse HEAD`; "unknown" otherwise.</summary>
    public static string GitCommit()
    {
        var fromEnv = System.Environment.GetEnvironmentVariable("CONVERGENCESUITE_COMMIT");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv.Trim();
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (git is null) return "unknown";
            var text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(5000);
            return git.ExitCode == 0 && text.Length > 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>Names of the registered splitting schemes, for usage text.</summary>
    public static IEnumerable<string> SchemeNames => SplittingSchemes.All.Select(s => s.Name);
}
