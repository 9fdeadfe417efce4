using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Plots;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Models.States;
using QuantumSync.Numerics;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.Benchmarks;

/// <summary>
/// The first XMDS2 comparison (issue 8; run-comparison.sh now uses <see cref="SchemeWorkPrecision"/> with --xmds, on
/// the two problems of issue 16). Kept for reference: z12 with identical potentials, which every splitting scheme gets
/// exact to round-off at any dt, so it measures cost, not accuracy per cost; not a speed claim. The Lemma 4.1 acceptance
/// problem (N = 2, 1-D, M = 256 on [−20, 20), V = x²/8, K = 1, the packets of verification/cases/sl-1d-n2-lemma41.json,
/// normalised on the grid) solved to t = 12 by every registered splitting scheme at several dt; error
/// |z12(12) − z(12)| against Lemma 4.1, z(t) = ((1+z0)e^{Kt} − (1−z0))/((1+z0)e^{Kt} + (1−z0)), z0 = z12(0) of the
/// code's own initial data; wall time = best of <see cref="Repeats"/> runs of (solver construction + stepping +
/// correlations), after one warm-up run (FFTW planning excluded, as in the XMDS2 timing). Reads the XMDS2 rows
/// written by the script, computes their errors the same way, and writes work-precision.csv and work-precision.png.
/// </summary>
public static class WorkPrecision
{
    /// <summary>Timed runs per point; the minimum is reported (least disturbed by other processes).</summary>
    public const int Repeats = 3;

    /// <summary>End time of the comparison.</summary>
    public const double FinalTime = 12.0;

    /// <summary>Error level at which the two codes' wall times are compared (issue 8).</summary>
    public const double TargetError = 1e-8;

    /// <summary>Step counts over [0, 12] for the splitting schemes.</summary>
    private static readonly int[] StepCounts = [12, 24, 48, 96, 240, 480, 1200, 2400, 4800];

    private sealed record Row(string Code, string Integrator, string Parameter, double Value, double Error, double Seconds);

    public static int Run(string[] args)
    {
        string? xmdsFile = null;
        var outDir = "reports/xmds2-comparison";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--xmds": xmdsFile = args[i + 1]; break;
                case "--out": outDir = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; usage: work-precision [--xmds FILE.tsv] [--out DIR]");
                    return 2;
            }
        }
        Directory.CreateDirectory(outDir);
        var rows = new List<Row>();
        if (xmdsFile is not null) rows.AddRange(ReadXmds(xmdsFile));
        rows.AddRange(RunOurs());

        var csv = new List<string> { "code,integrator,parameter,value,error_z12_t12,seconds" };
        csv.AddRange(rows.Select(r => string.Join(",", r.Code, r.Integrator, r.Parameter, F(r.Value), F(r.Error), F(r.Seconds))));
        File.WriteAllLines(Path.Combine(outDir, "work-precision.csv"), csv);

        var series = rows.Where(r => double.IsFinite(r.Error)).GroupBy(r => $"{r.Code} {r.Integrator}")
            .Select(g => new Series(g.Key, g.Select(r => Math.Max(r.Error, 1e-17)).ToList(), g.Select(r => r.Seconds).ToList()))
            .ToList();
        var spec = new PlotSpec($"Work-precision: S-L N=2, Lemma 4.1 case, z12 at t = {FinalTime:R}", "error |z12(12) − z(12)|", "wall time [s]",
            series, LogX: true, LogY: true);
        File.WriteAllBytes(Path.Combine(outDir, "work-precision.png"), PlotRenderer.RenderPng(spec, 900, 600));

        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Code,-16} {r.Integrator,-10} {r.Parameter}={r.Value,-10:G4} error {r.Error,10:E2}  {r.Seconds * 1e3,10:F3} ms"));
        Summarise(rows);
        return 0;
    }

    /// <summary>Cheapest run of each code reaching <see cref="TargetError"/> (measured points only, no interpolation).</summary>
    private static void Summarise(List<Row> rows)
    {
        Row? Best(string code) => rows.Where(r => r.Code == code && r.Error <= TargetError).OrderBy(r => r.Seconds).FirstOrDefault();
        var ours = Best("ConvergenceSuite");
        var theirs = Best("XMDS2");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"at error ≤ {TargetError:E0}: ConvergenceSuite {Describe(ours)}; XMDS2 {Describe(theirs)}"));
        if (ours is not null && theirs is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time ratio ConvergenceSuite / XMDS2 = {ours.Seconds / theirs.Seconds:F3}"));
    }

    private static string Describe(Row? r) => r is null
        ? "none reached it"
        : string.Create(CultureInfo.InvariantCulture, $"{r.Integrator} {r.Parameter}={r.Value:G4}: {r.Seconds * 1e3:F3} ms (error {r.Error:E2})");

    /// <summary>The Lemma 4.1 acceptance problem, as in verification/cases/sl-1d-n2-lemma41.json.</summary>
    public static SchrodingerLoheProblem Problem()
    {
        var grid = PeriodicGrid.Cube(1, 256, 40.0);
        var v = Potential.Harmonic(0.5);
        var potential = grid.Evaluate(x => v[x]);
        Complex[] Packet(double x0, double p0, double sigma) =>
            InitialStates.Normalised(InitialStates.Gaussian(grid, [x0], [p0], sigma), grid.CellVolume);
        return new SchrodingerLoheProblem(grid, 1.0, [potential, potential], [Packet(-1.5, 0.5, 1.0), Packet(1.0, -0.3, 1.3)]);
    }

    private static IEnumerable<Row> RunOurs()
    {
        var problem = Problem();
        var z = new Complex[4];
        foreach (var scheme in SplittingSchemes.All)
        foreach (var steps in StepCounts)
        {
            var dt = FinalTime / steps;
            Solve(problem, scheme, dt, z, out var z0); // warm-up (plans, JIT)
            var best = double.MaxValue;
            for (var r = 0; r < Repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                Solve(problem, scheme, dt, z, out z0);
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }
            var error = Complex.Abs(z[1] - Lemma41.Z(z0, problem.Coupling, FinalTime));
            yield return new Row("ConvergenceSuite", scheme.Name, "dt", dt, error, best);
        }
    }

    private static void Solve(SchrodingerLoheProblem problem, SplittingScheme scheme, double dt, Complex[] z, out Complex z0)
    {
        using var solver = new SplitStepSolver(problem, scheme, dt);
        solver.Correlations(z);
        z0 = z[1];
        solver.AdvanceTo(FinalTime);
        solver.Correlations(z);
    }

    /// <summary>
    /// Rows "integrator parameter value z0_re z0_im z12_re z12_im seconds" (tab-separated, '#' comments) written by
    /// run-comparison.sh; the error is computed here from the run's own z0.
    /// </summary>
    private static IEnumerable<Row> ReadXmds(string path)
    {
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('\t');
            // C's printf writes "nan"/"-nan"/"inf" for a diverged run (e.g. RK4 beyond its stability limit): NaN here.
            double D(int i) => double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN;
            var z0 = new Complex(D(3), D(4));
            var z12 = new Complex(D(5), D(6));
            yield return new Row("XMDS2", f[0], f[1], D(2), Complex.Abs(z12 - Lemma41.Z(z0, 1.0, FinalTime)), D(7));
        }
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
