using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Regression;
using ConvergenceSuite.Harness.Running;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Cases;

/// <summary>Every case of verification/cases runs as a test: quick-tier cases always, full-tier ones in category Slow; each
/// is also compared with its reference in reference-data/ (the "regression" check).</summary>
public class CatalogueTests
{
    private static string CasesFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "cases");

    private static IEnumerable<TestCaseData> Catalogue()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "cases");
        foreach (var c in CaseLoader.LoadFolder(folder))
        {
            var data = new TestCaseData(c.Id).SetName($"Case_{c.Id}_AllChecksPass");
            if (c.Tier == Tier.Full) data.SetCategory("Slow");
            yield return data;
        }
    }

    [TestCaseSource(nameof(Catalogue))]
    public void Case(string id)
    {
        var definition = CaseLoader.LoadFolder(CasesFolder).Single(c => c.Id == id);
        var result = new RegressionRunner(ReferenceStore.FindDefault()!).RunCase(definition);
        foreach (var check in result.Checks) TestContext.Out.WriteLine($"{check.CheckId}: {check.Verdict}: {check.Message}");
        result.Error.ShouldBeNull();
        result.Checks.Where(k => k.Verdict != Harness.Summary.Verdict.Pass).Select(k => $"{k.CheckId}: {k.Message}").ShouldBeEmpty();
    }
}
