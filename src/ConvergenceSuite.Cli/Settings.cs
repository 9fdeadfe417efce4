using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvergenceSuite.Cli;

// The command-line settings of each verb (Spectre.Console.Cli binds "--name value" and "--name=value" to these
// properties and prints them in "VERB --help"). To add an option: add a property with [CommandOption] and a
// [Description], then read it in the verb's Run. Validation of values lives in Validate() (usage error, exit 2).

/// <summary>Options every verb has.</summary>
public class CommonSettings : CommandSettings
{
    /// <summary>--quiet: Print errors only (no progress, no tables); the exit code carries the result.</summary>
    [CommandOption("-q|--quiet")]
    [Description("Print errors only (no progress, no tables); the exit code carries the result.")]
    public bool Quiet { get; init; }
}

/// <summary>--tier quick|full.</summary>
public class TierSettings : CommonSettings
{
    /// <summary>--tier &lt;TIER&gt;: quick: the CI tier (default); full: every case.</summary>
    [CommandOption("--tier <TIER>")]
    [Description("quick: the CI tier (default); full: every case.")]
    public string? Tier { get; init; }

    /// <summary>Rejects option values the verb cannot use (a usage error, exit 2): --tier must be quick or full.</summary>
    public override ValidationResult Validate() =>
        Tier is null or "quick" or "full" ? ValidationResult.Success() : ValidationResult.Error($"--tier must be quick or full, not '{Tier}'");
}

/// <summary>verify.</summary>
public sealed class VerifySettings : TierSettings
{
    /// <summary>--case &lt;FILTER&gt;: Only cases whose id contains FILTER (or matches a glob with *).</summary>
    [CommandOption("--case <FILTER>")]
    [Description("Only cases whose id contains FILTER (or matches a glob with *).")]
    public string? Case { get; init; }

    /// <summary>--cases &lt;DIR&gt;: Case folder (default: verification/cases of the repository).</summary>
    [CommandOption("--cases <DIR>")]
    [Description("Case folder (default: verification/cases of the repository).")]
    public string? Cases { get; init; }

    /// <summary>--out &lt;DIR&gt;: Report folder (default: reports/&lt;run-id&gt; of the repository).</summary>
    [CommandOption("--out <DIR>")]
    [Description("Report folder (default: reports/<run-id> of the repository).")]
    public string? Out { get; init; }

    /// <summary>--jobs &lt;N&gt;: Cases run concurrently (default: number of cores).</summary>
    [CommandOption("--jobs <N>")]
    [Description("Cases run concurrently (default: number of cores).")]
    public int? Jobs { get; init; }

    /// <summary>--reference &lt;DIR&gt;: Reference data (default: reference-data/ of the repository; off for --cases).</summary>
    [CommandOption("--reference <DIR>")]
    [Description("Reference data (default: reference-data/ of the repository; off for --cases).")]
    public string? Reference { get; init; }

    /// <summary>--update-reference: Rewrite references that are missing, stale or out of tolerance (atomically; a reference the run matches is left byte for byte; listed in CHANGELOG.md).</summary>
    [CommandOption("--update-reference")]
    [Description("Rewrite references that are missing, stale or out of tolerance (atomically; a reference the run matches is left byte for byte; listed in CHANGELOG.md).")]
    public bool UpdateReference { get; init; }

    /// <summary>--claims &lt;YES_NO&gt;: Also evaluate the claims ledger of the tier (default: yes, unless --case or --cases is given).</summary>
    [CommandOption("--claims <YES_NO>")]
    [Description("Also evaluate the claims ledger of the tier (default: yes, unless --case or --cases is given).")]
    public string? Claims { get; init; }

    /// <summary>--shard &lt;I/N&gt;: Run shard i of n (1-based): cases sorted by id, every n-th from the i-th.</summary>
    [CommandOption("--shard <I/N>")]
    [Description("Run shard i of n (1-based): cases sorted by id, every n-th from the i-th.")]
    public string? Shard { get; init; }

