using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;

namespace ConvergenceSuite.Harness.Summary;

/// <summary>One curve of a plot: x and y of equal length.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool IsReference = false);

/// <summary>A plot the exporters draw; they compute nothing, the check filled in every number.</summary>
public sealed record PlotSpec(
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<Series> Series,
    bool LogX = false,
    bool LogY = false);

/// <summary>A phase-space or space-space field for a heatmap (row-major, Rows × Columns).</summary>
public sealed record HeatmapSpec(
    string Title,
    int Rows,
    int Columns,
    IReadOnlyList<double> Values,
    double XMin,
    double XMax,
    double YMin,
    double YMax,
    string XLabel,
    string YLabel);

/// <summary>
/// The result of one check on one case: its id (e.g. "norm-conservation"), verdict, a one-line
/// message that says what was measured against what, numeric evidence and plots; convergence studies
/// also carry their table in <paramref name="Study"/> (optional, null for every other check).
/// </summary>
public sealed record CheckResult(
    string CheckId,
    Verdict Verdict,
    string Message,
    IReadOnlyDictionary<string, double> Evidence,
    IReadOnlyList<PlotSpec> Plots,
    IReadOnlyList<HeatmapSpec>? Heatmaps = null,
    StudyTable? Study = null)
{
    /// <summary>A result without plots.</summary>
    public static CheckResult Of(string checkId, Verdict verdict, string message, IReadOnlyDictionary<string, double> evidence) =>
        new(checkId, verdict, message, evidence, []);
}

/// <summary>All checks run on one case, with what ran it.</summary>
public sealed record CaseResult(
    string CaseId,
    string Description,
    string Model,
    string Solver,
    string Scheme,
    string Grid,
    double TimeStep,
    double ElapsedSeconds,
    IReadOnlyList<CheckResult> Checks,
    string? Error = null)
{
    /// <summary>What the solver under test said about itself (an external solver's out/solver.json: name, version,
    /// commit), or null when it said nothing; recorded in summary.json and the HTML report.</summary>
    public SolverProvenance? Provenance { get; init; }

    /// <summary>True when the case ran and every check passed.</summary>
    public bool Passed => Error is null && Checks.Count > 0 && Checks.All(c => c.Verdict == Verdict.Pass);
}

/// <summary>What the run ran on; recorded in every report.</summary>
public sealed record EnvironmentInfo(
    string FftBackend,
    string Runtime,
    string OperatingSystem,
    int ProcessorCount,
    string GitCommit,
    DateTimeOffset Date,
    string Tier,
    string? CaseFilter);

/// <summary>The whole run: exporters read only this.</summary>
public sealed record VerificationSummary(
    string RunId,
    EnvironmentInfo Environment,
    IReadOnlyList<CaseResult> Cases)
{
    /// <summary>Schema version of summary.json; bump on incompatible changes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Code coverage measured with this run (--coverage, CI), or null when none was collected.</summary>
    public CoverageSummary? Coverage { get; init; }

    /// <summary>The claims ledger's run (every entry with its tests, plots, confirmation and correction), or null when the
    /// ledger did not run; the ledger also appears as the case <see cref="LedgerRun.CaseId"/> in <see cref="Cases"/>.</summary>
    public LedgerRun? Claims { get; init; }

    /// <summary>True when at least one case ran and every case passed.</summary>
    public bool AllPassed => Cases.Count > 0 && Cases.All(c => c.Passed);

    /// <summary>"case/check" for every check that did not pass, and "case (error)" for cases that failed to run.</summary>
    public IEnumerable<string> FailingChecks() =>
        Cases.SelectMany(c => c.Error is not null
            ? [$"{c.CaseId} (error: {c.Error})"]
            : c.Checks.Where(k => k.Verdict != Verdict.Pass).Select(k => $"{c.CaseId}/{k.CheckId} ({k.Verdict})"));
}
