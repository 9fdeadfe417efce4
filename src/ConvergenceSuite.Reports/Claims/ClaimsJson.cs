using System.Text;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Json;

namespace ConvergenceSuite.Reports.Claims;

/// <summary>
/// claims.json: the ledger run as data (every entry with its quote, what was tested, verdict, tests with evidence, the
/// independent confirmation and the corrected statement; plots omitted), serialised through the summary's
/// source-generated <see cref="SummaryJsonContext"/>. Verdicts are the ledger's words ("holds", "violated",
/// "inconclusive", "not-evaluated"). Numbers follow the summary's rule; the ledger guarantees they are finite (a
/// non-finite one is a machinery failure).
/// </summary>
public static class ClaimsJson
{
    /// <summary>Name of the file in the output directory: claims.json.</summary>
    public const string FileName = "claims.json";

    /// <summary>The run as a JSON document.</summary>
    public static string Serialize(LedgerRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var stream = new MemoryStream();
        SummaryJson.Serialize(ClaimsFileDocument.From(run), SummaryJsonContext.Default.ClaimsFileDocument, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes claims.json into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(LedgerRun run, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Serialize(run));
        return path;
    }
}

/// <summary>The root object of claims.json.</summary>
internal sealed class ClaimsFileDocument
{
    public required string Tier { get; init; }
    public required string Solvers { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required bool MachineryPassed { get; init; }
    public required IReadOnlyList<ClaimsFileEntry> Entries { get; init; }

    internal static ClaimsFileDocument From(LedgerRun run) => new()
    {
        Tier = run.Tier,
        Solvers = run.Solvers,
        ElapsedSeconds = run.ElapsedSeconds,
        MachineryPassed = run.MachineryPassed,
        Entries = run.Outcomes.Select(o => new ClaimsFileEntry
        {
            Id = o.Id,
            Title = o.Title,
            Quote = o.Quote,
            Tested = o.Tested,
            Verdict = o.Evaluated ? LedgerRun.VerdictWord(o.Verdict) : "not-evaluated",
            Error = o.Error,
            Summary = o.Summary,
            Tests = o.Tests.Select(t => new ClaimsFileTest
            {
                DataSet = t.DataSet, Verdict = LedgerRun.VerdictWord(t.Verdict), Message = t.Message, Evidence = t.Evidence,
            }).ToList(),
            Confirmation = o.Confirmation is { } c
                ? new ClaimsFileConfirmation { Route = c.Route, Confirmed = c.Confirmed, Message = c.Message, Evidence = c.Evidence }
                : null,
            Correction = o.Correction is { } r
                ? new ClaimsFileCorrection { Statement = r.Statement, Verdict = LedgerRun.VerdictWord(r.Verdict), Message = r.Message, Evidence = r.Evidence }
                : null,
            ElapsedSeconds = o.ElapsedSeconds,
            SolverRuns = o.Runs.Select(ClaimsFileSolverRun.From).ToList(),
        }).ToList(),
    };
}

/// <summary>One entry of claims.json.</summary>
internal sealed class ClaimsFileEntry
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Quote { get; init; }
    public required string Tested { get; init; }
    public required string Verdict { get; init; }
    public string? Error { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<ClaimsFileTest> Tests { get; init; }
    public ClaimsFileConfirmation? Confirmation { get; init; }
    public ClaimsFileCorrection? Correction { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required IReadOnlyList<ClaimsFileSolverRun> SolverRuns { get; init; }
}

/// <summary>One run of the solver under test behind an entry: the scheme and dt that ran; for a fallback also what the
/// entry asked for and why.</summary>
internal sealed class ClaimsFileSolverRun
{
    public required string Solver { get; init; }
    public required string Scheme { get; init; }
    public required double TimeStep { get; init; }
    public string? RequestedScheme { get; init; }
    public double? RequestedTimeStep { get; init; }
    public string? Reason { get; init; }

    internal static ClaimsFileSolverRun From(ClaimSolverRun r) => new()
    {
        Solver = r.Solver, Scheme = r.Scheme, TimeStep = r.TimeStep, RequestedScheme = r.RequestedScheme, RequestedTimeStep = r.RequestedTimeStep, Reason = r.Reason,
    };

    internal ClaimSolverRun ToRun() => new(Solver, Scheme, TimeStep, RequestedScheme, RequestedTimeStep, Reason);
}

/// <summary>One test of an entry (plots omitted).</summary>
internal sealed class ClaimsFileTest
{
    public required string DataSet { get; init; }
    public required string Verdict { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyDictionary<string, double> Evidence { get; init; }
}

/// <summary>The independent confirmation of a violation.</summary>
internal sealed class ClaimsFileConfirmation
{
    public required string Route { get; init; }
    public required bool Confirmed { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyDictionary<string, double> Evidence { get; init; }
}

/// <summary>The corrected statement.</summary>
internal sealed class ClaimsFileCorrection
{
    public required string Statement { get; init; }
    public required string Verdict { get; init; }
    public required string Message { get; init; }
    public required IReadOnlyDictionary<string, double> Evidence { get; init; }
}
