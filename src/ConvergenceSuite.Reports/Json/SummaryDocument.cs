using System.Text.Json.Serialization;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Reports.Json;

// The summary.json file as data-transfer objects: one class per JSON object, members in file order, `required` for the
// members a reader must find (absent nullable members read as null). The domain records in ConvergenceSuite.Harness.Summary
// are mapped to and from these (To/From), so the file format is stated here once and the JSON Schema is generated from it.
// Members marked "written, not read" are derived from the others; a reader ignores them.

/// <summary>The root object of summary.json.</summary>
internal sealed class SummaryDocument
{
    /// <summary>Schema version of the file (<see cref="VerificationSummary.SchemaVersion"/>).</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>Identifier of the run.</summary>
    public required string RunId { get; init; }

    /// <summary>True when every case passed (written, not read).</summary>
    public bool AllPassed { get; init; }

    /// <summary>What the run ran on.</summary>
    public required EnvironmentDocument Environment { get; init; }

    /// <summary>Code coverage, or null when none was collected (absent in older files).</summary>
    public CoverageDocument? Coverage { get; init; }

    /// <summary>"case/check (verdict)" for every check that did not pass (written, not read).</summary>
    public IReadOnlyList<string> FailingChecks { get; init; } = [];

    /// <summary>Every case of the run.</summary>
    public required IReadOnlyList<CaseDocument> Cases { get; init; }

    /// <summary>The claims ledger's run, or null when it did not run (absent in older files).</summary>
    public ClaimsDocument? Claims { get; init; }

    internal static SummaryDocument From(VerificationSummary s) => new()
    {
        SchemaVersion = VerificationSummary.SchemaVersion,
        RunId = s.RunId,
        AllPassed = s.AllPassed,
        Environment = EnvironmentDocument.From(s.Environment),
        Coverage = s.Coverage is null ? null : CoverageDocument.From(s.Coverage),
        FailingChecks = s.FailingChecks().ToList(),
        Cases = s.Cases.Select(CaseDocument.From).ToList(),
        Claims = s.Claims is null ? null : ClaimsDocument.From(s.Claims),
    };

    internal VerificationSummary ToSummary() =>
        new(RunId, Environment.ToEnvironment(), Cases.Select(c => c.ToCase()).ToList())
        {
            Coverage = Coverage?.ToCoverage(),
            Claims = Claims?.ToRun(),
        };
}

/// <summary>Only the version of a summary.json file, read before the rest so that another version is reported as
/// such rather than as whatever member it lacks.</summary>
internal sealed class SchemaVersionProbe
{
    /// <summary>The file's schema version.</summary>
    public required int SchemaVersion { get; init; }
}

/// <summary>"environment": what the run ran on.</summary>
internal sealed class EnvironmentDocument
{
    public required string FftBackend { get; init; }
    public required string Runtime { get; init; }
    public required string OperatingSystem { get; init; }
    public required int ProcessorCount { get; init; }
    public required string GitCommit { get; init; }

    /// <summary>Start of the run, ISO 8601 round-trip form ("O").</summary>
    public required DateTimeOffset Date { get; init; }

    public required string Tier { get; init; }
    public string? CaseFilter { get; init; }

    internal static EnvironmentDocument From(EnvironmentInfo e) => new()
    {
        FftBackend = e.FftBackend, Runtime = e.Runtime, OperatingSystem = e.OperatingSystem, ProcessorCount = e.ProcessorCount,
        GitCommit = e.GitCommit, Date = e.Date, Tier = e.Tier, CaseFilter = e.CaseFilter,
    };

    internal EnvironmentInfo ToEnvironment() =>
        new(FftBackend, Runtime, OperatingSystem, ProcessorCount, GitCommit, Date, Tier, CaseFilter);
}

/// <summary>"coverage": line and branch coverage of the code under <see cref="Scope"/> (rates are fractions in [0, 1]).</summary>
internal sealed class CoverageDocument
{
    public required string Scope { get; init; }
    public required double LineRate { get; init; }
    public required double BranchRate { get; init; }
    public required long LinesCovered { get; init; }
    public required long LinesValid { get; init; }
    public required long BranchesCovered { get; init; }
    public required long BranchesValid { get; init; }
    public required string Report { get; init; }
    public required IReadOnlyList<AssemblyCoverageDocument> Assemblies { get; init; }

