using BenchmarkDotNet.Running;

namespace ConvergenceSuite.Benchmarks;

/// <summary>
/// Entry point. <c>dotnet run -c Release --project verification/ConvergenceSuite.Benchmarks -- --filter '*'</c> runs the
/// BenchmarkDotNet suite; the first argument may instead name a mode:
/// <c>work-precision</c> (the S-L side of the XMDS2 comparison, see verification/xmds2/run-comparison.sh) or
/// <c>probe M N [steps]</c> (a quick stopwatch of the 1-D S-L step against its FFT bound, for iterating),
/// <c>probe-scheme SCHEME STEPS distinct|identical</c> (a stopwatch of one XMDS2-comparison run) or
/// <c>schemes [--out DIR]</c> (work-precision of every registered scheme where the splitting error is real).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "work-precision") return WorkPrecision.Run(args[1..]);
        if (args.Length > 0 && args[0] == "probe") return Probe.Run(args[1..]);
        if (args.Length > 0 && args[0] == "probe-scheme") return Probe.RunScheme(args[1..]);
        if (args.Length > 0 && args[0] == "schemes") return SchemeWorkPrecision.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
