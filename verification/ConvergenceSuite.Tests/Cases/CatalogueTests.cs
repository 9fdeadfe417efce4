using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Regression;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Cases;

/// <summary>Every case of verification/cases runs as a test: quick-tier cases always, full-tier ones in category Slow; each
/// is also compared with its reference in reference-data/ (the "regression" check). Cases are independent runs (own solver,
/// own reference file, read only), so they run in parallel with each other.</summary>
[Parallelizable(ParallelScope.All)]
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

    /// <summary>The folder, loaded (and schema-validated) once for all cases instead of once per case.</summary>
    private static readonly Lazy<IReadOnlyList<CaseDefinition>> Folder = new(() => CaseLoader.LoadFolder(CasesFolder));

    [TestCaseSource(nameof(Catalogue))]
    public void Case(string id)
    {
        var definition = Folder.Value.Single(c => c.Id == id);
        var result = new RegressionRunner(ReferenceStore.FindDefault()!).RunCase(definition);
        foreach (var check in result.Checks) TestContext.Out.WriteLine($"{check.CheckId}: {check.Verdict}: {check.Message}");
        result.Error.ShouldBeNull();
        result.Checks.Where(k => k.Verdict != ConvergenceSuite.Convergence.Verdict.Pass).Select(k => $"{k.CheckId}: {k.Message}").ShouldBeEmpty();
    }
}