    internal static CoverageDocument From(CoverageSummary c) => new()
    {
        Scope = c.Scope, LineRate = c.LineRate, BranchRate = c.BranchRate, LinesCovered = c.LinesCovered, LinesValid = c.LinesValid,
        BranchesCovered = c.BranchesCovered, BranchesValid = c.BranchesValid, Report = c.Report,
        Assemblies = c.Assemblies.Select(a => new AssemblyCoverageDocument { Name = a.Name, LineRate = a.LineRate, BranchRate = a.BranchRate }).ToList(),
    };

    internal CoverageSummary ToCoverage() =>
        new(LineRate, BranchRate, LinesCovered, LinesValid, BranchesCovered, BranchesValid, Scope, Report,
            Assemblies.Select(a => new AssemblyCoverage(a.Name, a.LineRate, a.BranchRate)).ToList());
}

/// <summary>One assembly's coverage.</summary>
internal sealed class AssemblyCoverageDocument
{
    public required string Name { get; init; }
    public required double LineRate { get; init; }
    public required double BranchRate { get; init; }
}

/// <summary>One case: what ran it, and its checks.</summary>
internal sealed class CaseDocument
{
    public required string CaseId { get; init; }
    public required string Description { get; init; }
    public required string Model { get; init; }
    public required string Solver { get; init; }

    /// <summary>What an external solver said about itself; the member is left out when it said nothing.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProvenanceDocument? SolverProvenance { get; init; }

    public required string Scheme { get; init; }
    public required string Grid { get; init; }
    public required double TimeStep { get; init; }
    public required double ElapsedSeconds { get; init; }

    /// <summary>True when the case ran and every check passed (written, not read).</summary>
    public bool Passed { get; init; }

    /// <summary>Why the case failed to run, or null.</summary>
    public string? Error { get; init; }

    public required IReadOnlyList<CheckDocument> Checks { get; init; }

    internal static CaseDocument From(CaseResult c) => new()
    {
        CaseId = c.CaseId, Description = c.Description, Model = c.Model, Solver = c.Solver,
        SolverProvenance = c.Provenance is { } p ? new ProvenanceDocument { Name = p.Name, Version = p.Version, Commit = p.Commit } : null,
        Scheme = c.Scheme, Grid = c.Grid, TimeStep = c.TimeStep, ElapsedSeconds = c.ElapsedSeconds, Passed = c.Passed, Error = c.Error,
        Checks = c.Checks.Select(k => CheckDocument.From(c.CaseId, k)).ToList(),
    };

    internal CaseResult ToCase() =>
        new(CaseId, Description, Model, Solver, Scheme, Grid, TimeStep, ElapsedSeconds, Checks.Select(k => k.ToCheck()).ToList(), Error)
        {
            Provenance = SolverProvenance is { } p ? new SolverProvenance(p.Name, p.Version, p.Commit) : null,
        };
}

/// <summary>"solverProvenance": name, version and commit as the solver reported them.</summary>
internal sealed class ProvenanceDocument
{
    public required string Name { get; init; }
    public string? Version { get; init; }
    public string? Commit { get; init; }
}

/// <summary>One check's result.</summary>
internal sealed class CheckDocument
{
    /// <summary>The case the check belongs to (written, not read).</summary>
    public string CaseId { get; init; } = "";

    public required string CheckId { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyDictionary<string, double> Evidence { get; init; }
    public required IReadOnlyList<PlotDocument> Plots { get; init; }
    public IReadOnlyList<HeatmapDocument>? Heatmaps { get; init; }

    /// <summary>The convergence study's table, null for other checks (absent in older files).</summary>
    public StudyDocument? Study { get; init; }

    internal static CheckDocument From(string caseId, CheckResult k) => new()
    {
        CaseId = caseId, CheckId = k.CheckId, Verdict = k.Verdict, Message = k.Message, Evidence = k.Evidence,
        Plots = k.Plots.Select(PlotDocument.From).ToList(),
        Heatmaps = k.Heatmaps?.Select(HeatmapDocument.From).ToList(),
        Study = k.Study is null ? null : StudyDocument.From(k.Study),
    };

    internal CheckResult ToCheck() =>
        new(CheckId, Verdict, Message, Evidence, Plots.Select(p => p.ToPlot()).ToList(), Heatmaps?.Select(h => h.ToHeatmap()).ToList(),
            Study?.ToStudy());
}

/// <summary>A convergence study's table, fit and plots.</summary>
internal sealed class StudyDocument
{
    public required StudyKind Kind { get; init; }

