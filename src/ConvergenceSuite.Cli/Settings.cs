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
    [CommandOption("-q|--quiet")]
    [Description("Print errors only (no progress, no tables); the exit code carries the result.")]
    public bool Quiet { get; init; }
}

/// <summary>--tier quick|full.</summary>
public class TierSettings : CommonSettings
{
    [CommandOption("--tier <TIER>")]
    [Description("quick: the CI tier (default); full: every case.")]
    public string? Tier { get; init; }

    public override ValidationResult Validate() =>
        Tier is null or "quick" or "full" ? ValidationResult.Success() : ValidationResult.Error($"--tier must be quick or full, not '{Tier}'");
}

/// <summary>verify.</summary>
public sealed class VerifySettings : TierSettings
{
    [CommandOption("--case <FILTER>")]
    [Description("Only cases whose id contains FILTER (or matches a glob with *).")]
    public string? Case { get; init; }

    [CommandOption("--cases <DIR>")]
    [Description("Case folder (default: verification/cases of the repository).")]
    public string? Cases { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Report folder (default: reports/<run-id> of the repository).")]
    public string? Out { get; init; }

    [CommandOption("--jobs <N>")]
    [Description("Cases run concurrently (default: number of cores).")]
    public int? Jobs { get; init; }

    [CommandOption("--reference <DIR>")]
    [Description("Reference data (default: reference-data/ of the repository; off for --cases).")]
    public string? Reference { get; init; }

    [CommandOption("--update-reference")]
    [Description("Rewrite references that are missing, stale or out of tolerance (atomically; a reference the run matches is left byte for byte; listed in CHANGELOG.md).")]
    public bool UpdateReference { get; init; }

    [CommandOption("--claims <YES_NO>")]
    [Description("Also evaluate the claims ledger of the tier (default: yes, unless --case or --cases is given).")]
    public string? Claims { get; init; }

    [CommandOption("--shard <I/N>")]
    [Description("Run shard i of n (1-based): cases sorted by id, every n-th from the i-th.")]
    public string? Shard { get; init; }

    [CommandOption("--coverage-report <DIR>")]
    [Description("Record the coverage of a ReportGenerator folder (Cobertura.xml) in the summary and copy it to the report's coverage/.")]
    public string? CoverageReport { get; init; }

    [CommandOption("--case-budget <SECONDS>")]
    [Description("Wall-clock budget per case (default 1800); a case's \"budgetSeconds\" overrides it. A case past it ends 'timed out'; the others still run.")]
    public double? CaseBudget { get; init; }

    [CommandOption("--solver-assembly <PATH>")]
    [Description("Load the solvers under test (public ISolverUnderTest classes) from a .NET assembly built against ConvergenceSuite.Harness, in its own load context; cases name them by their Name. Repeatable.")]
    public string[]? SolverAssembly { get; init; }

    [CommandOption("--seeded-bug <ID>")]
    [Description("Substitute a seeded bug (see gallery) for the solver it replaces: a deliberately defective run, e.g. to try compare. Not with --update-reference.")]
    public string? SeededBug { get; init; }

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
    [CommandOption("--bug <FILTER>")]
    [Description("Only seeded bugs whose id contains FILTER.")]
    public string? Bug { get; init; }

    [CommandOption("--jobs <N>")]
    [Description("Cases run concurrently (default: number of cores).")]
    public int? Jobs { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Report folder (default: reports/<run-id>-gallery-<tier>).")]
    public string? Out { get; init; }

    [CommandOption("--cases <DIR>")]
    [Description("Case folder (default: verification/cases).")]
    public string? Cases { get; init; }

    [CommandOption("--reference <DIR>")]
    [Description("Reference data (default: reference-data/; off for --cases).")]
    public string? Reference { get; init; }

    [CommandOption("--solver-assembly <PATH>")]
    [Description("Load solvers (public ISolverUnderTest classes) from a .NET assembly built against ConvergenceSuite.Harness, as verify does, so cases naming them load. Seeded bugs wrap the built-in solvers only: the gallery lists the cases of a loaded solver as not seedable and does not run them. Repeatable.")]
    public string[]? SolverAssembly { get; init; }

    public override ValidationResult Validate() =>
        Jobs is <= 0 ? ValidationResult.Error($"--jobs needs a positive integer, not '{Jobs}'") : base.Validate();
}

/// <summary>claims.</summary>
public sealed class ClaimsSettings : TierSettings
{
    [CommandOption("--entry <FILTER>")]
    [Description("Only entries whose id contains FILTER.")]
    public string? Entry { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Report folder (default: reports/<run-id>).")]
    public string? Out { get; init; }

    [CommandOption("--solver <NAME>")]
    [Description("The solver under test the entries take their solutions from (a built-in one or one loaded with --solver-assembly); entries for a model it does not run are inconclusive. Default: the built-in split-step (S-L) and spectral-wl (W-L), or the solvers of --solver-assembly.")]
    public string? Solver { get; init; }

    [CommandOption("--solver-assembly <PATH>")]
    [Description("Load solvers under test (public ISolverUnderTest classes) from a .NET assembly built against ConvergenceSuite.Harness, in its own load context. Repeatable.")]
    public string[]? SolverAssembly { get; init; }
}

/// <summary>merge.</summary>
public sealed class MergeSettings : CommonSettings
{
    [CommandArgument(0, "<SHARDS>")]
    [Description("The shards' report folders or summary.json files.")]
    public string[] Shards { get; init; } = [];

    [CommandOption("--out <DIR>")]
    [Description("Folder of the merged report (default: reports/<run-id>).")]
    public string? Out { get; init; }

    [CommandOption("--run-id <ID>")]
    [Description("Run id of the merged report (default: from the shards).")]
    public string? RunId { get; init; }
}

/// <summary>gci.</summary>
public sealed class GciSettings : CommonSettings
{
    [CommandOption("--dimension <D>")]
    [Description("Spatial dimension d: 1, 2 or 3 (default 1).")]
    public int Dimension { get; init; } = 1;

    [CommandOption("--sizes <KIND>")]
    [Description("First column: cells (cell counts N, h = (1/N)^(1/d)) or h (spacings, default).")]
    public string? Sizes { get; init; }

    [CommandOption("--input <FILE>")]
    [Description("Lines \"size value\" ('#' comments); default: stdin.")]
    public string? Input { get; init; }

    public override ValidationResult Validate() =>
        Dimension is < 1 or > 3 ? ValidationResult.Error("--dimension must be 1, 2 or 3")
        : Sizes is not (null or "cells" or "h") ? ValidationResult.Error($"--sizes must be cells or h, not '{Sizes}'")
        : ValidationResult.Success();
}

/// <summary>compare.</summary>
public sealed class CompareSettings : CommonSettings
{
    [CommandArgument(0, "<BASE>")]
    [Description("The base run: a report folder or its summary.json.")]
    public string Base { get; init; } = "";

    [CommandArgument(1, "<HEAD>")]
    [Description("The run to judge: a report folder or its summary.json.")]
    public string Head { get; init; } = "";

    [CommandOption("--out <DIR>")]
    [Description("Also write compare.md, compare.html and compare.json here.")]
    public string? Out { get; init; }
}

/// <summary>contract-test.</summary>
public sealed class ContractTestSettings : CommonSettings
{
    [CommandOption("--model <MODEL>")]
    [Description("Only the problems of one model: schrodinger-lohe, wigner-lohe or kuramoto (default: all).")]
    public string? Model { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Wall-clock limit of one run of the adapter (default 120).")]
    public double Timeout { get; init; } = 120;

    [CommandOption("--persistent")]
    [Description("Persistent mode: start the adapter once and send it every problem over the line protocol of CONTRACT.md.")]
    public bool Persistent { get; init; }

    public override ValidationResult Validate() =>
        Model is not (null or "schrodinger-lohe" or "wigner-lohe" or "kuramoto") ? ValidationResult.Error($"--model must be schrodinger-lohe, wigner-lohe or kuramoto, not '{Model}'")
        : !(Timeout > 0 && double.IsFinite(Timeout)) ? ValidationResult.Error($"--timeout needs a positive number of seconds, not '{Timeout}'")
        : ValidationResult.Success();
}