    /// <summary>--coverage-report &lt;DIR&gt;: Record the coverage of a ReportGenerator folder (Cobertura.xml) in the summary and copy it to the report's coverage/.</summary>
    [CommandOption("--coverage-report <DIR>")]
    [Description("Record the coverage of a ReportGenerator folder (Cobertura.xml) in the summary and copy it to the report's coverage/.")]
    public string? CoverageReport { get; init; }

    /// <summary>--case-budget &lt;SECONDS&gt;: Wall-clock budget per case (default 1800); a case's "budgetSeconds" overrides it. A case past it ends 'timed out'; the others still run.</summary>
    [CommandOption("--case-budget <SECONDS>")]
    [Description("Wall-clock budget per case (default 1800); a case's \"budgetSeconds\" overrides it. A case past it ends 'timed out'; the others still run.")]
    public double? CaseBudget { get; init; }

    /// <summary>--solver-assembly &lt;PATH&gt;: Load the solvers under test (public ISolverUnderTest classes) from a .NET assembly built against ConvergenceSuite.Harness, in its own load context; cases name them by their Name. Repeatable.</summary>
    [CommandOption("--solver-assembly <PATH>")]
    [Description("Load the solvers under test (public ISolverUnderTest classes) from a .NET assembly built against ConvergenceSuite.Harness, in its own load context; cases name them by their Name. Repeatable.")]
    public string[]? SolverAssembly { get; init; }

    /// <summary>--seeded-bug &lt;ID&gt;: Substitute a seeded bug (see gallery) for the solver it replaces: a deliberately defective run, e.g. to try compare. Not with --update-reference.</summary>
    [CommandOption("--seeded-bug <ID>")]
    [Description("Substitute a seeded bug (see gallery) for the solver it replaces: a deliberately defective run, e.g. to try compare. Not with --update-reference.")]
    public string? SeededBug { get; init; }

    /// <summary>Rejects option values the verb cannot use (a usage error, exit 2): the checks of <see cref="TierSettings"/>, and --jobs must be positive, --case-budget a positive finite number of seconds, --claims yes or no.</summary>
    public override ValidationResult Validate()
    {
        var b = base.Validate();
        if (!b.Successful) return b;
        if (Jobs is <= 0) return ValidationResult.Error($"--jobs needs a positive integer, not '{Jobs}'");
        if (CaseBudget is { } s && !(s > 0 && double.IsFinite(s))) return ValidationResult.Error($"--case-budget needs a positive number of seconds, not '{s}'");
        if (Claims is not (null or "yes" or "no")) return ValidationResult.Error($"--claims must be yes or no, not '{Claims}'");
        return ValidationResult.Success();
    }
}

/// <summary>gallery.</summary>
public sealed class GallerySettings : TierSettings
{
    /// <summary>--bug &lt;FILTER&gt;: Only seeded bugs whose id contains FILTER.</summary>
    [CommandOption("--bug <FILTER>")]
    [Description("Only seeded bugs whose id contains FILTER.")]
    public string? Bug { get; init; }

    /// <summary>--jobs &lt;N&gt;: Cases run concurrently (default: number of cores).</summary>
    [CommandOption("--jobs <N>")]
    [Description("Cases run concurrently (default: number of cores).")]
    public int? Jobs { get; init; }

    /// <summary>--out &lt;DIR&gt;: Report folder (default: reports/&lt;run-id&gt;-gallery-&lt;tier&gt;).</summary>
    [CommandOption("--out <DIR>")]
    [Description("Report folder (default: reports/<run-id>-gallery-<tier>).")]
    public string? Out { get; init; }

    /// <summary>--cases &lt;DIR&gt;: Case folder (default: verification/cases).</summary>
    [CommandOption("--cases <DIR>")]
    [Description("Case folder (default: verification/cases).")]
    public string? Cases { get; init; }

