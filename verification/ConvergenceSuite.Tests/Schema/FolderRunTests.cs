using ConvergenceSuite.Cli;
using ConvergenceSuite.Harness.Schema;
using ConvergenceSuite.Reports.Json;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Schema;

/// <summary>A bad case file in a folder run is reported (in the console, in summary.json and index.html, as a case that
/// did not run) and the other cases still run; the exit code is 2.</summary>
public class FolderRunTests
{
    private const string Good = """
        {
          "id": "folder-good",
          "model": "schrodinger-lohe",
          "coupling": 1.0,
          "grid": { "points": [64], "lengths": [20.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0], "width": 1.0 },
            { "kind": "gaussian", "center": [1.0], "width": 1.0 }
          ],
          "time": { "final": 0.5, "dt": 0.01, "sampleEvery": 0.1 },
          "scheme": "strang",
          "checks": [ { "id": "lemma-4.1" } ]
        }
        """;

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("folder-run-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    [Test]
    public void Verify_FolderWithEveryMalformedFile_RunsTheGoodCaseReportsEachBadFileAndExitsTwo()
    {
        var cases = Directory.CreateDirectory(Path.Combine(_dir.FullName, "cases")).FullName;
        var malformed = Directory.GetFiles(Path.Combine(VerifyCommand.RepositoryRoot(), "verification", "ConvergenceSuite.Tests", "Schema", "Malformed"), "*.json");
        foreach (var f in malformed) File.Copy(f, Path.Combine(cases, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(cases, "good.json"), Good);
        var output = Path.Combine(_dir.FullName, "out");

        CommandLine.Run(["verify", "--cases", cases, "--out", output, "--jobs", "1"]).ShouldBe(CommandLine.UsageError);

        var summary = SummaryJson.ReadFile(Path.Combine(output, "summary.json"));
        summary.Cases.Single(c => c.CaseId == "folder-good").Passed.ShouldBeTrue();
        var bad = summary.Cases.Where(c => c.CaseId.StartsWith(CaseFolder.BadFilePrefix, StringComparison.Ordinal)).ToList();
        bad.Count.ShouldBe(malformed.Length);
        bad.ShouldAllBe(c => c.Error!.StartsWith("bad case file: ", StringComparison.Ordinal));
        bad.Select(c => c.Error).Distinct().Count().ShouldBe(malformed.Length);
        File.ReadAllText(Path.Combine(output, "index.html")).ShouldContain(CaseFolder.BadFilePrefix + "unknown-field-root.json");
    }

    [Test]
    public void Load_BadAndDuplicateFiles_AreCollectedNotThrown()
    {
        var cases = Directory.CreateDirectory(Path.Combine(_dir.FullName, "cases")).FullName;
        File.WriteAllText(Path.Combine(cases, "a.json"), Good);
        File.WriteAllText(Path.Combine(cases, "b.json"), Good);
        File.WriteAllText(Path.Combine(cases, "c.json"), Good.Replace("\"coupling\": 1.0", "\"coupling\": true"));
        var load = CaseFolder.Load(cases);
        load.Cases.Select(c => c.Id).ShouldBe(["folder-good"]);
        load.Errors.Count.ShouldBe(2);
        load.Errors[0].Message.ShouldContain("also used by");
        load.Errors[1].JsonPath.ShouldBe("$.coupling");
    }
}
