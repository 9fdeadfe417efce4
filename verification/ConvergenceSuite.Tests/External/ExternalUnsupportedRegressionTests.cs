using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Regression;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// A case whose external solver answers "unsupported" (e.g. the XMDS2 cases on a machine without xmds2) under the
/// regression runner, as `verify` runs every case: every check, the regression check included, is Inconclusive with the
/// solver's reason; the run does not crash for want of a trajectory.
/// </summary>
public class ExternalUnsupportedRegressionTests
{
    private static string StandIn => Path.Combine(AppContext.BaseDirectory, "StandInSolver.dll");

    [Test]
    public void UnsupportedAnswer_UnderTheRegressionRunner_IsInconclusiveWithTheReason_IncludingRegression()
    {
        var dir = Directory.CreateTempSubdirectory("external-unsupported-");
        try
        {
            var file = Path.Combine(dir.FullName, "unsupported.json");
            File.WriteAllText(file, $$"""
                {
                  "id": "standin-unsupported-regression",
                  "model": "schrodinger-lohe",
                  "solver": "external",
                  "external": { "command": ["dotnet", "{{StandIn}}", "--mode", "unsupported"], "timeoutSeconds": 120 },
                  "coupling": 1.0,
                  "grid": { "points": [64], "lengths": [20.0] },
                  "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
                  "oscillators": [
                    { "kind": "gaussian", "center": [-1.0], "width": 1.0 },
                    { "kind": "gaussian", "center": [1.0], "width": 1.2 }
                  ],
                  "time": { "final": 0.1, "dt": 0.01 },
                  "checks": [ { "id": "norm-conservation" }, { "id": "lemma-4.1" } ]
                }
                """);
            var store = new ReferenceStore(Path.Combine(dir.FullName, "reference-data"));
            var result = new RegressionRunner(store).RunCase(CaseLoader.LoadFile(file));
            result.Error.ShouldBeNull();
            result.Checks.Select(c => c.CheckId).ShouldBe(["norm-conservation", "lemma-4.1", "regression"]);
            result.Checks.ShouldAllBe(c => c.Verdict == Verdict.Inconclusive && c.Message.Contains("does not support this case"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