    /// <summary>--reference &lt;DIR&gt;: Reference data (default: reference-data/; off for --cases).</summary>
    [CommandOption("--reference <DIR>")]
    [Description("Reference data (default: reference-data/; off for --cases).")]
    public string? Reference { get; init; }

    /// <summary>--solver-assembly &lt;PATH&gt;: Load solvers (public ISolverUnderTest classes) from a .NET assembly built against ConvergenceSuite.Harness, as verify does, so cases naming them load. Seeded bugs wrap the built-in solvers only: the gallery lists the cases of a loaded solver as not seedable and does not run them. Repeatable.</summary>
    [CommandOption("--solver-assembly <PATH>")]
    [Description("Load solvers (public ISolverUnderTest classes) from a .NET assembly built against ConvergenceSuite.Harness, as verify does, so cases naming them load. Seeded bugs wrap the built-in solvers only: the gallery lists the cases of a loaded solver as not seedable and does not run them. Repeatable.")]
    public string[]? SolverAssembly { get; init; }

    /// <summary>Rejects option values the verb cannot use (a usage error, exit 2): --jobs must be positive, and the checks of <see cref="TierSettings"/>.</summary>
    public override ValidationResult Validate() =>
        Jobs is <= 0 ? ValidationResult.Error($"--jobs needs a positive integer, not '{Jobs}'") : base.Validate();
}

/// <summary>claims.</summary>
public sealed class ClaimsSettings : TierSettings
{
    /// <summary>--entry &lt;FILTER&gt;: Only entries whose id contains FILTER.</summary>
    [CommandOption("--entry <FILTER>")]
    [Description("Only entries whose id contains FILTER.")]
    public string? Entry { get; init; }

    /// <summary>--out &lt;DIR&gt;: Report folder (default: reports/&lt;run-id&gt;).</summary>
    [CommandOption("--out <DIR>")]
    [Description("Report folder (default: reports/<run-id>).")]
    public string? Out { get; init; }

    /// <summary>--solver &lt;NAME&gt;: The solver under test the entries take their solutions from (a built-in one or one loaded with --solver-assembly); entries for a model it does not run are inconclusive. Default: the built-in split-step (S-L) and spectral-wl (W-L), or the solvers of --solver-assembly.</summary>
    [CommandOption("--solver <NAME>")]
    [Description("The solver under test the entries take their solutions from (a built-in one or one loaded with --solver-assembly); entries for a model it does not run are inconclusive. Default: the built-in split-step (S-L) and spectral-wl (W-L), or the solvers of --solver-assembly.")]
    public string? Solver { get; init; }

    /// <summary>--solver-assembly &lt;PATH&gt;: Load solvers under test (public ISolverUnderTest classes) from a .NET assembly built against ConvergenceSuite.Harness, in its own load context. Repeatable.</summary>
    [CommandOption("--solver-assembly <PATH>")]
    [Description("Load solvers under test (public ISolverUnderTest classes) from a .NET assembly built against ConvergenceSuite.Harness, in its own load context. Repeatable.")]
    public string[]? SolverAssembly { get; init; }
}

/// <summary>merge.</summary>
public sealed class MergeSettings : CommonSettings
{
    /// <summary>&lt;SHARDS&gt;: The shards' report folders or summary.json files.</summary>
    [CommandArgument(0, "<SHARDS>")]
    [Description("The shards' report folders or summary.json files.")]
    public string[] Shards { get; init; } = [];

    /// <summary>--out &lt;DIR&gt;: Folder of the merged report (default: reports/&lt;run-id&gt;).</summary>
    [CommandOption("--out <DIR>")]
    [Description("Folder of the merged report (default: reports/<run-id>).")]
    public string? Out { get; init; }

    /// <summary>--run-id &lt;ID&gt;: Run id of the merged report (default: from the shards).</summary>
    [CommandOption("--run-id <ID>")]
    [Description("Run id of the merged report (default: from the shards).")]
    public string? RunId { get; init; }
}

