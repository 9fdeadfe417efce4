namespace ConvergenceSuite.Harness.Cases;

/// <summary>A malformed or inconsistent case file: names the file, the JSON path of the field and the problem.</summary>
public sealed class CaseFileException(string file, string path, string problem)
    : Exception($"{file}: {path}: {problem}")
{
    /// <summary>Path of the case file.</summary>
    public string File { get; } = file;
    /// <summary>JSON path of the offending field, e.g. "$.grid.points[0]".</summary>
    public string JsonPath { get; } = path;
    /// <summary>What is wrong, without the file and path.</summary>
    public string Problem { get; } = problem;
}
