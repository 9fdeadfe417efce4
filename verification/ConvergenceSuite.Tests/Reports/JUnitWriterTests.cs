using System.Xml.Linq;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.JUnit;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Reports;

[TestFixture]
public class JUnitWriterTests
{
    private static XDocument Parse(VerificationSummary s)
    {
        using var stream = new MemoryStream(JUnitWriter.ToUtf8Bytes(s));
        return XDocument.Load(stream);
    }

    [Test]
    public void Counts_MatchSummary()
    {
        var s = SampleSummaries.Mixed();
        var doc = Parse(s);
        var suites = doc.Root!.Elements("testsuite").ToList();
        doc.Root.Name.LocalName.ShouldBe("testsuites");
        suites.Count.ShouldBe(s.Cases.Count);
        for (var i = 0; i < s.Cases.Count; i++)
        {
            var c = s.Cases[i];
            var suite = suites[i];
            suite.Attribute("name")!.Value.ShouldBe(c.CaseId);
            var synthetic = c.Error is not null || c.Checks.Count == 0 ? 1 : 0;
            var cases = suite.Elements("testcase").ToList();
            cases.Count.ShouldBe(c.Checks.Count + synthetic);
            suite.Attribute("tests")!.Value.ShouldBe((c.Checks.Count + synthetic).ToString(System.Globalization.CultureInfo.InvariantCulture));
            cases.Count(t => t.Element("failure") is not null).ShouldBe(c.Checks.Count(k => k.Verdict is Verdict.Fail or Verdict.Inconclusive));
            cases.Count(t => t.Element("skipped") is not null).ShouldBe(0);
            cases.Count(t => t.Element("error") is not null).ShouldBe(synthetic);
            for (var j = 0; j < c.Checks.Count; j++)
            {
                cases[j].Attribute("classname")!.Value.ShouldBe(c.CaseId);
                cases[j].Attribute("name")!.Value.ShouldBe(c.Checks[j].CheckId);
            }
        }
        int Total(string attr) => int.Parse(doc.Root.Attribute(attr)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Total("tests").ShouldBe(4 + 1 + 1);
        Total("failures").ShouldBe(2); // the Fail and the Inconclusive
        Total("skipped").ShouldBe(0);
        Total("errors").ShouldBe(1);
    }

    [Test]
    public void FailingCheck_HasFailureWithMessageAndEvidence()
    {
        var s = SampleSummaries.Mixed();
        var failing = s.Cases[0].Checks.Single(k => k.Verdict == Verdict.Fail);
        var testcase = Parse(s).Descendants("testcase").Single(t => t.Attribute("name")!.Value == failing.CheckId);
        var failure = testcase.Element("failure").ShouldNotBeNull();
        failure.Attribute("message")!.Value.ShouldBe(failing.Message); // markup characters survive escaping
        failure.Value.ShouldContain("tolerance = 1E-06");
        failure.Value.ShouldContain("nan = NaN");
        failure.Value.ShouldContain("bigValue = 1234.5678");
    }

    [Test]
    public void InconclusiveCheck_IsFailureNotSkipped()
    {
        var s = SampleSummaries.Mixed();
        var doc = Parse(s);
        doc.Descendants("skipped").ShouldBeEmpty();
        var failure = doc.Descendants("failure").Single(f => f.Attribute("type")!.Value == nameof(Verdict.Inconclusive));
        failure.Attribute("message")!.Value.ShouldBe("inconclusive: errors never entered the asymptotic range");
        failure.Parent!.Attribute("name")!.Value.ShouldBe("asymptotic-range");
    }

    [Test]
    public void CaseError_IsErrorElement_ControlCharacterReplaced()
    {
        var s = SampleSummaries.Mixed();
        var suite = Parse(s).Root!.Elements("testsuite").Single(e => e.Attribute("name")!.Value == "broken-case");
        var error = suite.Element("testcase")!.Element("error").ShouldNotBeNull();
        suite.Element("testcase")!.Attribute("name")!.Value.ShouldBe(JUnitWriter.CaseErrorTestName);
        error.Attribute("message")!.Value.ShouldBe("System.InvalidOperationException: matrix singular\uFFFD at step 17");
    }

    [Test]
    public void CaseWithoutChecksOrError_IsReportedAsError()
    {
        var s = new VerificationSummary("r", SampleSummaries.Environment(),
            [new CaseResult("empty", "", "m", "s", "k", "g", 0.1, 0, [])]);
        var error = Parse(s).Descendants("error").Single();
        error.Attribute("message")!.Value.ShouldBe(JUnitWriter.NoChecksMessage);
    }

    [Test]
    public void AllPassing_HasNoFailuresErrorsOrSkips()
    {
        var doc = Parse(SampleSummaries.AllPass());
        doc.Descendants("failure").ShouldBeEmpty();
        doc.Descendants("error").ShouldBeEmpty();
        doc.Descendants("skipped").ShouldBeEmpty();
        doc.Descendants("testcase").Count().ShouldBe(1);
    }

    [Test]
    public void Sanitize_LoneSurrogateAndNul_Replaced_PairKept()
    {
        JUnitWriter.Sanitize("a\0b\uD800c😀").ShouldBe("a\uFFFDb\uFFFDc😀");
    }
}
