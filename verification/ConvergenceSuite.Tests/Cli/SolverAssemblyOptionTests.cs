using System.Reflection;
using ConvergenceSuite.Cli;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Cli;

/// <summary>verify --solver-assembly PATH: cases name solvers from an assembly the tool does not reference; the exit
/// code tells the right plug-in solver from the wrong one, and an unusable assembly is a usage error (exit 2).</summary>
[TestFixture]
public sealed class SolverAssemblyOptionTests
{
    private static string PluginPath =>
        typeof(SolverAssemblyOptionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginSolverPath").Value!;

    private static string Case(string solver) => $$"""
        {
          "id": "plugin-{{solver}}",
          "model": "schrodinger-lohe",
          "solver": "{{solver}}",
          "coupling": 1.0,
          "grid": { "points": [80], "lengths": [24.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0], "width": 1.0 },
            { "kind": "gaussian", "center": [1.0], "momentum": [0.4], "width": 1.2 }
          ],
          "time": { "final": 1.0, "dt": 0.01, "sampleEvery": 0.1 },
          "scheme": "strang",
          "checks": [ { "id": "lemma-4.1" }, { "id": "norm-conservation" } ]
        }
        """;

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("solver-assembly-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private int Verify(string solver, string assembly)
    {
        var cases = Directory.CreateDirectory(Path.Combine(_dir.FullName, "cases-" + solver));
        File.WriteAllText(Path.Combine(cases.FullName, "case.json"), Case(solver));
        return CommandLine.Run(["verify", "--cases", cases.FullName, "--solver-assembly", assembly, $"--out={Path.Combine(_dir.FullName, "out-" + solver)}", "--quiet"]);
    }

    [Test]
    public void RightPluginSolver_Exits0_WrongOneExits1() =>
        (Verify("plugin-split-step", PluginPath), Verify("plugin-half-coupling", PluginPath)).ShouldBe((CommandLine.Success, CommandLine.ChecksFailed));

    [Test]
    public void MissingAssembly_IsAUsageError() =>
        Verify("plugin-split-step", Path.Combine(_dir.FullName, "nowhere.dll")).ShouldBe(CommandLine.UsageError);

    [Test]
    public void WithoutTheAssembly_TheCaseCannotRun() =>
        CommandLine.Run(["verify", "--cases", WriteCase(), $"--out={Path.Combine(_dir.FullName, "out")}", "--quiet"]).ShouldBe(CommandLine.ChecksFailed);

    [Test]
    public void Gallery_LoadsTheAssembly_AndSaysThatNoSeededBugAppliesToItsSolver()
    {
        // A folder with a case of the plug-in solver and one of the built-in split-step: the plug-in's case loads and is
        // named as not seedable (in the report), the built-in one runs against the bug.
        var cases = Directory.CreateDirectory(Path.Combine(_dir.FullName, "cases-gallery"));
        File.WriteAllText(Path.Combine(cases.FullName, "plugin.json"), Case("plugin-split-step"));
        File.WriteAllText(Path.Combine(cases.FullName, "builtin.json"), Case("split-step").Replace("\"id\": \"plugin-split-step\"", "\"id\": \"builtin-split-step\""));
        var notes = GalleryCommand.UnseedableNotes(Harness.Cases.CaseLoader.LoadFolder(cases.FullName));
        notes.Count.ShouldBe(1);
        notes[0].ShouldContain("no seeded bug applies to solver 'plugin-split-step'");
        notes[0].ShouldContain("plugin-plugin-split-step");
        notes[0].ShouldNotContain("builtin-split-step");

        var outDir = Path.Combine(_dir.FullName, "out-gallery");
        var code = CommandLine.Run(["gallery", "--cases", cases.FullName, "--solver-assembly", PluginPath, "--bug", "coupling-k-over-n", "--jobs", "1", $"--out={outDir}", "--quiet"]);
        code.ShouldBe(CommandLine.Success);
        Directory.EnumerateFiles(outDir, "*.html", SearchOption.AllDirectories).Select(File.ReadAllText)
            .ShouldContain(html => html.Contains("Not seedable") && html.Contains("plugin-split-step"));
    }

    [Test]
    public void Gallery_OnlyCasesOfALoadedSolver_IsAUsageError_NotAGreenRun()
    {
        var cases = Directory.CreateDirectory(Path.Combine(_dir.FullName, "cases-plugin-only"));
        File.WriteAllText(Path.Combine(cases.FullName, "plugin.json"), Case("plugin-split-step"));
        CommandLine.Run(["gallery", "--cases", cases.FullName, "--solver-assembly", PluginPath, $"--out={Path.Combine(_dir.FullName, "out-g2")}", "--quiet"])
            .ShouldBe(CommandLine.UsageError);
    }

    [Test]
    public void Gallery_MissingAssembly_IsAUsageError() =>
        CommandLine.Run(["gallery", "--cases", WriteCase(), "--solver-assembly", Path.Combine(_dir.FullName, "nowhere.dll"), $"--out={Path.Combine(_dir.FullName, "out-g3")}", "--quiet"])
            .ShouldBe(CommandLine.UsageError);

    private string WriteCase()
    {
        var cases = Directory.CreateDirectory(Path.Combine(_dir.FullName, "cases-none"));
        File.WriteAllText(Path.Combine(cases.FullName, "case.json"), Case("plugin-split-step"));
        return cases.FullName;
    }
}

/// <summary>Usage messages name what an option expects, not a CLR type.</summary>
[TestFixture]
public sealed class UsageMessageTests
{
    [TestCase("Failed to convert 'x' to Nullable`1.")]
    [TestCase("Failed to convert 'x' to Int32.")]
    public void ClrTypeNames_AreReplaced(string message) =>
        CommandLine.Readable(message).ShouldBe("Failed to convert 'x' to a number (this option takes a number).");

    [Test]
    public void OtherMessages_AreKept() => CommandLine.Readable("--tier must be quick or full, not 'x'").ShouldBe("--tier must be quick or full, not 'x'");
}
