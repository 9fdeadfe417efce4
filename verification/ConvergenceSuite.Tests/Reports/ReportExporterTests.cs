using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports;
using ConvergenceSuite.Reports.Claims;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Reports;

/// <summary>The one exporter contract (<see cref="IReportExporter"/>) that verify, merge, claims and gallery write through.</summary>
[TestFixture]
public sealed class ReportExporterTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDir() => _dir = Path.Combine(Path.GetTempPath(), "cs-exporters-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveDir()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void Standard_WritesTheMainFilesAndEveryStudyFile_WithNoTemporaryFileLeft()
    {
        var summary = SampleSummaries.WithStudies();
        var files = ReportWriter.WriteAll(summary, _dir, ReportExporters.Standard());
        foreach (var name in new[] { "summary.json", "junit.xml", "index.html", "summary.md" })
            File.Exists(Path.Combine(_dir, name)).ShouldBeTrue(name);
        var studies = Directory.GetFiles(Path.Combine(_dir, "studies"));
        studies.Length.ShouldBeGreaterThan(0);
        studies.Select(Path.GetExtension).Distinct().Order(StringComparer.Ordinal).ShouldBe([".csv", ".png", ".svg", ".tex"]);
        files.Written.Count.ShouldBe(4 + studies.Length);
        Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
        File.Exists(Path.Combine(_dir, ClaimsJson.FileName)).ShouldBeFalse("no ledger in this run, so no claims.json");
    }

    [Test]
    public void Standard_WithoutStudies_WritesNoStudyFolder()
    {
        ReportWriter.WriteAll(SampleSummaries.WithStudies(), _dir, ReportExporters.Standard(studies: false));
        Directory.Exists(Path.Combine(_dir, "studies")).ShouldBeFalse();
    }

    [Test]
    public void AnExporterWritingOutsideTheFolder_IsRefusedBeforeAnythingIsWritten()
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            ReportWriter.WriteAll(SampleSummaries.AllPass(), _dir, [ReportExporters.SummaryJson, new Fixed("escape", "../outside.txt")]));
        error.Message.ShouldContain("outside the report folder");
        Directory.Exists(_dir).ShouldBeFalse("nothing may be written when one exporter is wrong");
        File.Exists(Path.Combine(Path.GetDirectoryName(_dir)!, "outside.txt")).ShouldBeFalse();
    }

    [Test]
    public void TwoExportersWritingOneFile_AreRefused()
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            ReportWriter.WriteAll(SampleSummaries.AllPass(), _dir, [ReportExporters.SummaryJson, new Fixed("twin", "summary.json")]));
        error.Message.ShouldContain("two exporters write 'summary.json'");
        Directory.Exists(_dir).ShouldBeFalse();
    }

    [Test]
    public void AnExporterThatThrows_LeavesTheExistingReportUntouched()
    {
        ReportWriter.WriteAll(SampleSummaries.AllPass(), _dir, ReportExporters.Standard(studies: false));
        var before = File.ReadAllBytes(Path.Combine(_dir, "summary.json"));
        Should.Throw<InvalidOperationException>(() =>
            ReportWriter.WriteAll(SampleSummaries.Mixed(), _dir, [ReportExporters.SummaryJson, new Throwing()]));
        File.ReadAllBytes(Path.Combine(_dir, "summary.json")).ShouldBe(before);
    }

    private sealed class Fixed(string name, string path) : IReportExporter
    {
        public string Name => name;
        public IReadOnlyList<ReportOutput> Render(VerificationSummary summary) => [new(path, [1, 2, 3])];
    }

    private sealed class Throwing : IReportExporter
    {
        public string Name => "throwing";
        public IReadOnlyList<ReportOutput> Render(VerificationSummary summary) => throw new InvalidOperationException("render failed");
    }
}
