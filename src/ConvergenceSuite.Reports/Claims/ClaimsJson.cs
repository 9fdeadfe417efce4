using System.Text.Encodings.Web;
using System.Text.Json;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Reports.Claims;

/// <summary>
/// claims.json: the ledger run as data (every entry with its quote, what was tested, verdict, tests with evidence, the
/// independent confirmation and the corrected statement; plots omitted). Numbers are written by System.Text.Json, which
/// uses the invariant round-trip format; the ledger guarantees they are finite (a non-finite one is a machinery failure).
/// </summary>
public static class ClaimsJson
{
    public const string FileName = "claims.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The run as a JSON document.</summary>
    public static string Serialize(LedgerRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var doc = new
        {
            tier = run.Tier,
            solvers = run.Solvers,
            elapsedSeconds = run.ElapsedSeconds,
            machineryPassed = run.MachineryPassed,
            entries = run.Outcomes.Select(o => new
            {
                id = o.Id,
                title = o.Title,
                quote = o.Quote,
                tested = o.Tested,
                verdict = o.Evaluated ? LedgerRun.VerdictWord(o.Verdict) : "not-evaluated",
                error = o.Error,
                summary = o.Summary,
                tests = o.Tests.Select(t => new { dataSet = t.DataSet, verdict = LedgerRun.VerdictWord(t.Verdict), message = t.Message, evidence = t.Evidence }),
                confirmation = o.Confirmation is { } c ? new { route = c.Route, confirmed = c.Confirmed, message = c.Message, evidence = c.Evidence } : null,
                correction = o.Correction is { } r ? new { statement = r.Statement, verdict = LedgerRun.VerdictWord(r.Verdict), message = r.Message, evidence = r.Evidence } : null,
                elapsedSeconds = o.ElapsedSeconds,
            }),
        };
        return JsonSerializer.Serialize(doc, Options);
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
