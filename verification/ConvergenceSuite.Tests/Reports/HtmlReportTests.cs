using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Html;
using ConvergenceSuite.Reports.Json;
using ConvergenceSuite.Reports.JUnit;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Reports;

[TestFixture]
public partial class HtmlReportTests
{
    private static string _html = "";

    [OneTimeSetUp]
    public void RenderOnce() => _html = HtmlReport.Render(SampleSummaries.Mixed());

    [Test]
    public void Html_ContainsEveryCaseIdAndCheckId()
    {
        var s = SampleSummaries.Mixed();
        foreach (var c in s.Cases)
        {
            _html.ShouldContain(">" + c.CaseId + "<");
            _html.ShouldContain("id=\"case-" + c.CaseId + "\"");
            _html.ShouldContain("href=\"#case-" + c.CaseId + "\"");
            foreach (var k in c.Checks)
            {
                _html.ShouldContain("<td class=\"check-id\">" + k.CheckId + "</td>");
            }
        }
    }

    [Test]
    public void Html_HasOneEmbeddedPngPerPlotAndHeatmap()
    {
        var s = SampleSummaries.Mixed();
        var expected = s.Cases.SelectMany(c => c.Checks).Sum(k => k.Plots.Count + (k.Heatmaps?.Count ?? 0));
        expected.ShouldBe(4);
        DataUriImage().Matches(_html).Count.ShouldBe(expected);
        Regex.Matches(_html, "<img ").Count.ShouldBe(expected);
    }

    [Test]
    public void Html_HasNoExternalResources()
    {
        var withoutImages = DataUriImage().Replace(_html, "<img>");
        withoutImages.ShouldNotContain("http", Case.Insensitive);
        withoutImages.ShouldNotContain("src=\"");
        withoutImages.ShouldNotContain("<link");
        withoutImages.ShouldNotContain("<script");
        withoutImages.ShouldNotContain("url(");
    }

    [Test]
    public void Html_EscapesMarkupInMessages()
    {
        _html.ShouldContain("&lt;with &quot;markup&quot; &amp; &#39;quotes&#39;&gt;");
        _html.ShouldNotContain("<with \"markup\"");
    }

    [Test]
    public void Html_HeaderShowsEnvironmentAndOverallVerdict()
    {
        _html.ShouldContain("FFTW 3.3.10 (libfftw3.so.3)");
        _html.ShouldContain("run-20250314-150926");
        _html.ShouldContain("2025-03-14 15:09:26 +01:00");
        _html.ShouldContain("class=\"overall fail\"");
        HtmlReport.Render(SampleSummaries.AllPass()).ShouldContain("<p class=\"overall pass\">ALL PASSED</p>");
    }

    [Test]
    public void Html_EvidenceShowsSixSignificantDigitsAndNonFinite()
    {
        _html.ShouldContain(">1234.57</td>");
        _html.ShouldContain("title=\"1234.5678\"");
        _html.ShouldContain(">2e-15</td>");
        _html.ShouldContain(">NaN</td>");
        _html.ShouldContain(">+∞</td>");
        _html.ShouldContain(">−∞</td>");
        _html.ShouldContain(">0.00125</td>"); // dt column
    }