    /// <summary>"dt" or "h" (written, not read).</summary>
    public string StepName { get; init; } = "";

    /// <summary>"p" or "α" (written, not read).</summary>
    public string RateName { get; init; } = "";

    public required string Scheme { get; init; }
    public required string Quantity { get; init; }
    public required string Reference { get; init; }
    public string? ValueLabel { get; init; }
    public required double Rate { get; init; }
    public required double RateStandardError { get; init; }
    public required double ExpectedLow { get; init; }
    public required double ExpectedHigh { get; init; }
    public required double Floor { get; init; }
    public required IReadOnlyList<double> ReferenceSlopes { get; init; }
    public required IReadOnlyList<StudyRowDocument> Rows { get; init; }
    public required PlotDocument Plot { get; init; }
    public PlotDocument? WorkPrecision { get; init; }

    internal static StudyDocument From(StudyTable t) => new()
    {
        Kind = t.Kind, StepName = t.StepName, RateName = t.RateName, Scheme = t.Scheme, Quantity = t.Quantity, Reference = t.Reference,
        ValueLabel = t.ValueLabel, Rate = t.Rate, RateStandardError = t.RateStandardError, ExpectedLow = t.ExpectedLow,
        ExpectedHigh = t.ExpectedHigh, Floor = t.Floor, ReferenceSlopes = t.ReferenceSlopes,
        Rows = t.Rows.Select(r => new StudyRowDocument
        {
            Step = r.Step, GridPoints = r.GridPoints, Error = r.Error, PairwiseRate = r.PairwiseRate, GciFine = r.GciFine,
            WallSeconds = r.WallSeconds, Value = r.Value, Kept = r.Kept,
        }).ToList(),
        Plot = PlotDocument.From(t.Plot),
        WorkPrecision = t.WorkPrecision is null ? null : PlotDocument.From(t.WorkPrecision),
    };

    internal StudyTable ToStudy() =>
        new(Kind, Scheme, Quantity, Reference, ValueLabel,
            Rows.Select(r => new StudyRow(r.Step, r.GridPoints, r.Error, r.PairwiseRate, r.GciFine, r.WallSeconds, r.Value, r.Kept)).ToList(),
            Rate, RateStandardError, ExpectedLow, ExpectedHigh, Floor, ReferenceSlopes, Plot.ToPlot(), WorkPrecision?.ToPlot());
}

/// <summary>One row of a study table.</summary>
internal sealed class StudyRowDocument
{
    public required double Step { get; init; }
    public IReadOnlyList<int>? GridPoints { get; init; }
    public required double Error { get; init; }
    public double? PairwiseRate { get; init; }
    public double? GciFine { get; init; }
    public double? WallSeconds { get; init; }
    public double? Value { get; init; }
    public required bool Kept { get; init; }
}

/// <summary>A plot: labels, axes and curves.</summary>
internal sealed class PlotDocument
{
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public required bool LogX { get; init; }
    public required bool LogY { get; init; }
    public required IReadOnlyList<SeriesDocument> Series { get; init; }

    internal static PlotDocument From(PlotSpec p) => new()
    {
        Title = p.Title, XLabel = p.XLabel, YLabel = p.YLabel, LogX = p.LogX, LogY = p.LogY,
        Series = p.Series.Select(s => new SeriesDocument { Name = s.Name, IsReference = s.IsReference, X = s.X, Y = s.Y }).ToList(),
    };

