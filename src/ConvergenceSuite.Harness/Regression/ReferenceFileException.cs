namespace ConvergenceSuite.Harness.Regression;

/// <summary>A reference file that cannot be trusted: unreadable, truncated, tampered with (hash mismatch) or malformed.
/// The message names the file and the problem.</summary>
public sealed class ReferenceFileException(string file, string problem) : Exception($"{file}: {problem}")
{
    /// <summary>Path of the reference file.</summary>
    public string File { get; } = file;
    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; } = problem;
}
