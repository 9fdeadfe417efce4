using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ConvergenceSuite.Benchmarks;

/// <summary>
/// The configuration every benchmark class uses: one in-process job (no per-case build or process start, so the whole
/// suite stays within ~15 minutes on 2 cores) with few warm-up and measured iterations of 150 ms each, the memory diagnoser
/// (steady-state stepping must show 0 B) and the ratio to the FFT-only baseline of the same parameters.
/// Command-line options of BenchmarkDotNet (e.g. --filter, --job short/medium) still apply on top.
/// </summary>
public sealed class SuiteConfig : ManualConfig
{
    public SuiteConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(9)
            .WithLaunchCount(1)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(150))
            .WithId("inproc-short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, BaselineRatioColumn.RatioMean);
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
        Options |= ConfigOptions.JoinSummary;
    }
}
