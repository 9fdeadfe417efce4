using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Regression;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.SeededBugs;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Regression;

/// <summary>The regression check as the runner applies it: no reference is visible, drift and corruption fail, and
/// --update-reference writes only what changed.</summary>
public class RegressionRunnerTests
{
    private DirectoryInfo _dir = null!;
    private ReferenceStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("regression-");
        _store = new ReferenceStore(_dir.FullName);
    }

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private static CaseDefinition Case(string checks = "{ \"id\": \"norm-conservation\" }", string extra = "") =>
        TestCases.Small(2, checks, scheme: "strang", final: 0.5, extra: extra);

    private static CheckResult Regression(CaseResult r) => r.Checks.Single(c => c.CheckId == RegressionComparison.RegressionCheckId);

    private CaseResult Run(CaseDefinition c, bool update = false, SeededBug? bug = null)
    {
        var solvers = VerificationRunner.BuiltInSolvers().Where(s => bug is null || s.Name != bug.Replaces).ToList();
        if (bug is not null) solvers.Add(bug.Create());
        return new RegressionRunner(_store, solvers, update).RunCase(c);
    }

    private Dictionary<string, byte[]> Files() => Directory.GetFiles(_dir.FullName).ToDictionary(f => f, File.ReadAllBytes);

    [Test]
    public void NoReference_IsInconclusiveAndSaysSo()
    {
        var r = Regression(Run(Case()));
        r.Verdict.ShouldBe(Verdict.Inconclusive);
        r.Message.ShouldContain("no reference");
    }

    [Test]
    public void UpdateTwice_SecondWritesNoByte_AndThenComparisonPasses()
    {
        var runner = new RegressionRunner(_store, updateReferences: true);
        runner.Run([Case()], new RunOptions(), "r1");
        runner.Updates.Single().Action.ShouldBe(ReferenceAction.Created);
        var first = Files();
        first.Keys.Select(Path.GetFileName).ShouldBe([ReferenceStore.ChangelogName, "test-small-n2.v1.json", "test-small-n2.v1.npy"], ignoreOrder: true);

        var again = new RegressionRunner(_store, updateReferences: true);
        again.Run([Case()], new RunOptions(), "r2");
        again.Updates.Single().Action.ShouldBe(ReferenceAction.Unchanged);
        var second = Files();
        second.Keys.ShouldBe(first.Keys, ignoreOrder: true);
        foreach (var (file, bytes) in first) second[file].ShouldBe(bytes, file);

        Regression(Run(Case())).Verdict.ShouldBe(Verdict.Pass);
    }

    [Test]
    public void Drift_FromASeededBug_Fails()
    {
        Run(Case(), update: true);
        var bug = SeededBugRegistry.All.Single(b => b.Id == "coupling-k-over-n");
        var r = Regression(Run(Case(), bug: bug));
        r.Verdict.ShouldBe(Verdict.Fail);
        r.Message.ShouldContain("drift");
    }

    [Test]
    public void UpdateAfterDrift_RewritesWithNextRevisionAndLogsIt()
    {
        Run(Case(), update: true);
        var bug = SeededBugRegistry.All.Single(b => b.Id == "coupling-k-over-n");
        var runner = new RegressionRunner(_store, VerificationRunner.BuiltInSolvers().Where(s => s.Name != bug.Replaces).Append(bug.Create()), true);
        runner.Run([Case()], new RunOptions(), "r");
        runner.Updates.Single().Action.ShouldBe(ReferenceAction.Rewritten);
        _store.TryLoad("test-small-n2")!.Revision.ShouldBe(2);
        File.ReadAllText(Path.Combine(_dir.FullName, ReferenceStore.ChangelogName)).ShouldContain("test-small-n2: rewritten (drift");
    }

    [Test]
    public void TamperedDataByte_FailsNamingTheFile()
    {
        Run(Case(), update: true);
        var path = _store.DataPath("test-small-n2");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var r = Regression(Run(Case()));
        r.Verdict.ShouldBe(Verdict.Fail);
        r.Message.ShouldContain("test-small-n2.v1.npy");
        r.Message.ShouldContain("SHA-256 mismatch");
    }

    [Test]
    public void TamperedManifestByte_FailsNamingTheFile()
    {
        Run(Case(), update: true);
        var path = _store.ManifestPath("test-small-n2");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("\"revision\": 1", "\"revision\": 7"));
        var r = Regression(Run(Case()));
        r.Verdict.ShouldBe(Verdict.Fail);
        r.Message.ShouldContain("test-small-n2.v1.json");
    }

    [Test]
    public void ChangedCaseFile_FailsAsStale()
    {
        Run(Case(), update: true);
        var edited = Case(extra: "\"description\": \"edited\",");
        var r = Regression(Run(edited));
        r.Verdict.ShouldBe(Verdict.Fail);
        r.Message.ShouldContain("stale reference");
    }

    [Test]
    public void Update_WhenAnotherCheckFails_RefusesAndWritesNothing()
    {
        // exact-reference at 1e-14 cannot be met by Strang at dt = 0.01: a genuinely failing run.
        var failing = Case("{ \"id\": \"exact-reference\", \"tolerance\": 1e-14 }");
        var runner = new RegressionRunner(_store, updateReferences: true);
        runner.Run([failing], new RunOptions(), "r");
        runner.Updates.Single().Action.ShouldBe(ReferenceAction.Refused);
        Directory.GetFiles(_dir.FullName).ShouldBeEmpty();
    }

    [Test]
    public void Observables_HoldTimesCorrelationsNormsAndField()
    {
        var c = Case();
        var t = TestCases.Run(c);
        var q = Observables.Extract(t, []);
        q.Select(x => x.Name).ShouldBe(["t", "z", "norms", "psi-final-line"]);
        q.Single(x => x.Name == "z").Shape.ShouldBe([t.Times.Count, 2, 2]);
        q.Single(x => x.Name == "psi-final-line").Shape.ShouldBe([2, 80]);
    }

    [Test]
    public void SampleIndices_StrideLongSeriesKeepingEnds()
    {
        var idx = Observables.SampleIndices(6001);
        idx.Length.ShouldBe(Observables.MaxStoredSamples);
        idx[0].ShouldBe(0);
        idx[^1].ShouldBe(6000);
        idx.ShouldBeInOrder(SortDirection.Ascending);
        Observables.SampleIndices(10).ShouldBe(Enumerable.Range(0, 10));
    }
}
