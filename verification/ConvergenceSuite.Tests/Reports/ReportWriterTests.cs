using ConvergenceSuite.Reports;
using ConvergenceSuite.Reports.Json;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Reports;

[TestFixture]
public class ReportWriterTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDir() => _dir = Path.Combine(Path.GetTempPath(), "cs-reports-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveDir()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Test]
    public void WriteAll_CreatesDirectoryAndExactlyFourFiles()
    {
        var target = Path.Combine(_dir, "nested", "run");
        var files = ReportWriter.WriteAll(SampleSummaries.AllPass(), target);
        Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["index.html", "junit.xml", "summary.json", "summary.md"]);
        File.ReadAllText(Path.Combine(target, "summary.md")).ShouldContain("| case | verdict | checks | time |");
        File.ReadAllText(files.IndexHtml).ShouldStartWith("<!DOCTYPE html>");
        SummaryJson.ReadFile(files.SummaryJson).RunId.ShouldBe("run-pass");
        File.ReadAllText(files.JUnitXml).ShouldContain("<testsuites");
    }

    [Test]
    public void WriteAll_OverwritesExistingFiles_AndLeavesNoTempFiles()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "summary.json"), "stale");
        File.WriteAllText(Path.Combine(_dir, "index.html"), "stale");
        ReportWriter.WriteAll(SampleSummaries.AllPass(), _dir);
        File.ReadAllText(Path.Combine(_dir, "summary.json")).ShouldNotBe("stale");
        File.ReadAllText(Path.Combine(_dir, "index.html")).ShouldNotBe("stale");
        Directory.GetFiles(_dir).Length.ShouldBe(4);
    }

    [Test]
    public void WriteAll_WhenASectionThrowsDuringRendering_StillWritesAllFiles()
    {
        // Sections are isolated: a failing one becomes an error paragraph, not a missing report.
        ReportWriter.WriteAll(SampleSummaries.AllPass(), _dir, [new Boom()]);
        File.ReadAllText(Path.Combine(_dir, "index.html")).ShouldContain("could not be rendered");
    }

    private sealed class Boom : ConvergenceSuite.Reports.Html.IReportSection
    {
        public string Id => "boom";
        public string Title => "Boom";
        public string RenderHtml(ConvergenceSuite.Harness.Summary.VerificationSummary summary) => throw new InvalidOperationException("x");
    }
}
