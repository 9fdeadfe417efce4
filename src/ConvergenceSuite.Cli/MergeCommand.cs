using ConvergenceSuite.Harness.Sharding;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports;
using ConvergenceSuite.Reports.Coverage;
using ConvergenceSuite.Reports.Html;
using ConvergenceSuite.Reports.Json;
using ConvergenceSuite.Reports.Studies;

namespace ConvergenceSuite.Cli;

/// <summary>
/// The merge verb: <c>merge --out DIR SHARD...</c> reads the summary.json of every shard (a report folder or the file
/// itself), combines them (<see cref="SummaryMerge"/>) and writes one report (index.html with the Claims page when a shard ran the
/// claims ledger, summary.json, claims.json, junit.xml and the study files) into DIR. Exit code as for verify: 0 when every verdict of the merged run passes, 1 otherwise,
/// 2 on bad usage or shards that cannot be merged.
/// </summary>
public static class MergeCommand
{
    /// <summary>Runs the merge verb with <paramref name="options"/>; returns the exit code (see the class).</summary>
    public static int Run(MergeSettings options, TextWriter stdout, TextWriter stderr)
    {
        var (outDir, runId, inputs) = (options.Out, options.RunId, options.Shards);
        if (options.Quiet) stdout = TextWriter.Null;
        if (inputs.Length == 0) throw new UsageException("merge needs the shards' report folders or summary.json files");
        var summaries = new List<VerificationSummary>();
        foreach (var input in inputs)
        {
            var file = Directory.Exists(input) ? Path.Combine(input, SummaryJson.FileName) : input;
            if (!File.Exists(file))
            {
                stderr.WriteLine($"error: no {SummaryJson.FileName} at {file}");
                return CommandLine.UsageError;
            }
            try
            {
                summaries.Add(SummaryJson.ReadFile(file));
            }
            catch (InvalidDataException e)
            {
                stderr.WriteLine($"error: {file}: {e.Message}");
                return CommandLine.UsageError;
            }
        }
        VerificationSummary merged;
        try
        {
            merged = SummaryMerge.Merge(summaries, runId);
        }
        catch (MergeException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CommandLine.UsageError;
        }
        outDir ??= Path.Combine(VerifyCommand.RepositoryRoot(), "reports", merged.RunId);
        var sections = new List<IReportSection> { new ConvergenceSection(linkFiles: true) };
        if (merged.Coverage is not null) sections.Add(new CoverageSection());
        var files = ReportWriter.WriteAll(merged, outDir, ReportExporters.Standard(sections));
        var failing = merged.FailingChecks().ToList();
        stdout.WriteLine($"merged {summaries.Count} shard(s), {merged.Cases.Count} case(s): {merged.Cases.Count(c => c.Passed)} passed, {merged.Cases.Count(c => !c.Passed)} not passed");
        stdout.WriteLine($"report: {files.IndexHtml}");
        if (merged.AllPassed) return CommandLine.Success;
        stderr.WriteLine("failing checks:");
        foreach (var f in failing) stderr.WriteLine($"  {f}");
        return CommandLine.ChecksFailed;
    }
}