    [Test]
    public void Html_IsWellFormedAfterRemovingTheDoctype()
    {
        // The writer emits XHTML-compatible markup except for void elements; close them to parse as XML.
        var xml = Regex.Replace(_html.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal), "<(meta|img)([^>]*)>", "<$1$2/>");
        Should.NotThrow(() => XDocument.Parse(xml));
    }

    [Test]
    public void AllOutputs_AreByteIdentical_UnderDecimalCommaCulture()
    {
        var s = SampleSummaries.Mixed();
        var (json0, junit0, html0) = InCulture(CultureInfo.InvariantCulture, () =>
            (SummaryJson.ToUtf8Bytes(s), JUnitWriter.ToUtf8Bytes(s), HtmlReport.Render(s)));
        var de = CultureInfo.GetCultureInfo("de-DE");
        1.5.ToString(de).ShouldBe("1,5"); // the culture really uses a decimal comma on this machine
        var (json1, junit1, html1) = InCulture(de, () =>
            (SummaryJson.ToUtf8Bytes(s), JUnitWriter.ToUtf8Bytes(s), HtmlReport.Render(s)));
        json1.ShouldBe(json0);
        junit1.ShouldBe(junit0);
        // The tables alone (images removed) — the part whose numbers the writer formats itself.
        DataUriImage().Replace(html1, "").ShouldBe(DataUriImage().Replace(html0, ""));
        html1.ShouldNotContain("1234,57");
        // Plot rendering runs under the invariant culture too, so even the PNG bytes agree.
        html1.ShouldBe(html0);
    }

    [Test]
    public void Render_RestoresCurrentCulture()
    {
        var de = CultureInfo.GetCultureInfo("de-DE");
        InCulture(de, () =>
        {
            HtmlReport.Render(SampleSummaries.Mixed());
            CultureInfo.CurrentCulture.Name.ShouldBe("de-DE");
            return 0;
        });
    }

    [Test]
    public void ExtraSections_AreAppendedAndLinked_AndAThrowingSectionDoesNotBreakTheReport()
    {
        var html = HtmlReport.Render(SampleSummaries.AllPass(),
            [new FixedSection("claims", "Claims", "<p>claim table</p>"), new ThrowingSection()]);
        html.ShouldContain("<a href=\"#claims\">Claims</a>");
        html.ShouldContain("<section class=\"extra\" id=\"claims\">\n<h2>Claims</h2>\n<p>claim table</p>\n</section>");
        html.ShouldContain("could not be rendered: InvalidOperationException: boom");
        html.IndexOf("id=\"claims\"", StringComparison.Ordinal).ShouldBeGreaterThan(html.IndexOf("id=\"case-only\"", StringComparison.Ordinal));
    }

    [Test]
    public void EmptySummary_AllExportersWriteAFailedReport()
    {
        var empty = new VerificationSummary("empty", SampleSummaries.Environment(), []);
        HtmlReport.Render(empty).ShouldContain("FAILED: no cases ran");
        XDocument.Parse(System.Text.Encoding.UTF8.GetString(JUnitWriter.ToUtf8Bytes(empty))).Root!.Attribute("tests")!.Value.ShouldBe("0");
        SummaryJson.Read(SummaryJson.ToUtf8Bytes(empty)).Cases.ShouldBeEmpty();
    }

    [Test]
    public void Anchors_AreUniqueForCollidingIds()
    {
        var s = new VerificationSummary("r", SampleSummaries.Environment(),
        [
            new CaseResult("a b", "", "m", "s", "k", "g", 0.1, 0, [CheckResult.Of("c", Verdict.Pass, "", new Dictionary<string, double>())]),
            new CaseResult("a/b", "", "m", "s", "k", "g", 0.1, 0, [CheckResult.Of("c", Verdict.Pass, "", new Dictionary<string, double>())]),
        ]);
        var html = HtmlReport.Render(s);
        html.ShouldContain("id=\"case-a-b\"");
        html.ShouldContain("id=\"case-a-b-2\"");
        html.ShouldContain(">a/b<");
    }

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (c, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = c;
            CultureInfo.CurrentUICulture = ui;
        }
    }

    [GeneratedRegex("src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"")]
    private static partial Regex DataUriImage();

    private sealed class FixedSection(string id, string title, string body) : IReportSection
    {
        public string Id => id;
        public string Title => title;
        public string RenderHtml(VerificationSummary summary) => body;
    }

    private sealed class ThrowingSection : IReportSection
    {
        public string Id => "broken";
        public string Title => "Broken";
        public string RenderHtml(VerificationSummary summary) => throw new InvalidOperationException("boom");
    }
}
