using ConvergenceSuite.Reports;
using NUnit.Framework;

namespace ConvergenceSuite.Tests.Reports;

/// <summary>
/// Writes the sample report for a human to look at:
/// <c>dotnet test verification/ConvergenceSuite.Tests -c Release --filter FullyQualifiedName~SampleReport</c>.
/// Target directory: $SAMPLE_REPORT_DIR, else /tmp/sample-report.
/// </summary>
[TestFixture]
[Explicit("writes a sample report outside the test directory for visual inspection")]
public class SampleReport
{
    [Test]
    public void WriteSampleReport()
    {
        var dir = Environment.GetEnvironmentVariable("SAMPLE_REPORT_DIR") ?? "/tmp/sample-report";
        var files = ReportWriter.WriteAll(SampleSummaries.Mixed(), dir, [new DemoSection()]);
        TestContext.Out.WriteLine(files.IndexHtml);
    }

    private sealed class DemoSection : ConvergenceSuite.Reports.Html.IReportSection
    {
        public string Id => "claims";
        public string Title => "Claims (demo section)";
        public string RenderHtml(ConvergenceSuite.Harness.Summary.VerificationSummary summary) =>
            "<p>Extra sections registered by other parts of the harness appear here.</p>";
    }
}
