using ConvergenceSuite.Harness.Coverage;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Coverage;
using ConvergenceSuite.Reports.Json;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Coverage;

/// <summary>Coverage numbers travel from ReportGenerator's Cobertura.xml into summary.json and the report unchanged.</summary>
public class CoverageTests
{
    private const string Cobertura = """
        <?xml version="1.0" encoding="utf-8"?>
        <coverage line-rate="0.75" branch-rate="0.5" lines-covered="300" lines-valid="400" branches-covered="50" branches-valid="100" version="1.9">
          <packages>
            <package name="QuantumSync.Numerics" line-rate="0.9" branch-rate="0.8" complexity="1"><classes /></package>
            <package name="ConvergenceSuite.Harness" line-rate="0.7" branch-rate="0.45" complexity="1"><classes /></package>
          </packages>
        </coverage>
        """;

    private string _file = null!;

    [SetUp]
    public void SetUp()
    {
        _file = Path.Combine(Path.GetTempPath(), $"cobertura-{Guid.NewGuid():N}.xml");
        File.WriteAllText(_file, Cobertura);
    }

    [TearDown]
    public void TearDown() => File.Delete(_file);

    [Test]
    public void Read_TakesTheTotalsAndPerAssemblyRates()
    {
        var c = CoberturaSummary.Read(_file, "coverage/index.html");
        c.LineRate.ShouldBe(0.75);
        c.BranchRate.ShouldBe(0.5);
        (c.LinesCovered, c.LinesValid, c.BranchesCovered, c.BranchesValid).ShouldBe((300L, 400L, 50L, 100L));
        c.Scope.ShouldBe("src/");
        c.Assemblies.Select(a => a.Name).ShouldBe(["ConvergenceSuite.Harness", "QuantumSync.Numerics"]);
    }

    [Test]
    public void Read_MissingTotals_Throws()
    {
        File.WriteAllText(_file, Cobertura.Replace("lines-valid=\"400\" ", ""));
        Should.Throw<InvalidDataException>(() => CoberturaSummary.Read(_file, "x")).Message.ShouldContain("lines-valid");
    }

    [Test]
    public void SummaryJson_RoundTripsCoverage_AndReadsOldFilesWithoutIt()
    {
        var env = new EnvironmentInfo("fft", "rt", "os", 2, "abc", DateTimeOffset.UnixEpoch, "quick", null);
        var coverage = CoberturaSummary.Read(_file, "coverage/index.html");
        var summary = new VerificationSummary("run", env, []) { Coverage = coverage };
        var back = SummaryJson.Read(SummaryJson.ToJson(summary));
        back.Coverage.ShouldNotBeNull();
        back.Coverage.LineRate.ShouldBe(0.75);
        back.Coverage.BranchesValid.ShouldBe(100);
        back.Coverage.Assemblies.ShouldBe(coverage.Assemblies);
        var old = SummaryJson.ToJson(new VerificationSummary("run", env, []));
        old.ShouldContain("\"coverage\": null");
        SummaryJson.Read(old.Replace("\"coverage\": null,", "")).Coverage.ShouldBeNull();
    }

    [Test]
    public void Section_ShowsLineAndBranchCoverageAndLinksTheReport()
    {
        var env = new EnvironmentInfo("fft", "rt", "os", 2, "abc", DateTimeOffset.UnixEpoch, "quick", null);
        var html = new CoverageSection().RenderHtml(new VerificationSummary("run", env, []) { Coverage = CoberturaSummary.Read(_file, "coverage/index.html") });
        html.ShouldContain("lines 75");
        html.ShouldContain("branches 50");
        html.ShouldContain("href=\"coverage/index.html\"");
        new CoverageSection().RenderHtml(new VerificationSummary("run", env, [])).ShouldContain("No coverage");
    }
}
