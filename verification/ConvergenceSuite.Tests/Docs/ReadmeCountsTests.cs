using System.Text.RegularExpressions;
using ConvergenceSuite.Cli;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.SeededBugs;
using NUnit.Framework;
using QuantumSync.Solvers.SchrodingerLohe;
using Shouldly;

namespace ConvergenceSuite.Tests.Docs;

/// <summary>
/// The README's layout and counts against the code's registries (issue 13 item 7): the seeded-bug count, the registered
/// schemes, every check id, and the src/ projects of the layout. A registry that grows without the README fails here,
/// naming what to add; so does a README that names something the code no longer has.
/// </summary>
[TestFixture]
public sealed class ReadmeCountsTests
{
    private static string Root => VerifyCommand.RepositoryRoot();

    private static string Readme => File.ReadAllText(Path.Combine(Root, "README.md"));

    [Test]
    public void SeededBugCount_EqualsTheRegistry()
    {
        var m = Regex.Match(Readme, @"holds (\d+) deliberately wrong solvers");
        m.Success.ShouldBeTrue("README.md no longer states how many seeded bugs the gallery holds ('holds N deliberately wrong solvers')");
        int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(SeededBugRegistry.All.Count,
            "README.md's seeded-bug count differs from SeededBugRegistry.All");
    }

    [Test]
    public void RegisteredSchemes_AreTheRegistryWithTheirOrders()
    {
        var m = Regex.Match(Readme, @"Registered \(`SplittingSchemes`[^:]*:(?<list>[^.]*)\.", RegexOptions.Singleline);
        m.Success.ShouldBeTrue("README.md has no 'Registered (`SplittingSchemes` …): …' sentence");
        var named = Regex.Matches(m.Groups["list"].Value, @"`([a-z0-9]+)`").Select(x => x.Groups[1].Value).ToArray();
        named.ShouldBe(SplittingSchemes.All.Select(s => s.Name).ToArray(), "the README's scheme list differs from SplittingSchemes.All (order included)");
    }

    [Test]
    public void EveryCheckId_IsDocumented()
    {
        var readme = Readme;
        var missing = CheckRegistry.Ids.Where(id => !readme.Contains($"`{id}`", StringComparison.Ordinal)).OrderBy(id => id, StringComparer.Ordinal).ToArray();
        missing.ShouldBeEmpty($"check ids registered but not described in README.md: {string.Join(", ", missing)}");
    }

    [Test]
    public void CheckTables_NameOnlyRegisteredChecks()
    {
        // Rows of the check tables: "| `id` | statement | …" under "## Checks available to cases" and "## Convergence studies".
        var ids = new List<string>();
        foreach (var heading in new[] { "## Checks available to cases", "## Convergence studies" })
        {
            var start = Readme.IndexOf(heading, StringComparison.Ordinal);
            start.ShouldBeGreaterThanOrEqualTo(0, $"README.md has no section '{heading}'");
            var end = Readme.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
            var section = Readme[start..(end < 0 ? Readme.Length : end)];
            ids.AddRange(Regex.Matches(section, @"^\| `([a-z0-9.\-]+)` \|", RegexOptions.Multiline).Select(x => x.Groups[1].Value));
        }
        ids.ShouldNotBeEmpty();
        var unknown = ids.Where(id => !CheckRegistry.Ids.Contains(id)).ToArray();
        unknown.ShouldBeEmpty($"README.md's check tables name checks the registry does not have: {string.Join(", ", unknown)}");
    }

    [Test]
    public void Layout_ListsExactlyTheSourceProjects()
    {
        var m = Regex.Match(Readme, @"## Layout\s*```(?<block>.*?)```", RegexOptions.Singleline);
        m.Success.ShouldBeTrue("README.md has no Layout block");
        var listed = Regex.Matches(m.Groups["block"].Value, @"^src/([A-Za-z.]+)/", RegexOptions.Multiline).Select(x => x.Groups[1].Value).Order().ToArray();
        var projects = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetFileName(Path.GetDirectoryName(p))!).Order().ToArray();
        listed.ShouldBe(projects, "README.md's Layout block and the projects under src/ differ");
    }
}
