using ConvergenceSuite.Cli;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Claims;
using ConvergenceSuite.Harness.Sharding;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Claims;
using ConvergenceSuite.Reports.Json;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Sharding;

/// <summary>The claims ledger is part of the summary: summary.json carries it, and `merge` of shard summaries keeps the
/// Claims page (it used to drop it, the ledger not being in the summary).</summary>
public class MergeClaimsTests
{
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("merge-claims-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private static readonly EnvironmentInfo Env = new("fft", "rt", "os", 1, "abc", DateTimeOffset.UnixEpoch, "quick", null);

    /// <summary>A real ledger run of a cheap entry (Lemma 4.1: the harness's own ODE integration, no solver run) and a
    /// planted violated one, so both verdicts, evidence, plots and a confirmation travel.</summary>
    private static LedgerRun Ledger()
    {
        var lemma = ClaimsLedger.Entries.Single(e => e.Id == "lemma-4.1");
        var violated = new ClaimEntry("planted-violated", "planted", "q", "t", true, _ => new ClaimEvaluation(
            [new ClaimTest("d", Verdict.Fail, "m", ClaimCriteria.Evidence(("x", 2.5)), [])],
            new ClaimConfirmation("route", true, "confirmed", ClaimCriteria.Evidence(("y", -1e-300))),
            new ClaimCorrection("corrected", Verdict.Pass, "holds", ClaimCriteria.Evidence(("z", 0.1)))));
        return ClaimsLedger.Run(Tier.Quick, entries: [lemma, violated]);
    }

    private string WriteShard(string name, VerificationSummary summary)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir.FullName, name)).FullName;
        File.WriteAllBytes(Path.Combine(dir, SummaryJson.FileName), SummaryJson.ToUtf8Bytes(summary));
        return dir;
    }

    private static CaseResult Case(string id) => new(id, "d", "schrodinger-lohe", "split-step", "strang", "64", 0.01, 0.1,
        [CheckResult.Of("norm-conservation", Verdict.Pass, "ok", new Dictionary<string, double>())]);

    [Test]
    public void SummaryJson_RoundTripsTheLedgerRun()
    {
        var run = Ledger();
        var summary = new VerificationSummary("r", Env, [run.ToCaseResult()]) { Claims = run };
        var back = SummaryJson.Read(SummaryJson.ToJson(summary)).Claims!;
        back.Tier.ShouldBe(run.Tier);
        back.Solvers.ShouldBe(run.Solvers);
        back.Outcomes.Select(o => (o.Id, o.Verdict)).ShouldBe(run.Outcomes.Select(o => (o.Id, o.Verdict)));
        back.Outcomes[0].Tests.Select(t => t.Evidence).ShouldBe(run.Outcomes[0].Tests.Select(t => t.Evidence));
        back.Outcomes[0].Tests[0].Plots.Count.ShouldBe(run.Outcomes[0].Tests[0].Plots.Count);
        back.Outcomes[0].Tests[0].Plots[0].Series[0].Y.ShouldBe(run.Outcomes[0].Tests[0].Plots[0].Series[0].Y);
        back.Outcomes[1].Confirmation.ShouldNotBeNull().Evidence["y"].ShouldBe(-1e-300);
        back.Outcomes[1].Correction.ShouldNotBeNull().Verdict.ShouldBe(Verdict.Pass);
        SummaryJson.Read(SummaryJson.ToJson(new VerificationSummary("r", Env, []))).Claims.ShouldBeNull();
    }

    [Test]
    public void SummaryJson_RefusesAClaimsVerdictThatIsNotAVerdict()
    {
        var run = Ledger();
        var json = SummaryJson.ToJson(new VerificationSummary("r", Env, []) { Claims = run }).Replace("\"verdict\": \"Fail\"", "\"verdict\": \"violated\"");
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(json)).Message.ShouldContain("$.claims.entries[1]");
    }

    [Test]
    public void MergeOfFourShards_KeepsTheClaimsPage()
    {
        var run = Ledger();
        var dirs = new List<string>
        {
            WriteShard("s1", new VerificationSummary("r-shard1of4", Env, [Case("a"), run.ToCaseResult()]) { Claims = run }),
            WriteShard("s2", new VerificationSummary("r-shard2of4", Env, [Case("b")])),
            WriteShard("s3", new VerificationSummary("r-shard3of4", Env, [Case("c")])),
            WriteShard("s4", new VerificationSummary("r-shard4of4", Env, [Case("d")])),
        };
        var merged = Path.Combine(_dir.FullName, "merged");
        MergeCommand.Run(new MergeSettings { Shards = [.. dirs], Out = merged }, TextWriter.Null, TextWriter.Null).ShouldBe(CommandLine.Success);

        var summary = SummaryJson.ReadFile(Path.Combine(merged, SummaryJson.FileName));
        summary.Claims.ShouldNotBeNull().Outcomes.Select(o => (o.Id, o.Verdict)).ShouldBe([("lemma-4.1", Verdict.Pass), ("planted-violated", Verdict.Fail)]);
        var html = File.ReadAllText(Path.Combine(merged, "index.html"));
        html.ShouldContain("id=\"claim-lemma-4.1\"");
        html.ShouldContain("id=\"claim-planted-violated\"");
        File.Exists(Path.Combine(merged, ClaimsJson.FileName)).ShouldBeTrue();
    }

    [Test]
    public void MergeOfShardsWithoutTheLedger_HasNoClaimsPage()
    {
        var dirs = new[] { WriteShard("s1", new VerificationSummary("r-shard1of2", Env, [Case("a")])), WriteShard("s2", new VerificationSummary("r-shard2of2", Env, [Case("b")])) };
        var merged = Path.Combine(_dir.FullName, "merged");
        MergeCommand.Run(new MergeSettings { Shards = dirs, Out = merged }, TextWriter.Null, TextWriter.Null).ShouldBe(CommandLine.Success);
        SummaryJson.ReadFile(Path.Combine(merged, SummaryJson.FileName)).Claims.ShouldBeNull();
        File.ReadAllText(Path.Combine(merged, "index.html")).ShouldNotContain("id=\"claim-");
        File.Exists(Path.Combine(merged, ClaimsJson.FileName)).ShouldBeFalse();
    }

    [Test]
    public void Merge_LedgerInTwoShards_Throws()
    {
        var run = Ledger();
        var a = new VerificationSummary("r-shard1of2", Env, [Case("a")]) { Claims = run };
        var b = new VerificationSummary("r-shard2of2", Env, [Case("b")]) { Claims = run };
        Should.Throw<MergeException>(() => SummaryMerge.Merge([a, b])).Message.ShouldContain("2 shards");
    }
}
