using ConvergenceSuite.Cli;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Regression;

/// <summary>verify --update-reference end to end: write twice and compare bytes; a changed byte fails naming the file.</summary>
[NonParallelizable] // redirects Console.Error, which other fixtures write to
public class VerifyUpdateReferenceTests
{
    private const string Case = """
        {
          "id": "cli-regression",
          "model": "schrodinger-lohe",
          "coupling": 1.0,
          "grid": { "points": [64], "lengths": [24.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0], "momentum": [0.5], "width": 1.2 },
            { "kind": "gaussian", "center": [1.0], "width": 1.2 }
          ],
          "time": { "final": 0.5, "dt": 0.01, "sampleEvery": 0.1 },
          "scheme": "strang",
          "checks": [ { "id": "norm-conservation" } ]
        }
        """;

    private DirectoryInfo _dir = null!;
    private string Cases => Path.Combine(_dir.FullName, "cases");
    private string References => Path.Combine(_dir.FullName, "refs");

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("verify-ref-");
        Directory.CreateDirectory(Cases);
        File.WriteAllText(Path.Combine(Cases, "case.json"), Case);
    }

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private int Verify(params string[] extra) => CommandLine.Run(
        ["verify", "--cases", Cases, "--reference", References, "--out", Path.Combine(_dir.FullName, "out"), "--jobs", "1", .. extra]);

    private Dictionary<string, byte[]> Snapshot() => Directory.GetFiles(References).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    [Test]
    public void UpdateReference_Twice_ChangesNoByte()
    {
        Verify(VerifyCommand.UpdateReferenceFlag).ShouldBe(CommandLine.Success);
        var first = Snapshot();
        first.Keys.ShouldBe(["CHANGELOG.md", "cli-regression.v1.json", "cli-regression.v1.npy"], ignoreOrder: true);
        Verify(VerifyCommand.UpdateReferenceFlag).ShouldBe(CommandLine.Success);
        var second = Snapshot();
        second.Keys.ShouldBe(first.Keys, ignoreOrder: true);
        foreach (var (name, bytes) in first) second[name].ShouldBe(bytes, name);
        Verify().ShouldBe(CommandLine.Success);
    }

    [Test]
    public void NoReference_ExitsOne()
    {
        Verify().ShouldBe(CommandLine.ChecksFailed);
    }

    [Test]
    public void OneChangedByte_FailsAndNamesTheFile()
    {
        Verify(VerifyCommand.UpdateReferenceFlag).ShouldBe(CommandLine.Success);
        var npy = Path.Combine(References, "cli-regression.v1.npy");
        var bytes = File.ReadAllBytes(npy);
        bytes[200] ^= 0x01;
        File.WriteAllBytes(npy, bytes);
        var error = new StringWriter();
        var old = Console.Error;
        Console.SetError(error);
        try
        {
            Verify().ShouldBe(CommandLine.ChecksFailed);
        }
        finally
        {
            Console.SetError(old);
        }
        error.ToString().ShouldContain("cli-regression.v1.npy");
        error.ToString().ShouldContain("SHA-256 mismatch");
    }

    [Test]
    public void UpdateReference_WithCustomCasesAndNoReferenceFolder_IsAUsageError() =>
        CommandLine.Run(["verify", "--cases", Cases, "--update-reference"]).ShouldBe(CommandLine.UsageError);
}
