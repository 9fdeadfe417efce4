using System.Reflection;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Solvers;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Solvers;

/// <summary>
/// Declared schemes (issue 14, item 5): a solver loaded by path declares its own scheme names with their expected orders;
/// a study without a window judges the observed order against the declared one; an undeclared name fails the case before
/// anything runs, naming what is declared; a misdeclared order fails the study. Built-in solvers keep the strict registry
/// check at load.
/// </summary>
[TestFixture]
public sealed class DeclaredSchemesTests
{
    private static string PluginPath =>
        typeof(DeclaredSchemesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginSolverPath").Value!;

    private static ISolverUnderTest Plugin => SolverAssemblies.Load(PluginPath).Single(s => s.Name == "plugin-split-step");

    /// <summary>Time study on the case's scheme with no window: the declared order decides. Strang's ladder as in
    /// TemporalOrderCheckTests (final 1, dt 0.1 → 0.0125, exact factorised reference).</summary>
    private const string WindowlessStudy =
        """{ "id": "time-study", "dts": [0.1, 0.05, 0.025, 0.0125], "final": 1.0, "reference": { "kind": "exact" } }""";

    private static CaseDefinition PluginCase(string scheme, string checks = WindowlessStudy, string solver = "plugin-split-step") =>
        TestCases.Small(2, checks, scheme: scheme, final: 1.0, extra: $"\"solver\": \"{solver}\",");

    [Test]
    public void PluginScheme_TimeStudyWithoutWindow_UsesTheDeclaredOrder_AndPasses()
    {
        var result = new VerificationRunner([Plugin]).RunCase(PluginCase("plugin-strang"));
        result.Error.ShouldBeNull();
        var study = result.Checks.Single();
        TestContext.Out.WriteLine($"{study.Verdict}: {study.Message}");
        study.Verdict.ShouldBe(Verdict.Pass);
        // The window the declaration implies: order 2 ± SchemeDeclarations.OrderTolerance.
        study.Study!.ExpectedLow.ShouldBe(2 - SchemeDeclarations.OrderTolerance);
        study.Study!.ExpectedHigh.ShouldBe(2 + SchemeDeclarations.OrderTolerance);
        result.Scheme.ShouldBe("plugin-strang");
    }

    [Test]
    public void MisdeclaredOrder_FailsTheStudy()
    {
        // The same Strang method declared as fourth order: the observed ≈ 2 lies outside 4 ± 0.2.
        var liar = new Misdeclared(Plugin, new DeclaredScheme("plugin-strang", 4));
        var result = new VerificationRunner([liar]).RunCase(PluginCase("plugin-strang", solver: liar.Name));
        result.Error.ShouldBeNull();
        var study = result.Checks.Single();
        TestContext.Out.WriteLine($"{study.Verdict}: {study.Message}");
        study.Verdict.ShouldBe(Verdict.Fail);
        study.Study!.ExpectedLow.ShouldBe(4 - SchemeDeclarations.OrderTolerance);
    }

    [Test]
    public void UndeclaredCaseScheme_FailsTheCase_NamingTheDeclaredSchemes()
    {
        var result = new VerificationRunner([Plugin]).RunCase(PluginCase("crank-nicolson", """{ "id": "norm-conservation" }"""));
        result.Checks.ShouldBeEmpty();
        result.Error.ShouldNotBeNull();
        result.Error.ShouldStartWith("solver plugin-split-step declares schemes lie (order 1), strang (order 2)");
        result.Error.ShouldContain("plugin-strang (order 2)");
        result.Error.ShouldEndWith("the case asks for crank-nicolson");
    }

    [Test]
    public void UndeclaredStudyScheme_FailsTheCase_BeforeRunning()
    {
        var checks = """{ "id": "temporal-order", "dts": [0.1, 0.05, 0.025, 0.0125], "final": 1.0, "scheme": "rk4-ip" }""";
        var result = new VerificationRunner([Plugin]).RunCase(PluginCase("plugin-strang", checks));
        result.Error.ShouldNotBeNull();
        result.Error.ShouldEndWith("the case asks for rk4-ip");
    }

    [Test]
    public void BuiltInSolver_KeepsTheStrictRegistryCheckAtLoad()
    {
        Should.Throw<CaseFileException>(() => TestCases.Small(2, """{ "id": "norm-conservation" }""", scheme: "plugin-strang"))
            .Message.ShouldContain("Unknown scheme 'plugin-strang'");
        var e = Should.Throw<CaseFileException>(() => TestCases.Small(2, WindowlessStudy.Replace("\"final\"", "\"scheme\": \"plugin-strang\", \"final\"")));
        e.Message.ShouldContain("$.checks[0].scheme");
        e.Message.ShouldContain("Unknown scheme 'plugin-strang'");
    }

    [Test]
    public void MalformedSchemeName_IsRejectedAtLoad_ForAnySolver() =>
        Should.Throw<CaseFileException>(() => PluginCase("not a name")).Message.ShouldContain("not a scheme name");

    [Test]
    public void WindowlessStudy_OnASolverThatDeclaresNothing_FailsSayingSo()
    {
        var undeclaring = new Undeclaring(Plugin);
        var run = new VerificationRunner([undeclaring]).RunCase(PluginCase("plugin-strang", solver: undeclaring.Name));
        run.Error.ShouldBeNull();
        var result = run.Checks.Single();
        result.Verdict.ShouldBe(Verdict.Fail);
        result.Message.ShouldContain("declares no schemes");
    }

    [Test]
    public void BuiltInSolvers_DeclareTheirRegistries()
    {
        var splitStep = SchemeDeclarations.Of(new SplitStepAdapter())!;
        splitStep.Select(d => (d.Name, d.Order)).ShouldBe(QuantumSync.Solvers.SchrodingerLohe.SplittingSchemes.All.Select(s => (s.Name, (double)s.Order)));
        SchemeDeclarations.Of(new Harness.Kuramoto.KuramotoAdapter())!.Select(d => d.Name)
            .ShouldBe(QuantumSync.Solvers.Kuramoto.KuramotoSchemes.All.Select(s => s.Name));
    }

    [TestCase("", 2, "does not match")]
    [TestCase("ok", 0, "must be positive")]
    [TestCase("ok", double.NaN, "must be positive")]
    public void BadDeclarations_AreNamed(string name, double order, string expected)
    {
        var bad = new Misdeclared(Plugin, new DeclaredScheme(name, order));
        Should.Throw<InvalidOperationException>(() => SchemeDeclarations.Validate(bad)).Message.ShouldContain(expected);
        // The runner reports it as the case's error.
        var result = new VerificationRunner([bad]).RunCase(PluginCase("plugin-strang", """{ "id": "norm-conservation" }""", solver: bad.Name));
        result.Error.ShouldNotBeNull();
        result.Error.ShouldContain(expected);
    }

    [Test]
    public void DuplicateDeclarations_AreNamed() =>
        Should.Throw<InvalidOperationException>(() => SchemeDeclarations.Validate(
                new Misdeclared(Plugin, new DeclaredScheme("a", 2), new DeclaredScheme("A", 4))))
            .Message.ShouldContain("declares scheme a twice");

    /// <summary>Runs the plug-in solver but declares what it is given (e.g. a wrong order).</summary>
    private sealed class Misdeclared(ISolverUnderTest inner, params DeclaredScheme[] declared) : ISolverUnderTest, IDeclaresSchemes
    {
        public string Name => "plugin-misdeclared";
        public IReadOnlyCollection<ModelKind> Models => inner.Models;
        public IReadOnlyList<DeclaredScheme> Schemes => declared;

        public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default) =>
            inner.Run(problem, resolution, storeStates, sampleTimes, cancellation);
    }

    /// <summary>Runs the plug-in solver and declares nothing.</summary>
    private sealed class Undeclaring(ISolverUnderTest inner) : ISolverUnderTest
    {
        public string Name => "plugin-undeclaring";
        public IReadOnlyCollection<ModelKind> Models => inner.Models;

        public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default) =>
            inner.Run(problem, resolution, storeStates, sampleTimes, cancellation);
    }
}
