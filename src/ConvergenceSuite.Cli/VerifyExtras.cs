using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Coverage;
using ConvergenceSuite.Harness.Schema;
using ConvergenceSuite.Harness.Sharding;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Cli;

/// <summary>The verify verb's --shard and --coverage-report options and the reporting of bad case files.</summary>
public static class VerifyExtras
{
    /// <summary>Name of the coverage folder inside a report folder.</summary>
    public const string CoverageFolder = "coverage";

    /// <summary>The solvers of a run: the built-in ones, or with --seeded-bug ID the seeded bug substituted for the real
    /// solver it replaces (a deliberately defective run, e.g. to try `compare`). Never with --update-reference: a bugged
    /// run must not become the reference.</summary>
    public static IReadOnlyList<ISolverUnderTest> Solvers(string? seededBug, bool updateReference, IReadOnlyList<string>? solverAssemblies = null)
    {
        // --solver-assembly PATH: the user's solvers beside the built-in ones (a name taken twice is an error).
        List<ISolverUnderTest> builtIn;
        try
        {
            builtIn = Harness.Solvers.SolverAssemblies.WithBuiltIn(solverAssemblies ?? []).ToList();
        }
        catch (Harness.Solvers.SolverAssemblyException e)
        {
            throw new UsageException($"--solver-assembly: {e.Message}");
        }
        if (seededBug is null) return builtIn;
        if (updateReference) throw new UsageException("--seeded-bug cannot be combined with --update-reference (a defective run must not become the reference)");
        var bug = SeededBugs.SeededBugRegistry.All.FirstOrDefault(b => b.Id == seededBug)
            ?? throw new UsageException($"--seeded-bug: no seeded bug '{seededBug}'; known: {string.Join(", ", SeededBugs.SeededBugRegistry.All.Select(b => b.Id))}");
        return [.. builtIn.Where(s => s.Name != bug.Replaces), bug.Create()];
    }

    /// <summary>Default wall-clock budget of a case (--case-budget): 30 min, three times the slowest full-tier case
    /// measured (the N = 2000 Kuramoto studies, ~10 min on 2 cores); a case file's "budgetSeconds" overrides it.</summary>
    public const double DefaultCaseBudgetSeconds = 1800;

    /// <summary>The --shard option ("i/n"), or the whole run.</summary>
    public static Shard ParseShard(string? text)
    {
        if (text is null) return Shard.All;
        try
        {
            return Shard.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--shard: {e.Message}");
        }
    }

    /// <summary>Prints each bad case file (file, JSON path, problem) to stderr.</summary>
    public static void ReportBadFiles(IReadOnlyList<CaseFileException> errors)
    {
        foreach (var e in errors) Console.Error.WriteLine($"error: bad case file: {e.Message}");
    }

    /// <summary>The run's summary with this shard's bad case files appended (as cases that did not run) and the coverage
    /// of <paramref name="coverageReport"/> (a ReportGenerator folder with Cobertura.xml), copied to DIR/coverage.</summary>
    public static VerificationSummary Complete(VerificationSummary summary, IReadOnlyList<CaseFileException> badFiles, string? coverageReport, string outDir)
    {
        var result = summary;
        if (badFiles.Count > 0) result = result with { Cases = [.. result.Cases, .. badFiles.Select(CaseFolder.ToResult)] };
        if (coverageReport is null) return result;
        var target = Path.Combine(Path.GetFullPath(outDir), CoverageFolder);
        var source = Path.GetFullPath(coverageReport);
        if (!File.Exists(Path.Combine(source, "Cobertura.xml")))
            throw new UsageException($"--coverage-report {coverageReport}: no Cobertura.xml there (ReportGenerator with -reporttypes:...;Cobertura)");
        if (!string.Equals(source.TrimEnd('/'), target, StringComparison.Ordinal)) CopyFolder(source, target);
        return result with { Coverage = CoberturaSummary.Read(Path.Combine(target, "Cobertura.xml"), $"{CoverageFolder}/index.html") };
    }

    /// <summary>The bad files this shard reports: each bad file belongs to exactly one shard (by file name).</summary>
    public static IReadOnlyList<CaseFileException> ShardBadFiles(IReadOnlyList<CaseFileException> errors, Shard shard) =>
        shard.Count == 1 ? errors : shard.Select(errors, e => Path.GetFileName(e.File));

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
