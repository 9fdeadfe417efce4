using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.External;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Solvers;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// Declared schemes for an external process (issue 14, items 5 and 9): the case's "external" block declares the
/// process's schemes with their expected orders ("schemes": [{ "name": "rk4ip", "order": 4 }]); a study without a
/// window judges the observed order against the declared one, a misdeclared order fails the study, and an undeclared
/// scheme fails the case before anything runs. The process is the stand-in (verification/StandInSolver: the suite's
/// split-step solver behind the file contract), which runs Strang, so its true order is 2.
/// </summary>
public class ExternalDeclaredSchemesTests
{
    private static string StandIn => Path.Combine(AppContext.BaseDirectory, "StandInSolver.dll");

    /// <summary>Strang's ladder of DeclaredSchemesTests (final 1, dt 0.1 → 0.0125, exact factorised reference), no window.</summary>
    private const string WindowlessStudy =
        """{ "id": "time-study", "dts": [0.1, 0.05, 0.025, 0.0125], "final": 1.0, "reference": { "kind": "exact" } }""";

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("external-declared-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private CaseDefinition Case(string id, string schemes, string scheme = "strang", string checks = WindowlessStudy)
    {
        var external = $$"""{ "command": ["dotnet", "{{StandIn}}"], "timeoutSeconds": 120{{(schemes.Length > 0 ? $", \"schemes\": {schemes}" : "")}} }""";
        var json = $$"""
            {
              "id": "{{id}}",
              "model": "schrodinger-lohe",
              "solver": "external",
              "external": {{external}},
              "coupling": 1.0,
              "grid": { "points": [64], "lengths": [20.0] },
              "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
              "oscillators": [
                { "kind": "gaussian", "center": [-1.0], "momentum": [0.3], "width": 1.0 },
                { "kind": "gaussian", "center": [1.0], "width": 1.2 }
              ],
              "time": { "final": 1.0, "dt": 0.01, "sampleEvery": 0.25 },
              "scheme": "{{scheme}}",
              "checks": [ {{checks}} ]
            }
            """;
        var file = Path.Combine(_dir.FullName, $"{id}.json");
        File.WriteAllText(file, json);
        return CaseLoader.LoadFile(file);
    }

    [Test]
    public void DeclaredOrder_DecidesAWindowlessStudy_AndPasses()
    {
        var result = new VerificationRunner().RunCase(Case("declared-right", """[{ "name": "strang", "order": 2 }]"""));
        result.Error.ShouldBeNull();
        var study = result.Checks.Single();
        TestContext.Out.WriteLine($"{study.Verdict}: {study.Message}");
        study.Verdict.ShouldBe(Verdict.Pass);
        study.Study!.ExpectedLow.ShouldBe(2 - SchemeDeclarations.OrderTolerance);
        study.Study!.ExpectedHigh.ShouldBe(2 + SchemeDeclarations.OrderTolerance);
    }

    [Test]
    public void WrongDeclaration_FailsTheStudy()
    {
        // The stand-in's Strang declared as fourth order: the observed ≈ 2 lies outside 4 ± 0.2.
        var result = new VerificationRunner().RunCase(Case("declared-wrong", """[{ "name": "strang", "order": 4 }]"""));
        result.Error.ShouldBeNull();
        var study = result.Checks.Single();
        TestContext.Out.WriteLine($"{study.Verdict}: {study.Message}");
        study.Verdict.ShouldBe(Verdict.Fail);
        study.Study!.ExpectedLow.ShouldBe(4 - SchemeDeclarations.OrderTolerance);
        study.Study!.Rate.ShouldBeInRange(1.8, 2.2);
    }

    [Test]
    public void UndeclaredScheme_FailsTheCaseBeforeRunning_NamingTheDeclaredOnes()
    {
        var c = Case("declared-other", """[{ "name": "rk4ip", "order": 4 }, { "name": "ark45", "order": 5 }]""", checks: """{ "id": "norm-conservation" }""");
        var result = new VerificationRunner().RunCase(c);
        result.Checks.ShouldBeEmpty();
        result.Error.ShouldBe("solver external declares schemes rk4ip (order 4), ark45 (order 5); the case asks for strang");
    }

    [Test]
    public void UndeclaredStudyScheme_FailsTheCaseBeforeRunning()
    {
        var checks = """{ "id": "temporal-order", "dts": [0.1, 0.05, 0.025, 0.0125], "final": 1.0, "scheme": "yoshida4" }""";
        var result = new VerificationRunner().RunCase(Case("declared-study", """[{ "name": "strang", "order": 2 }]""", checks: checks));
        result.Error.ShouldNotBeNull();
        result.Error.ShouldEndWith("the case asks for yoshida4");
    }

    [Test]
    public void NoDeclaration_WindowlessStudy_FailsSayingWhereToDeclare()
    {
        var result = new VerificationRunner().RunCase(Case("declared-none", ""));
        result.Error.ShouldBeNull();
        var study = result.Checks.Single();
        study.Verdict.ShouldBe(Verdict.Fail);
        study.Message.ShouldContain("declares no schemes");
        study.Message.ShouldContain("\"schemes\" in the case's \"external\" block");
    }

    [Test]
    public void ExternalScheme_OutsideTheRegistry_LoadsWithItsDeclaration()
    {
        // A name the built-in registry does not know (XMDS2's RK4IP) is the process's to declare, not a load error.
        var c = Case("declared-rk4ip", """[{ "name": "rk4ip", "order": 4 }]""", scheme: "rk4ip", checks: """{ "id": "norm-conservation" }""");
        c.Resolution.Scheme.ShouldBe("rk4ip");
        var declared = SchemeDeclarations.Of(new ExternalSolverAdapter(), c.Problem)!;
        declared.Single().ShouldBe(new DeclaredScheme("rk4ip", 4));
        // Without the problem (no case), the external solver declares nothing.
        SchemeDeclarations.Of(new ExternalSolverAdapter()).ShouldBeNull();
    }

    [TestCase("""[{ "name": "rk4ip", "order": 4 }, { "name": "RK4IP", "order": 2 }]""", "$.external.schemes[1].name", "scheme RK4IP is declared twice")]
    [TestCase("""[{ "name": "rk4ip", "order": 0 }]""", "$.external.schemes[0].order", "")]
    [TestCase("""[{ "name": "rk 4", "order": 4 }]""", "$.external.schemes[0].name", "")]
    [TestCase("""[{ "name": "rk4ip" }]""", "$.external.schemes[0]", "order")]
    [TestCase("""[]""", "$.external.schemes", "")]
    public void BadDeclarations_AreRefusedAtLoad_NamingTheField(string schemes, string path, string expected)
    {
        var e = Should.Throw<CaseFileException>(() => Case("declared-bad", schemes, checks: """{ "id": "norm-conservation" }"""));
        TestContext.Out.WriteLine(e.Message);
        e.Message.ShouldContain(path);
        e.Message.ShouldContain(expected);
    }
}
