using System.Globalization;
using ConvergenceSuite.Convergence;

namespace ConvergenceSuite.Harness.Summary;

// The claims ledger's results as report data: part of the run summary (VerificationSummary.Claims), so summary.json
// carries them and `merge` of shard summaries keeps the Claims page. The ledger that produces them is in Claims/.

/// <summary>One test of a statement on one data set (parameters in <paramref name="DataSet"/>).</summary>
public sealed record ClaimTest(
    string DataSet,
    Verdict Verdict,
    string Message,
    IReadOnlyDictionary<string, double> Evidence,
    IReadOnlyList<PlotSpec> Plots);

/// <summary>The independent route that rules out the solver before "violated" is recorded.</summary>
public sealed record ClaimConfirmation(string Route, bool Confirmed, string Message, IReadOnlyDictionary<string, double> Evidence);

/// <summary>The smallest corrected statement the numbers support (the harness's finding), and its own test.</summary>
public sealed record ClaimCorrection(string Statement, Verdict Verdict, string Message, IReadOnlyDictionary<string, double> Evidence);

/// <summary>What an entry's evaluation produced, before the ledger's own rules are applied.</summary>
public sealed record ClaimEvaluation(
    IReadOnlyList<ClaimTest> Tests,
    ClaimConfirmation? Confirmation = null,
    ClaimCorrection? Correction = null,
    string? Note = null);

/// <summary>
/// One ledger entry after evaluation. <see cref="Error"/> is set when the machinery failed (an exception, a non-finite
/// number in the evidence): then the entry was not evaluated and <see cref="Verdict"/> is Inconclusive.
/// </summary>
public sealed record ClaimOutcome(
    string Id,
    string Title,
    string Quote,
    string Tested,
    Verdict Verdict,
    string Summary,
    IReadOnlyList<ClaimTest> Tests,
    ClaimConfirmation? Confirmation,
    ClaimCorrection? Correction,
    double ElapsedSeconds,
    string? Error)
{
    /// <summary>True when the ledger evaluated the entry (whatever the paper's verdict).</summary>
    public bool Evaluated => Error is null;
}

/// <summary>All entries of one ledger run.</summary>
public sealed record LedgerRun(string Tier, IReadOnlyList<ClaimOutcome> Outcomes, double ElapsedSeconds)
{
    /// <summary>Case id under which the ledger appears in a <see cref="VerificationSummary"/>.</summary>
    public const string CaseId = "claims-ledger";

    /// <summary>The solvers under test that produced the solutions, each with the models it served
    /// (Claims.ClaimSolvers.Describe, e.g. "split-step (SchrodingerLohe), spectral-wl (WignerLohe)"); the independent
    /// confirmations use the harness's own references. Empty when not recorded.</summary>
    public string Solvers { get; init; } = "";

    /// <summary>True when every entry was evaluated (the paper's verdicts do not matter).</summary>
    public bool MachineryPassed => Outcomes.Count > 0 && Outcomes.All(o => o.Evaluated);

    /// <summary>
    /// The ledger as one case of the summary, one check per entry. A check passes when the ledger EVALUATED its entry,
    /// whatever the paper's verdict: a statement of the paper found violated is a finding, not a failure of the
    /// verification, so it must not fail CI; an entry that could not be evaluated (exception, NaN) is a failure of the
    /// harness and fails the check. The paper's verdict is in the message ("paper: holds|violated|inconclusive") and in
    /// the evidence key "paper_verdict" (+1 holds, −1 violated, 0 inconclusive).
    /// </summary>
    public CaseResult ToCaseResult()
    {
        var checks = Outcomes.Select(o =>
        {
            var evidence = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["paper_verdict"] = o.Verdict switch { Verdict.Pass => 1, Verdict.Fail => -1, _ => 0 },
            };
            foreach (var t in o.Tests)
            foreach (var (k, v) in t.Evidence)
                evidence.TryAdd($"{t.DataSet}: {k}", v);
            var message = o.Error is not null
                ? $"ledger could not evaluate this entry: {o.Error}"
                : $"paper: {VerdictWord(o.Verdict)} — {o.Summary}";
            return new CheckResult(o.Id, o.Error is null ? Verdict.Pass : Verdict.Fail, message, evidence,
                o.Tests.SelectMany(t => t.Plots).ToList());
        }).ToList();
        return new CaseResult(CaseId, $"Claims ledger ({Tier} tier): every numbered statement of the paper tested as printed",
            "claims", Solvers.Length == 0 ? "closed forms and exact references" : $"{Solvers}; closed forms and exact references", "-", "-", 0, ElapsedSeconds, checks);
    }

    /// <summary>
    /// The ledger's word for a verdict of the shared <see cref="Verdict"/> type, read as the numbers' verdict on a
    /// statement of the paper: Pass = "holds" (a residual falls at the expected order, a rate or bound is met), Fail =
    /// "violated" (the numbers contradict the statement and an independent route confirms it), Inconclusive =
    /// "inconclusive" (the numbers cannot decide, or a violation could not be confirmed independently).
    /// </summary>
    public static string VerdictWord(Verdict v) => v switch
    {
        Verdict.Pass => "holds",
        Verdict.Fail => "violated",
        _ => "inconclusive",
    };

    internal static string Num(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
