using System.Globalization;
using ConvergenceSuite.Cli;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Sharding;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Json;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Sharding;

/// <summary>--shard i/n and the merge verb: shards partition the cases deterministically, and four shards merged give
/// the verdicts of one unsharded run, check by check.</summary>
public class ShardingTests
{
    [Test]
    public void Parse_ReadsOneBasedIndex()
    {
        Shard.Parse("2/4").ShouldBe(new Shard(2, 4));
        Shard.Parse("1/1").ShouldBe(Shard.All);
    }

    [TestCase("0/4")]
    [TestCase("5/4")]
    [TestCase("2")]
    [TestCase("a/b")]
    [TestCase("1/0")]
    [TestCase("-1/4")]
    public void Parse_Malformed_Throws(string text) => Should.Throw<FormatException>(() => Shard.Parse(text));

    [Test]
    public void Shards_PartitionTheItems_Disjoint_Complete_Balanced_OrderIndependent()
    {
        var ids = Enumerable.Range(0, 41).Select(i => $"case-{i * 7919 % 101:D3}").ToList();
        var shuffled = ids.OrderBy(i => i.GetHashCode()).ToList();
        var shards = Enumerable.Range(1, 4).Select(i => new Shard(i, 4).Select(ids, x => x)).ToList();
        shards.SelectMany(s => s).Order(StringComparer.Ordinal).ShouldBe(ids.Order(StringComparer.Ordinal));
        shards.SelectMany(s => s).Distinct().Count().ShouldBe(ids.Count);
        (shards.Max(s => s.Count) - shards.Min(s => s.Count)).ShouldBeLessThanOrEqualTo(1);
        for (var i = 1; i <= 4; i++) new Shard(i, 4).Select(shuffled, x => x).ShouldBe(shards[i - 1]);
    }

    private const string Template = """
        {
          "id": "ID",
          "model": "schrodinger-lohe",
          "coupling": K,
          "grid": { "points": [64], "lengths": [20.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0], "width": 1.0 },
            { "kind": "gaussian", "center": [1.0], "width": 1.0 }
          ],
          "time": { "final": 0.5, "dt": 0.01, "sampleEvery": 0.1 },
          "scheme": "strang",
          "checks": [ { "id": "lemma-4.1" }, { "id": "norm-conservation" }, { "id": "exact-reference", "tolerance": TOL } ]
        }
        """;

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("shards-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    /// <summary>Nine small cases; three carry an exact-reference tolerance Strang at dt = 0.01 cannot meet (a real Fail).</summary>
    private string WriteCases()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.FullName, "cases")).FullName;
        for (var i = 0; i < 9; i++)
        {
            var json = Template.Replace("ID", $"shard-case-{i}").Replace("K", (0.5 + 0.25 * i).ToString(CultureInfo.InvariantCulture))
                .Replace("TOL", i % 3 == 0 ? "1e-14" : "1e-4");
            File.WriteAllText(Path.Combine(folder, $"c{i}.json"), json);
        }
        return folder;
    }

    private static Dictionary<string, Verdict> Verdicts(VerificationSummary s) =>
        s.Cases.SelectMany(c => c.Checks.Select(k => (Key: $"{c.CaseId}/{k.CheckId}", k.Verdict))).ToDictionary(x => x.Key, x => x.Verdict);

    [Test]
    public void FourShardsMerged_GiveTheVerdictsOfOneUnshardedRun_CheckByCheck()
    {
        var cases = WriteCases();
        var whole = Path.Combine(_dir.FullName, "whole");
        CommandLine.Run(["verify", "--cases", cases, "--out", whole, "--jobs", "1"]).ShouldBe(CommandLine.ChecksFailed);
        var shardDirs = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            var dir = Path.Combine(_dir.FullName, $"shard{i}");
            var code = CommandLine.Run(["verify", "--cases", cases, "--out", dir, "--jobs", "1", "--shard", $"{i}/4"]);
            code.ShouldBeOneOf(CommandLine.Success, CommandLine.ChecksFailed);
            shardDirs.Add(dir);
        }
        var shardSummaries = shardDirs.Select(d => SummaryJson.ReadFile(Path.Combine(d, "summary.json"))).ToList();
        shardSummaries.Select(s => s.Cases.Count).ShouldBe([3, 2, 2, 2]);
        shardSummaries[1].RunId.ShouldEndWith("-shard2of4");

        var merged = Path.Combine(_dir.FullName, "merged");
        MergeCommand.Run(new MergeSettings { Shards = [.. shardDirs], Out = merged }, TextWriter.Null, TextWriter.Null).ShouldBe(CommandLine.ChecksFailed);
        var mergedSummary = SummaryJson.ReadFile(Path.Combine(merged, "summary.json"));
        var wholeSummary = SummaryJson.ReadFile(Path.Combine(whole, "summary.json"));
        var expected = Verdicts(wholeSummary);
        expected.Count.ShouldBe(27);
        expected.Values.Count(v => v == Verdict.Fail).ShouldBe(3);
        Verdicts(mergedSummary).ShouldBe(expected, ignoreOrder: true);
        mergedSummary.RunId.ShouldEndWith("-merged");
        File.Exists(Path.Combine(merged, "index.html")).ShouldBeTrue();
        File.Exists(Path.Combine(merged, "junit.xml")).ShouldBeTrue();
    }

    [Test]
    public void Merge_OverlappingShards_ExitsTwo()
    {
        var cases = WriteCases();
        var dir = Path.Combine(_dir.FullName, "s1");
        CommandLine.Run(["verify", "--cases", cases, "--out", dir, "--jobs", "1", "--shard", "1/4", "--case", "shard-case-4"]).ShouldBe(CommandLine.Success);
        var error = new StringWriter();
        MergeCommand.Run(new MergeSettings { Shards = [dir, Path.Combine(dir, "summary.json")], Out = Path.Combine(_dir.FullName, "m") }, TextWriter.Null, error).ShouldBe(CommandLine.UsageError);
        error.ToString().ShouldContain("overlap");
    }

    [Test]
    public void Merge_DifferentTiers_Throws()
    {
        var env = new EnvironmentInfo("fft", "rt", "os", 1, "abc", DateTimeOffset.UnixEpoch, "quick", null);
        var a = new VerificationSummary("a-shard1of2", env, []);
        var b = new VerificationSummary("a-shard2of2", env with { Tier = "full" }, []);
        Should.Throw<MergeException>(() => SummaryMerge.Merge([a, b])).Message.ShouldContain("different tiers");
    }

    [Test]
    public void Merge_KeepsCoverageAndMarksMixedCommits()
    {
        var env = new EnvironmentInfo("fft", "rt", "os", 1, "abc", DateTimeOffset.UnixEpoch, "quick", null);
        var coverage = new CoverageSummary(0.8, 0.6, 8, 10, 6, 10, "src/", "coverage/index.html", []);
        var a = new VerificationSummary("r-shard1of2", env, []) { Coverage = coverage };
        var b = new VerificationSummary("r-shard2of2", env with { GitCommit = "def", Date = DateTimeOffset.UnixEpoch.AddHours(1) }, []);
        var m = SummaryMerge.Merge([b, a]);
        m.Coverage.ShouldBe(coverage);
        m.Environment.GitCommit.ShouldBe("mixed: def, abc");
        m.Environment.Date.ShouldBe(DateTimeOffset.UnixEpoch);
        m.RunId.ShouldBe("r-merged");
    }

    [Test]
    public void Verify_BadShardOption_ExitsTwo() =>
        CommandLine.Run(["verify", "--shard", "5/4"]).ShouldBe(CommandLine.UsageError);
}