/// <summary>gci.</summary>
public sealed class GciSettings : CommonSettings
{
    /// <summary>--dimension &lt;D&gt;: Spatial dimension d: 1, 2 or 3 (default 1).</summary>
    [CommandOption("--dimension <D>")]
    [Description("Spatial dimension d: 1, 2 or 3 (default 1).")]
    public int Dimension { get; init; } = 1;

    /// <summary>--sizes &lt;KIND&gt;: First column: cells (cell counts N, h = (1/N)^(1/d)) or h (spacings, default).</summary>
    [CommandOption("--sizes <KIND>")]
    [Description("First column: cells (cell counts N, h = (1/N)^(1/d)) or h (spacings, default).")]
    public string? Sizes { get; init; }

    /// <summary>--input &lt;FILE&gt;: Lines "size value" ('#' comments); default: stdin.</summary>
    [CommandOption("--input <FILE>")]
    [Description("Lines \"size value\" ('#' comments); default: stdin.")]
    public string? Input { get; init; }

    /// <summary>Rejects option values the verb cannot use (a usage error, exit 2): --dimension must be 1, 2 or 3 and --sizes cells or h.</summary>
    public override ValidationResult Validate() =>
        Dimension is < 1 or > 3 ? ValidationResult.Error("--dimension must be 1, 2 or 3")
        : Sizes is not (null or "cells" or "h") ? ValidationResult.Error($"--sizes must be cells or h, not '{Sizes}'")
        : ValidationResult.Success();
}

/// <summary>compare.</summary>
public sealed class CompareSettings : CommonSettings
{
    /// <summary>&lt;BASE&gt;: The base run: a report folder or its summary.json.</summary>
    [CommandArgument(0, "<BASE>")]
    [Description("The base run: a report folder or its summary.json.")]
    public string Base { get; init; } = "";

    /// <summary>&lt;HEAD&gt;: The run to judge: a report folder or its summary.json.</summary>
    [CommandArgument(1, "<HEAD>")]
    [Description("The run to judge: a report folder or its summary.json.")]
    public string Head { get; init; } = "";

    /// <summary>--out &lt;DIR&gt;: Also write compare.md, compare.html and compare.json here.</summary>
    [CommandOption("--out <DIR>")]
    [Description("Also write compare.md, compare.html and compare.json here.")]
    public string? Out { get; init; }
}

/// <summary>contract-test.</summary>
public sealed class ContractTestSettings : CommonSettings
{
    /// <summary>--model &lt;MODEL&gt;: Only the problems of one model: schrodinger-lohe, wigner-lohe or kuramoto (default: all).</summary>
    [CommandOption("--model <MODEL>")]
    [Description("Only the problems of one model: schrodinger-lohe, wigner-lohe or kuramoto (default: all).")]
    public string? Model { get; init; }

    /// <summary>--timeout &lt;SECONDS&gt;: Wall-clock limit of one run of the adapter (default 120).</summary>
    [CommandOption("--timeout <SECONDS>")]
    [Description("Wall-clock limit of one run of the adapter (default 120).")]
    public double Timeout { get; init; } = 120;

    /// <summary>--persistent: Persistent mode: start the adapter once and send it every problem over the line protocol of CONTRACT.md.</summary>
    [CommandOption("--persistent")]
    [Description("Persistent mode: start the adapter once and send it every problem over the line protocol of CONTRACT.md.")]
    public bool Persistent { get; init; }

    /// <summary>Rejects option values the verb cannot use (a usage error, exit 2): --model must be schrodinger-lohe, wigner-lohe or kuramoto and --timeout a positive finite number of seconds.</summary>
    public override ValidationResult Validate() =>
        Model is not (null or "schrodinger-lohe" or "wigner-lohe" or "kuramoto") ? ValidationResult.Error($"--model must be schrodinger-lohe, wigner-lohe or kuramoto, not '{Model}'")
        : !(Timeout > 0 && double.IsFinite(Timeout)) ? ValidationResult.Error($"--timeout needs a positive number of seconds, not '{Timeout}'")
        : ValidationResult.Success();
}
