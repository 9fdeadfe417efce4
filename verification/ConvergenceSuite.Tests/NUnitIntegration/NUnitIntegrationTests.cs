using System.Reflection;
using System.Text;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.NUnit;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using Shouldly;

namespace ConvergenceSuite.Tests.NUnitIntegration;

/// <summary>
/// The NUnit integration a user's test project consumes (src/ConvergenceSuite.NUnit): the case source yields one test
/// per case and a failing test per bad file; the assertions pass a right solver and fail a wrong one, naming the
/// checks; the order assertion accepts the observed order and refuses another.
/// </summary>
[TestFixture]
public sealed class NUnitIntegrationTests
{
    private static string PluginPath =>
        typeof(NUnitIntegrationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginSolverPath").Value!;

    private const string Checks = """{ "id": "lemma-4.1", "tolerance": 1e-10 }, { "id": "norm-conservation" }""";

    [Test]
    public void CaseSource_YieldsEachCase_AndABadFileAsANotRunnableTestWithTheLoaderMessage()
    {
        var folder = Directory.CreateTempSubdirectory("nunit-cases-").FullName;
        try
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "cases", "sl-1d-n2-lemma41.json"), Path.Combine(folder, "good.json"));
            File.WriteAllText(Path.Combine(folder, "bad.json"), """{ "id": "bad", "model": "schrodinger-lohe", "coupling": "one" }""", Encoding.UTF8);
            var data = VerificationCases.FromFolder(folder).ToList();
            data.Count.ShouldBe(2);
            var good = data.Single(d => d.TestName == "Case_sl-1d-n2-lemma41");
            good.Arguments.Single().ShouldBeOfType<CaseDefinition>().Id.ShouldBe("sl-1d-n2-lemma41");
            good.RunState.ShouldBe(RunState.Runnable);
            var bad = data.Single(d => d.TestName == "BadCaseFile_bad.json");
            bad.RunState.ShouldBe(RunState.NotRunnable);
            ((string)bad.Properties.Get(PropertyNames.SkipReason)!).ShouldContain("bad.json");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void MissingFolder_IsNamed() =>
        Should.Throw<DirectoryNotFoundException>(() => VerificationCases.FromFolder("no-such-case-folder").ToList()).Message.ShouldContain("no-such-case-folder");

    [Test]
    public void AssertAllChecksPass_PassesTheRightSolver_AndFailsTheWrongOneNamingTheCheck()
    {
        var verifier = new CaseVerifier(SolverAssemblies.Load(PluginPath).ToArray());
        var c = TestCases.Small(2, Checks);
        Verification.AssertAllChecksPass(verifier.Run(c, "plugin-split-step"));
        var e = Assert.Throws<AssertionException>(() => Verification.AssertAllChecksPass(verifier.Run(c, "plugin-half-coupling")))!;
        e.Message.ShouldContain("lemma-4.1: Fail");
        e.Message.ShouldNotContain("norm-conservation: Fail");
    }

    [Test]
    public void AssertAllChecksPass_FailsACaseWhoseSolverIsUnknown()
    {
        var e = Assert.Throws<AssertionException>(() => Verification.AssertAllChecksPass(new CaseVerifier().Run(TestCases.Small(2, Checks), "nobody")))!;
        e.Message.ShouldContain("no solver named 'nobody'");
    }

    [Test]
    public void AssertObservedOrder_AcceptsTheObservedOrder_AndRefusesAnother()
    {
        var study = TestCases.Small(3, """{ "id": "time-study", "dts": [0.1, 0.05, 0.025, 0.0125], "window": [1.9, 2.1], "reference": { "kind": "exact" } }""", scheme: "strang");
        var result = new CaseVerifier().Run(study);
        Verification.AssertObservedOrder(result, 2.0, 0.1);
        var e = Assert.Throws<AssertionException>(() => Verification.AssertObservedOrder(result, 4.0, 0.1))!;
        e.Message.ShouldContain("expected 4 ± 0.1");
    }

    [Test]
    public void SolverNamedLikeABuiltInOne_IsRefused() =>
        Should.Throw<ArgumentException>(() => new CaseVerifier(new SplitStepAdapter())).Message.ShouldContain("'split-step'");
}
