using System.Globalization;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Claims;
using ConvergenceSuite.Harness.Regression;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Schema;
using ConvergenceSuite.Harness.Sharding;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports;
using ConvergenceSuite.Reports.Coverage;
using ConvergenceSuite.Reports.Html;
using ConvergenceSuite.Reports.Studies;
using Spectre.Console;

namespace ConvergenceSuite.Cli;

/// <summary>The verify verb: load cases, run them with progress, write reports, print a summary table.</summary>
public static class VerifyCommand
{
    /// <summary>--tier quick|full (default quick).</summary>
    public static Tier ParseTier(string? value) => value switch
    {
        null or "quick" => Tier.Quick,
        "full" => Tier.Full,
        var t => throw new UsageException($"--tier must be quick or full, not '{t}'"),
    };

    /// <summary>The --update-reference option: rewrite references that are missing, stale or out of tolerance.</summary>
    public const string UpdateReferenceFlag = "--update-reference";

    /// <summary>Runs the verify verb with <paramref name="options"/>; returns the exit code (0, 1 or 2, see <see cref="CommandLine"/>).</summary>
    public static int Run(VerifySettings options)
    {
        var updateReference = options.UpdateReference;
        var tier = ParseTier(options.Tier);
        var shard = VerifyExtras.ParseShard(options.Shard);
        // The ledger runs once per run: in an unsharded run of the catalogue, or in shard 1 of a sharded one.
        var withClaims = options.Claims switch
        {
            null => options.Case is null && options.Cases is null && shard.Index <= 1,
            "yes" => true,
            "no" => false,
            var c => throw new UsageException($"--claims must be yes or no, not '{c}'"),
        };
        var root = RepositoryRoot();
        var casesDir = options.Cases ?? Path.Combine(root, "verification", "cases");
        var runId = SummaryMerge.ShardRunId(DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + tier.ToString().ToLowerInvariant(), shard);
        var outDir = options.Out ?? Path.Combine(root, "reports", runId);
        var runOptions = new RunOptions(tier, options.Case, options.Jobs ?? Environment.ProcessorCount, options.CaseBudget ?? VerifyExtras.DefaultCaseBudgetSeconds);

        // A bad case file does not stop the others: it is reported here and in the report, the other cases run, and the
        // exit code is 2 (verification/cases/README.md).
        IReadOnlyList<CaseDefinition> all;
        IReadOnlyList<CaseFileException> badFiles;
        try
        {
            var load = CaseFolder.Load(casesDir);
            (all, badFiles) = (load.Cases, VerifyExtras.ShardBadFiles(load.Errors, shard));
            VerifyExtras.ReportBadFiles(badFiles);
        }
        catch (DirectoryNotFoundException e)
        {
            Console.Error.WriteLine($"error: {e.Message}{(options.Cases is null ? " (outside a ConvergenceSuite checkout, give --cases DIR)" : "")}");
            return CommandLine.UsageError;
        }
        // Regression against reference-data/ runs for the repository's cases, or against --reference DIR; a custom case
        // folder without --reference has no references to compare with (said below, not silently).
        var referenceDir = options.Reference ?? (options.Cases is null ? Path.Combine(root, "reference-data") : null);
        if (updateReference && referenceDir is null) throw new UsageException($"{UpdateReferenceFlag} with --cases needs --reference DIR");
        var selected = VerificationRunner.Select(all, runOptions);
        if (shard.Count > 1) selected = shard.Select(selected, c => c.Id);
        if (selected.Count == 0 && badFiles.Count == 0)
        {
            Console.Error.WriteLine($"error: no case matches tier '{tier.ToString().ToLowerInvariant()}' and filter '{runOptions.CaseFilter}' among {all.Count} cases in {casesDir}");
            return CommandLine.UsageError;
        }

        var console = Ui.Console(options.Quiet);
        console.MarkupLine($"[bold]ConvergenceSuite[/] verify: {selected.Count} case(s), tier {tier.ToString().ToLowerInvariant()}, {runOptions.MaxParallelCases} job(s){(shard.Count > 1 ? $", shard {shard}" : "")}");
        console.MarkupLine(referenceDir is null
            ? "regression: off (a custom --cases folder without --reference)"
            : $"regression: against {Markup.Escape(referenceDir)}{(updateReference ? " (updating references that are missing, stale or out of tolerance)" : "")}");
        var solvers = VerifyExtras.Solvers(options.SeededBug, updateReference, options.SolverAssembly);
        foreach (var path in options.SolverAssembly ?? []) console.MarkupLine($"solvers loaded from {Markup.Escape(Path.GetFullPath(path))}");
        if (options.SeededBug is { } bug) console.MarkupLine($"[red]seeded bug {Markup.Escape(bug)}[/] substituted for the real solver (a defect run for compare)");
        var runner = new VerificationRunner(solvers);
        var regression = referenceDir is null ? null : new RegressionRunner(new ReferenceStore(referenceDir), solvers, updateReferences: updateReference);
        VerificationSummary summary = null!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("cases", maxValue: selected.Count);
                var gate = new Lock();
                Action<CaseResult> done = result =>
                {
                    lock (gate)
                    {
                        task.Increment(1);
                        var mark = result.Passed ? "[green]pass[/]" : "[red]FAIL[/]";
                        console.MarkupLine($"  {mark} {Markup.Escape(result.CaseId)} ({result.ElapsedSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
                    }
                };
                summary = regression is null
                    ? runner.Run(selected, runOptions, runId, done, RunCancellation.Token)
                    : regression.Run(selected, runOptions, runId, done, RunCancellation.Token);
            });

