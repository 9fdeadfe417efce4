using ConvergenceSuite.Cli;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Cli;

/// <summary>The verify verb's exit codes gate CI: 0 only when every verdict passes.</summary>
public class VerifyCommandTests
{
    private const string PassingCase = """
        {
          "id": "cli-pass",
          "model": "schrodinger-lohe",
          "coupling": 1.0,
          "grid": { "points": [80], "lengths": [24.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0], "width": 1.0 },
            { "kind": "gaussian", "center": [1.0], "width": 1.0 }
          ],
          "time": { "final": 1.0, "dt": 0.01, "sampleEvery": 0.1 },
          "scheme": "strang",
          "checks": [ { "id": "lemma-4.1" }, { "id": "norm-conservation" } ]
        }
        """;

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("verify-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private int Verify(params string[] cases)
    {
        var caseDir = Directory.CreateDirectory(Path.Combine(_dir.FullName, "cases"));
        for (var i = 0; i < cases.Length; i++) File.WriteAllText(Path.Combine(caseDir.FullName, $"case{i}.json"), cases[i]);
        // "--option=value" and "--option value" both bind (Spectre.Console.Cli).
        return CommandLine.Run(["verify", "--cases", caseDir.FullName, $"--out={Path.Combine(_dir.FullName, "out")}", "--jobs=1", "--quiet"]);
    }

    [Test]
    public void Version_Help_AndUsageErrors()
    {
        CommandLine.Version.ShouldContain("+"); // the SDK appends the build's git commit
        CommandLine.Run(["--version"]).ShouldBe(CommandLine.Success);
        CommandLine.Run(["verify", "--help"]).ShouldBe(CommandLine.Success);
        CommandLine.Run(["help", "compare"]).ShouldBe(CommandLine.Success);
        CommandLine.Run([]).ShouldBe(CommandLine.UsageError);
        CommandLine.Run(["verify", "--no-such-option"]).ShouldBe(CommandLine.UsageError);
        CommandLine.Run(["verify", "--jobs=0"]).ShouldBe(CommandLine.UsageError);
        CommandLine.Run(["verify", "--tier", "medium"]).ShouldBe(CommandLine.UsageError);
        CommandLine.Run(["verify", "--seeded-bug", "no-such-bug", "--case", "x"]).ShouldBe(CommandLine.UsageError);
        CommandLine.Run(["compare", "only-one"]).ShouldBe(CommandLine.UsageError);
        CommandLine.Run(["frobnicate"]).ShouldBe(CommandLine.UsageError);
    }

    [Test]
    public void Verify_AllChecksPass_ExitsZeroAndWritesReports()
    {
        Verify(PassingCase).ShouldBe(CommandLine.Success);
        foreach (var f in new[] { "index.html", "summary.json", "junit.xml", "summary.md" })
            File.Exists(Path.Combine(_dir.FullName, "out", f)).ShouldBeTrue(f);
    }

    [Test]
    public void Verify_ACheckFails_ExitsOne()
    {
        // The exact-reference check with a tolerance Strang at dt = 0.01 cannot meet: a real failing verdict.
        var failing = PassingCase.Replace("cli-pass", "cli-fail")
            .Replace("{ \"id\": \"norm-conservation\" }", "{ \"id\": \"exact-reference\", \"tolerance\": 1e-14 }");
        Verify(PassingCase, failing).ShouldBe(CommandLine.ChecksFailed);
        File.ReadAllText(Path.Combine(_dir.FullName, "out", "summary.json")).ShouldContain("cli-fail");
    }

    [Test]
    public void Verify_BadCaseFile_RunsTheOthersReportsItAndExitsTwo()
    {
        Verify(PassingCase, PassingCase.Replace("cli-pass", "cli-bad").Replace("\"coupling\": 1.0", "\"coupling\": \"x\"")).ShouldBe(CommandLine.UsageError);
        var summary = File.ReadAllText(Path.Combine(_dir.FullName, "out", "summary.json"));
        summary.ShouldContain("cli-pass");
        summary.ShouldContain("bad case file: $.coupling");
    }

    [Test]
    public void Verify_UnknownOption_ExitsTwo() =>
        CommandLine.Run(["verify", "--bogus", "1"]).ShouldBe(CommandLine.UsageError);
}
