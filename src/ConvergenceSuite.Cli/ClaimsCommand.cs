using System.Globalization;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Claims;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports;
using ConvergenceSuite.Reports.Claims;

namespace ConvergenceSuite.Cli;

/// <summary>
/// The claims verb: evaluate the claims ledger (every numbered statement of the paper, tested as printed) and write
/// reports/&lt;run&gt;/ with the Claims page. Exit code 0 when every entry was evaluated, whatever the paper's verdicts;
/// 1 when the ledger could not evaluate an entry (exception, NaN); 2 on bad usage.
/// </summary>
public static class ClaimsCommand
{
    /// <summary>Runs the claims verb with <paramref name="options"/>; returns the exit code (0, 1 or 2, see the class).</summary>
    public static int Run(ClaimsSettings options)
    {
        var tier = VerifyCommand.ParseTier(options.Tier);
        var output = options.Quiet ? TextWriter.Null : Console.Out;
        var root = VerifyCommand.RepositoryRoot();
        var runId = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-claims-" + tier.ToString().ToLowerInvariant();
        var outDir = options.Out ?? Path.Combine(root, "reports", runId);
        var filter = options.Entry;
        if (ClaimsLedger.Select(ClaimsLedger.Entries, tier, filter).Count == 0)
        {
            Console.Error.WriteLine($"error: no ledger entry matches '{filter}' in tier {tier.ToString().ToLowerInvariant()}");
            return CommandLine.UsageError;
        }
        var solvers = Solvers(options.Solver, options.SolverAssembly);
        output.WriteLine($"claims ledger, tier {tier.ToString().ToLowerInvariant()}; solutions from {solvers.Describe()}");
        var run = ClaimsLedger.Run(tier, filter, progress: o => Print(o, output), cancellation: RunCancellation.Token, solvers: solvers);
        var summary = new VerificationSummary(runId, VerificationRunnerEnvironment(tier, filter), [run.ToCaseResult()]) { Claims = run };
        var files = ReportWriter.WriteAll(summary, outDir, ReportExporters.Standard(studies: false));
        var json = Path.Combine(Path.GetFullPath(outDir), ClaimsJson.FileName);
        output.WriteLine($"report: {files.IndexHtml}; ledger data: {json}");
        return Finish(run, output);
    }

    /// <summary>
    /// The solvers under test of a ledger run: --solver NAME picks one among the built-in solvers and those of
    /// --solver-assembly; without it, the solvers loaded by --solver-assembly (never topped up with built-in ones), or
    /// the built-in split-step and spectral-wl. An unknown name or a bad assembly is a usage error.
    /// </summary>
    public static ClaimSolvers Solvers(string? name, IReadOnlyList<string>? assemblies)
    {
        try
        {
            if (name is null && assemblies is { Count: > 0 }) return new ClaimSolvers(assemblies.SelectMany(Harness.Solvers.SolverAssemblies.Load));
            return ClaimSolvers.Select(Harness.Solvers.SolverAssemblies.WithBuiltIn(assemblies ?? []), name);
        }
        catch (Harness.Solvers.SolverAssemblyException e)
        {
            throw new UsageException($"--solver-assembly: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--solver: {e.Message}");
        }
    }

    /// <summary>One line per evaluated entry.</summary>
    public static void Print(ClaimOutcome o, TextWriter output)
    {
        var fallbacks = o.Runs.Where(r => r.IsFallback).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Scheme} at dt = {r.TimeStep:G4} for {r.RequestedScheme} at {r.RequestedTimeStep:G4}")).Distinct().ToList();
        output.WriteLine(o.Evaluated
            ? $"  {LedgerRun.VerdictWord(o.Verdict),-12} {o.Id} ({o.ElapsedSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)"
              + (fallbacks.Count == 0 ? "" : $" [fallback: {string.Join("; ", fallbacks)}]")
            : $"  NOT EVALUATED {o.Id}: {o.Error}");
    }

    /// <summary>Exit code of a ledger run: the machinery, not the paper, decides.</summary>
    public static int Finish(LedgerRun run) => Finish(run, Console.Out);

    /// <summary>Exit code of a ledger run, the summary line written to <paramref name="output"/>.</summary>
    public static int Finish(LedgerRun run, TextWriter output)
    {
        if (run.MachineryPassed)
        {
            output.WriteLine($"ledger: {run.Outcomes.Count} entries evaluated ({string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{run.Outcomes.Count(o => o.Verdict == v)} {LedgerRun.VerdictWord(v)}"))})");
            return CommandLine.Success;
        }
        Console.Error.WriteLine("ledger entries that could not be evaluated:");
        foreach (var o in run.Outcomes.Where(o => !o.Evaluated)) Console.Error.WriteLine($"  {o.Id}: {o.Error}");
        return CommandLine.ChecksFailed;
    }

    private static EnvironmentInfo VerificationRunnerEnvironment(Tier tier, string? filter) =>
        Harness.Running.VerificationRunner.Environment(new Harness.Running.RunOptions(tier, filter));
}
