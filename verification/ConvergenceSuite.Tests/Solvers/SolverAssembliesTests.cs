using System.Reflection;
using System.Runtime.Loader;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Solvers;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Solvers;

/// <summary>
/// Solvers loaded by path from an assembly the harness does not reference (verification/PluginSolver, built as a
/// user's solver would be): they run through the same runner and checks as the built-in ones, a wrong one among them
/// is caught, and every way a solver assembly can be unusable is an error that names the file and the problem.
/// </summary>
[TestFixture]
public sealed class SolverAssembliesTests
{
    private static string PluginPath =>
        typeof(SolverAssembliesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginSolverPath").Value!;

    private const string Checks = """{ "id": "lemma-4.1", "tolerance": 1e-10 }, { "id": "norm-conservation" }, { "id": "exact-reference", "tolerance": 1e-10 }""";

    [Test]
    public void LoadedSolvers_LiveInTheirOwnLoadContext_AndImplementTheHarnessInterface()
    {
        var solvers = SolverAssemblies.Load(PluginPath);
        solvers.Select(s => s.Name).ShouldBe(["plugin-half-coupling", "plugin-split-step"]);
        foreach (var s in solvers)
        {
            var context = AssemblyLoadContext.GetLoadContext(s.GetType().Assembly)!;
            context.ShouldNotBe(AssemblyLoadContext.Default, "the plug-in must not be in the harness's context");
            // The contract assembly is shared, not copied: otherwise the cast to ISolverUnderTest would have failed.
            AssemblyLoadContext.GetLoadContext(typeof(ISolverUnderTest).Assembly).ShouldBe(AssemblyLoadContext.Default);
        }
    }

    [Test]
    public void CorrectPluginSolver_PassesItsChecks_AndTheWrongOneIsCaught()
    {
        var runner = new VerificationRunner(SolverAssemblies.WithBuiltIn([PluginPath]));
        var good = runner.RunCase(TestCases.Small(2, Checks, extra: "\"solver\": \"plugin-split-step\","));
        good.Error.ShouldBeNull();
        good.Solver.ShouldBe("plugin-split-step");
        good.Checks.ShouldAllBe(c => c.Verdict == Verdict.Pass);

        var bad = runner.RunCase(TestCases.Small(2, Checks, extra: "\"solver\": \"plugin-half-coupling\","));
        bad.Error.ShouldBeNull();
        bad.Checks.Single(c => c.CheckId == "lemma-4.1").Verdict.ShouldBe(Verdict.Fail);
        bad.Checks.Single(c => c.CheckId == "exact-reference").Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void MissingFile_IsNamed()
    {
        var e = Should.Throw<SolverAssemblyException>(() => SolverAssemblies.Load("no/such/solver.dll"));
        e.Message.ShouldContain("solver.dll does not exist");
    }

    [Test]
    public void FileThatIsNotAnAssembly_IsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-an-assembly-{Guid.NewGuid():N}.dll");
        File.WriteAllText(path, "this is text");
        try
        {
            var e = Should.Throw<SolverAssemblyException>(() => SolverAssemblies.Load(path));
            e.Message.ShouldContain("is not a .NET assembly");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AssemblyWithoutSolvers_IsNamed()
    {
        // The stand-in external solver is an executable with no ISolverUnderTest in it.
        var e = Should.Throw<SolverAssemblyException>(() => SolverAssemblies.Load(Path.Combine(AppContext.BaseDirectory, "StandInSolver.dll")));
        e.Message.ShouldContain("has no public class implementing ConvergenceSuite.Abstractions.ISolverUnderTest");
    }

    [Test]
    public void SolverNameTakenTwice_IsAnError_NotASilentReplacement()
    {
        var e = Should.Throw<SolverAssemblyException>(() => SolverAssemblies.WithBuiltIn([PluginPath, PluginPath]));
        e.Message.ShouldContain("a solver named 'plugin-half-coupling'");
        e.Message.ShouldContain("is already registered by");
    }
}
