using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConvergenceSuite.Harness.Regression;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Packaging;

/// <summary>The version is set in one place (Directory.Build.props) and CITATION.cff states the same; every shipped
/// project is packable and the tool package is a .NET tool.</summary>
[TestFixture]
public sealed class PackageMetadataTests
{
    private static string Root => Path.GetDirectoryName(ReferenceStore.FindDefault()!.Folder)!;

    private static string VersionPrefix() =>
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    [Test]
    public void CitationVersion_EqualsThePackageVersion()
    {
        var cff = File.ReadAllText(Path.Combine(Root, "CITATION.cff"));
        var m = Regex.Match(cff, "^version: \"([^\"]+)\"", RegexOptions.Multiline);
        m.Success.ShouldBeTrue("CITATION.cff has no version line");
        m.Groups[1].Value.ShouldBe(VersionPrefix());
    }

    [Test]
    public void NoProjectSetsItsOwnVersion() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(f => Regex.IsMatch(File.ReadAllText(f), "<(Version|VersionPrefix|PackageVersion)>"))
            .ShouldBeEmpty();

    /// <summary>Projects under src/ that only tests and the CLI use (the seeded bugs): never packed on their own.</summary>
    private static readonly HashSet<string> TestSupportProjects = ["ConvergenceSuite.SeededBugs"];

    [Test]
    public void EveryShippedProjectIsPackable_AndTheCliIsATool()
    {
        foreach (var csproj in Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories))
            File.ReadAllText(csproj).ShouldContain(
                TestSupportProjects.Contains(Path.GetFileNameWithoutExtension(csproj)) ? "<IsPackable>false</IsPackable>" : "<IsPackable>true</IsPackable>",
                customMessage: csproj);
        var cli = File.ReadAllText(Path.Combine(Root, "src", "ConvergenceSuite.Cli", "ConvergenceSuite.Cli.csproj"));
        cli.ShouldContain("<PackAsTool>true</PackAsTool>");
        cli.ShouldContain("<ToolCommandName>convergence-suite</ToolCommandName>");
    }
}
