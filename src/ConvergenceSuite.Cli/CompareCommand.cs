using ConvergenceSuite.Reports.Comparison;

namespace ConvergenceSuite.Cli;

/// <summary>
/// The compare verb: <c>compare BASE HEAD [--out DIR]</c>, each a report folder or a summary.json. Prints the Markdown
/// comparison to stdout (append it to $GITHUB_STEP_SUMMARY or post it as a PR comment) and, with --out, writes
/// compare.md, compare.html and compare.json there. Exit 1 when a verdict worsens or a drift exceeds its tolerance,
/// 0 otherwise (wall time never decides), 2 on bad usage or unreadable input. The logic is
/// <see cref="RunComparison"/> in the Reports library.
/// </summary>
public static class CompareCommand
{
    /// <summary>Compares the run at <paramref name="basePath"/> with the run at <paramref name="headPath"/> (report folders or summary.json files),
    /// prints the Markdown to <paramref name="stdout"/>, writes the three files to <paramref name="outDir"/> when given, and returns the exit code.</summary>
    public static int Run(string basePath, string headPath, string? outDir, TextWriter stdout, TextWriter stderr)
    {
        ComparisonReport report;
        try
        {
            report = RunComparison.Compare(ComparisonInput.Load(basePath), ComparisonInput.Load(headPath));
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CommandLine.UsageError;
        }
        var markdown = ComparisonWriters.ToMarkdown(report);
        stdout.Write(markdown);
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            AtomicFile.Write(Path.Combine(outDir, "compare.md"), System.Text.Encoding.UTF8.GetBytes(markdown));
            AtomicFile.Write(Path.Combine(outDir, "compare.html"), System.Text.Encoding.UTF8.GetBytes(ComparisonWriters.ToHtml(report)));
            AtomicFile.Write(Path.Combine(outDir, "compare.json"), ComparisonWriters.ToJson(report));
            stderr.WriteLine($"compare: wrote compare.md, compare.html, compare.json to {outDir}");
        }
        stderr.WriteLine($"compare: {ComparisonWriters.Headline(report)}");
        return report.Regressed ? CommandLine.ChecksFailed : CommandLine.Success;
    }
}

/// <summary>Write to a temporary file in the same folder, flush, then rename over the target: never a half-written file.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    public static void Write(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
