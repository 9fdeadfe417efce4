using System.Diagnostics;
using System.Globalization;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.Benchmarks;

/// <summary>Quick stopwatch of the 1-D S-L Strang step and its FFT bound (best of 5 batches), for iterating:
/// <c>probe M N [steps] [K]</c>.</summary>
public static class Probe
{
    public static int Run(string[] args)
    {
        var m = int.Parse(args[0], CultureInfo.InvariantCulture);
        var n = int.Parse(args[1], CultureInfo.InvariantCulture);
        var steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Math.Max(20, 4_000_000 / (m * n));
        var problem = Problems.SchrodingerLohe(1, m, 40.0 * m / 256, n);
        // Optional fourth argument: the coupling K (0 shows what the coupling costs on top of the free flow).
        if (args.Length > 3) problem = new SchrodingerLoheProblem(problem.Grid, double.Parse(args[3], CultureInfo.InvariantCulture), problem.Potentials, problem.Initial);
        using var solver = new SplitStepSolver(problem, SplittingSchemes.Strang, 1e-3);
        using var data = new ComplexBuffer(m * n);
        var plan = solver.Backend.Plan(problem.Grid.Sizes, n);
        solver.Advance(3);
        double best = double.MaxValue, bestFft = double.MaxValue;
        for (var rep = 0; rep < 5; rep++)
        {
            var w = Stopwatch.StartNew();
            solver.Advance(steps);
            best = Math.Min(best, w.Elapsed.TotalMicroseconds / steps);
            w.Restart();
            for (var s = 0; s < steps; s++)
            {
                plan.Execute(data, 0, FftDirection.Forward);
                plan.Execute(data, 0, FftDirection.Inverse);
            }
            bestFft = Math.Min(bestFft, w.Elapsed.TotalMicroseconds / steps);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"M={m} N={n}: step {best:F2} us, FFT {bestFft:F2} us, ratio {best / bestFft:F2}"));
        if (Environment.GetEnvironmentVariable("PROBE_PARTS") is not null)
        {
            var fields = data.Span;
            var c = new System.Numerics.Complex[n * n];
            for (var j = 0; j < n; j++) c[j * n + j] = 1;
            using var target = new ComplexBuffer(m * n);
            var phase = new System.Numerics.Complex[m];
            var w = Stopwatch.StartNew();
            for (var s = 0; s < steps; s++)
                ComplexKernels.Mix(target.Span, fields, m, 0, m, c, phase);
            Console.WriteLine($"combine {w.Elapsed.TotalMicroseconds / steps:F2} us");
            w.Restart();
            System.Numerics.Complex acc = 0;
            for (var s = 0; s < steps; s++)
                for (var j = 0; j < n; j++) for (var k = j; k < n; k++) acc += Integrals.Dot(fields.Slice(j * m, m), fields.Slice(k * m, m));
            Console.WriteLine($"gram {w.Elapsed.TotalMicroseconds / steps:F2} us {acc}");
            w.Restart();
            for (var s = 0; s < steps; s++)
                for (var j = 0; j < n; j++) ComplexKernels.Multiply(fields.Slice(j * m, m), phase);
            Console.WriteLine($"multiply {w.Elapsed.TotalMicroseconds / steps:F2} us");
        }
        return 0;
    }

    /// <summary>Quick stopwatch of one run of the XMDS2-comparison problem (<see cref="SchemeWorkPrecision.Problem"/>) to
    /// T = 12: <c>probe-scheme SCHEME STEPS distinct|identical [repeats] [K]</c>; prints the best wall time, the best process CPU time (steadier on a loaded machine; 10 ms ticks) and µs per step.
    /// Repeats (default 20) give perf a steady loop to sample.</summary>
    public static int RunScheme(string[] args)
    {
        var scheme = SplittingSchemes.All.Single(s => s.Name == args[0]);
        var steps = int.Parse(args[1], CultureInfo.InvariantCulture);
        var problem = SchemeWorkPrecision.Problem(distinct: args[2] == "distinct");
        var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        // Optional fifth argument: the coupling K (0: what the run costs without the coupling).
        if (args.Length > 4) problem = new SchrodingerLoheProblem(problem.Grid, double.Parse(args[4], CultureInfo.InvariantCulture), problem.Potentials, problem.Initial);
        double best = double.MaxValue, bestCpu = double.MaxValue;
        var z = new System.Numerics.Complex[problem.Oscillators * problem.Oscillators];
        for (var r = 0; r < repeats; r++)
        {
            var w = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            using var solver = new SplitStepSolver(problem, scheme, SchemeWorkPrecision.FinalTime / steps);
            solver.AdvanceTo(SchemeWorkPrecision.FinalTime);
            best = Math.Min(best, w.Elapsed.TotalMilliseconds);
            bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            solver.Correlations(z);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scheme.Name} {steps} steps {args[2]}: best {best:F3} ms (CPU {bestCpu:F1} ms), {best * 1e3 / steps:F2} us/step, z12 {z[1].Real:R} {z[1].Imaginary:R}"));
        return 0;
    }
}