    internal PlotSpec ToPlot() =>
        new(Title, XLabel, YLabel, Series.Select(s => new Series(s.Name, s.X, s.Y, s.IsReference)).ToList(), LogX, LogY);
}

/// <summary>One curve of a plot.</summary>
internal sealed class SeriesDocument
{
    public required string Name { get; init; }
    public required bool IsReference { get; init; }
    public required IReadOnlyList<double> X { get; init; }
    public required IReadOnlyList<double> Y { get; init; }
}

/// <summary>A field for a heatmap, row-major.</summary>
internal sealed class HeatmapDocument
{
    public required string Title { get; init; }
    public required int Rows { get; init; }
    public required int Columns { get; init; }
    public required double XMin { get; init; }
    public required double XMax { get; init; }
    public required double YMin { get; init; }
    public required double YMax { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public required IReadOnlyList<double> Values { get; init; }

    internal static HeatmapDocument From(HeatmapSpec h) => new()
    {
        Title = h.Title, Rows = h.Rows, Columns = h.Columns, XMin = h.XMin, XMax = h.XMax, YMin = h.YMin, YMax = h.YMax,
        XLabel = h.XLabel, YLabel = h.YLabel, Values = h.Values,
    };

    internal HeatmapSpec ToHeatmap() => new(Title, Rows, Columns, Values, XMin, XMax, YMin, YMax, XLabel, YLabel);
}

/// <summary>"claims": the ledger run. Verdicts are <see cref="Verdict"/> names as for checks (Pass = the statement
/// holds, Fail = violated).</summary>
internal sealed class ClaimsDocument
{
    public required string Tier { get; init; }
    public required string Solvers { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required IReadOnlyList<ClaimEntryDocument> Entries { get; init; }

    internal static ClaimsDocument From(LedgerRun run) => new()
    {
        Tier = run.Tier, Solvers = run.Solvers, ElapsedSeconds = run.ElapsedSeconds,
        Entries = run.Outcomes.Select(o => new ClaimEntryDocument
        {
            Id = o.Id, Title = o.Title, Quote = o.Quote, Tested = o.Tested, Verdict = o.Verdict, Summary = o.Summary, Error = o.Error,
            ElapsedSeconds = o.ElapsedSeconds,
            Tests = o.Tests.Select(t => new ClaimTestDocument
            {
                DataSet = t.DataSet, Verdict = t.Verdict, Message = t.Message, Evidence = t.Evidence,
                Plots = t.Plots.Select(PlotDocument.From).ToList(),
            }).ToList(),
            Confirmation = o.Confirmation is { } c
                ? new ClaimConfirmationDocument { Route = c.Route, Confirmed = c.Confirmed, Message = c.Message, Evidence = c.Evidence }
                : null,
            Correction = o.Correction is { } r
                ? new ClaimCorrectionDocument { Statement = r.Statement, Verdict = r.Verdict, Message = r.Message, Evidence = r.Evidence }
                : null,
        }).ToList(),
    };

    internal LedgerRun ToRun() =>
        new(Tier, Entries.Select(e => new ClaimOutcome(e.Id, e.Title, e.Quote, e.Tested, e.Verdict, e.Summary,
                e.Tests.Select(t => new ClaimTest(t.DataSet, t.Verdict, t.Message, t.Evidence, t.Plots.Select(p => p.ToPlot()).ToList())).ToList(),
                e.Confirmation is { } c ? new ClaimConfirmation(c.Route, c.Confirmed, c.Message, c.Evidence) : null,
                e.Correction is { } r ? new ClaimCorrection(r.Statement, r.Verdict, r.Message, r.Evidence) : null,
                e.ElapsedSeconds, e.Error)).ToList(), ElapsedSeconds)
        {
            Solvers = Solvers,
        };
}

/// <summary>One ledger entry.</summary>
internal sealed class ClaimEntryDocument
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Quote { get; init; }
    public required string Tested { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Summary { get; init; }
    public string? Error { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required IReadOnlyList<ClaimTestDocument> Tests { get; init; }
    public ClaimConfirmationDocument? Confirmation { get; init; }
    public ClaimCorrectionDocument? Correction { get; init; }
}

/// <summary>One test of a statement on one data set.</summary>
internal sealed class ClaimTestDocument
{
    public required string DataSet { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyDictionary<string, double> Evidence { get; init; }
    public required IReadOnlyList<PlotDocument> Plots { get; init; }
}

/// <summary>The independent route that confirmed (or not) a violation.</summary>
internal sealed class ClaimConfirmationDocument
{
    public required string Route { get; init; }
    public required bool Confirmed { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyDictionary<string, double> Evidence { get; init; }
}

/// <summary>The corrected statement and its own test.</summary>
internal sealed class ClaimCorrectionDocument
{
    public required string Statement { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyDictionary<string, double> Evidence { get; init; }
}
