using System.Globalization;
using System.Xml.Linq;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Coverage;

/// <summary>
/// Reads the totals of a Cobertura XML report (the merged Cobertura.xml that ReportGenerator writes): the root's
/// lines-covered/lines-valid and branches-covered/branches-valid, and each package's (= assembly's) line-rate and
/// branch-rate. Nothing is recomputed from individual lines; a missing or malformed attribute throws
/// <see cref="InvalidDataException"/> naming it.
/// </summary>
public static class CoberturaSummary
{
    /// <summary>Scope recorded for the suite's coverage: the production code under src/.</summary>
    public const string SourceScope = "src/";

    /// <summary>Reads the totals and per-assembly rates of the Cobertura file <paramref name="coberturaXml"/>; <paramref name="reportPath"/> and <paramref name="scope"/> are recorded as given.</summary>
    public static CoverageSummary Read(string coberturaXml, string reportPath, string scope = SourceScope)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(coberturaXml);
        }
        catch (System.Xml.XmlException e)
        {
            throw new InvalidDataException($"{coberturaXml}: not XML: {e.Message}", e);
        }
        var root = doc.Root ?? throw new InvalidDataException($"{coberturaXml}: empty document");
        if (root.Name.LocalName != "coverage") throw new InvalidDataException($"{coberturaXml}: root element is <{root.Name.LocalName}>, not <coverage>");
        var linesCovered = Long(root, "lines-covered", coberturaXml);
        var linesValid = Long(root, "lines-valid", coberturaXml);
        var branchesCovered = Long(root, "branches-covered", coberturaXml);
        var branchesValid = Long(root, "branches-valid", coberturaXml);
        var assemblies = root.Descendants("package").Select(p => new AssemblyCoverage(
            (string?)p.Attribute("name") ?? "?",
            Double(p, "line-rate", coberturaXml),
            Double(p, "branch-rate", coberturaXml))).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        return new CoverageSummary(Rate(linesCovered, linesValid), Rate(branchesCovered, branchesValid), linesCovered, linesValid,
            branchesCovered, branchesValid, scope, reportPath, assemblies);
    }

    private static double Rate(long covered, long valid) => valid == 0 ? double.NaN : (double)covered / valid;

    private static long? Attribute(XElement e, string name) =>
        long.TryParse((string?)e.Attribute(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static long Long(XElement e, string name, string file) =>
        Attribute(e, name) ?? throw new InvalidDataException($"{file}: <{e.Name.LocalName}> has no integer attribute {name}");

    private static double Double(XElement e, string name, string file) =>
        double.TryParse((string?)e.Attribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{file}: <{e.Name.LocalName} name=\"{(string?)e.Attribute("name")}\"> has no numeric attribute {name}");
}
