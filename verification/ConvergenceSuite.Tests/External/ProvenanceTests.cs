using System.Text;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.External;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Html;
using ConvergenceSuite.Reports.Json;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// Solver provenance: the name, version and commit an external solver writes into out/solver.json reach the case
/// result, summary.json (and back through its reader, as merge and compare read it) and the HTML report; a solver that
/// says nothing has no provenance, and one that gives only a version is named "external".
/// </summary>
public class ProvenanceTests
{
    private static string StandIn => Path.Combine(AppContext.BaseDirectory, "StandInSolver.dll");

    [Test]
    public void StandInProvenance_ReachesCaseResultSummaryJsonAndHtml()
    {
        var dir = Directory.CreateTempSubdirectory("provenance-");
        try
        {
            var file = Path.Combine(dir.FullName, "prov.json");
            File.WriteAllText(file, $$"""
                {
                  "id": "prov", "model": "schrodinger-lohe", "solver": "external",
                  "external": { "command": ["dotnet", "{{StandIn}}"], "timeoutSeconds": 120 },
                  "coupling": 1.0, "grid": { "points": [64], "lengths": [20.0] },
                  "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
                  "oscillators": [ { "kind": "gaussian", "center": [-1.0], "width": 1.0 }, { "kind": "gaussian", "center": [1.0], "width": 1.2 } ],
                  "time": { "final": 0.1, "dt": 0.01, "sampleEvery": 0.05 }, "scheme": "strang",
                  "checks": [ { "id": "norm-conservation" } ]
                }
                """);
            var summary = new VerificationRunner().Run([CaseLoader.LoadFile(file)], new RunOptions(MaxParallelCases: 1), "test");
            var expected = new SolverProvenance("stand-in", "1.0.0-test", "0123abc");
            summary.Cases[0].Error.ShouldBeNull();
            summary.Cases[0].Provenance.ShouldBe(expected);
            var json = SummaryJson.ToUtf8Bytes(summary);
            Encoding.UTF8.GetString(json).ShouldContain("\"solverProvenance\"");
            SummaryJson.Read(json).Cases[0].Provenance.ShouldBe(expected);
            Encoding.UTF8.GetString(HtmlReport.ToUtf8Bytes(summary)).ShouldContain("stand-in 1.0.0-test (commit 0123abc)");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void NoSolverJson_NoProvenance_AndPartialOnesAreKeptAsGiven()
    {
        static ExternalOutput Output(string? name, string? version, string? commit) =>
            new([0.0], [[1]], null, name, null, null) { Version = version, Commit = commit };
        Output(null, null, null).Provenance.ShouldBeNull();
        Output(null, "2.1", null).Provenance.ShouldBe(new SolverProvenance("external", "2.1", null));
        Output("mine", null, "deadbeef").Provenance!.ToString().ShouldBe("mine (commit deadbeef)");
        var noProvenance = new CaseResult("c", "", "m", "s", "x", "", 0.1, 1, []);
        SummaryJson.Read(SummaryJson.ToUtf8Bytes(new VerificationSummary("r", EnvironmentFrom(), [noProvenance]))).Cases[0].Provenance.ShouldBeNull();
    }

    private static EnvironmentInfo EnvironmentFrom() => new VerificationRunner().Run([], new RunOptions(MaxParallelCases: 1), "x").Environment;
}