        // The claims ledger: the paper's statements tested as printed. A "violated" verdict of the PAPER passes (it is a
        // finding, reported on the Claims page); only an entry the ledger cannot evaluate fails the run (LedgerRun.ToCaseResult).
        var sections = new List<IReportSection> { new ConvergenceSection(linkFiles: true) };
        if (withClaims)
        {
            // The ledger takes its solutions from this run's solvers (a substituted seeded bug included).
            var claimSolvers = ClaimSolvers.Select(solvers);
            console.MarkupLine($"[bold]claims ledger[/], tier {tier.ToString().ToLowerInvariant()}; solutions from {Markup.Escape(claimSolvers.Describe())}");
            var ledger = ClaimsLedger.Run(tier, solvers: claimSolvers, progress: o => console.MarkupLine(Markup.Escape(o.Evaluated
                ? $"  {LedgerRun.VerdictWord(o.Verdict),-12} {o.Id} ({o.ElapsedSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)"
                : $"  NOT EVALUATED {o.Id}: {o.Error}")), cancellation: RunCancellation.Token);
            summary = summary with { Cases = [.. summary.Cases, ledger.ToCaseResult()], Claims = ledger };
        }
        summary = VerifyExtras.Complete(summary, badFiles, options.CoverageReport, outDir);
        if (summary.Coverage is not null) sections.Add(new CoverageSection());
        // One exporter contract for every output (the Claims page and claims.json come from the summary's ledger).
        var files = ReportWriter.WriteAll(summary, outDir, ReportExporters.Standard(sections));
        var studyFolder = Path.Combine(Path.GetFullPath(outDir), StudyExport.FolderName) + Path.DirectorySeparatorChar;
        var studyFiles = files.Written.Where(p => p.StartsWith(studyFolder, StringComparison.Ordinal)).ToList();
        PrintTable(console, summary);
        if (regression is { UpdateReferences: true }) PrintUpdates(console, regression);
        console.MarkupLine($"FFT backend: {Markup.Escape(summary.Environment.FftBackend)}");
        console.MarkupLine($"report: {Markup.Escape(files.IndexHtml)}");
        if (studyFiles.Count > 0) console.MarkupLine($"studies: {studyFiles.Count} file(s) in {Markup.Escape(Path.Combine(outDir, StudyExport.FolderName))}");
        if (summary.Coverage is { } coverage) console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"coverage of {coverage.Scope}: lines {100 * coverage.LineRate:F1} %, branches {100 * coverage.BranchRate:F1} % ({Markup.Escape(Path.Combine(outDir, VerifyExtras.CoverageFolder, "index.html"))})"));
        if (badFiles.Count > 0)
        {
            Console.Error.WriteLine($"{badFiles.Count} bad case file(s); the other cases ran:");
            VerifyExtras.ReportBadFiles(badFiles);
            return CommandLine.UsageError;
        }
        if (summary.AllPassed)
        {
            console.MarkupLine("[green]all verdicts pass[/]");
            return CommandLine.Success;
        }
        Console.Error.WriteLine("failing checks:");
        foreach (var f in summary.FailingChecks()) Console.Error.WriteLine($"  {f}");
        foreach (var c in summary.Cases)
        foreach (var k in c.Checks.Where(k => k.CheckId == RegressionComparison.RegressionCheckId && k.Verdict != Verdict.Pass))
            Console.Error.WriteLine($"  {c.CaseId}/regression: {k.Message}");
        return CommandLine.ChecksFailed;
    }

    private static void PrintUpdates(IAnsiConsole console, RegressionRunner regression)
    {
        var updates = regression.Updates.OrderBy(u => u.CaseId, StringComparer.Ordinal).ToList();
        console.MarkupLine($"references: {string.Join(", ", Enum.GetValues<ReferenceAction>().Select(a => $"{updates.Count(u => u.Action == a)} {a.ToString().ToLowerInvariant()}"))} (in {Markup.Escape(regression.Store.Folder)})");
        foreach (var u in updates.Where(u => u.Action != ReferenceAction.Unchanged))
            console.MarkupLine($"  {u.Action.ToString().ToLowerInvariant()} {Markup.Escape(u.CaseId)}: {Markup.Escape(u.Reason)}");
    }

    private static void PrintTable(IAnsiConsole console, VerificationSummary summary)
    {
        var table = new Table().AddColumn(new TableColumn("case").NoWrap()).AddColumns("scheme", "dt", "checks", "verdict", "time (s)");
        foreach (var c in summary.Cases)
        {
            var passed = c.Checks.Count(k => k.Verdict == Verdict.Pass);
            var verdict = c.Error?.StartsWith(VerificationRunner.TimedOutPrefix, StringComparison.Ordinal) == true ? "[red]timed out[/]"
                : c.Error is not null ? "[red]error[/]" : c.Passed ? "[green]pass[/]" : "[red]FAIL[/]";
            table.AddRow(Markup.Escape(c.CaseId), Markup.Escape(c.Scheme), c.TimeStep.ToString("G4", CultureInfo.InvariantCulture),
                $"{passed}/{c.Checks.Count}", verdict, c.ElapsedSeconds.ToString("F1", CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }

    /// <summary>The folder holding ConvergenceSuite.sln, searched upward from the working directory, then from the binary.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ConvergenceSuite.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
