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
/// Work-precision of every registered splitting scheme on two problems where the splitting error is real (issue 16):
/// the Lemma 4.1 packets (N = 2, M = 256 on [−20, 20), K = 1, T = 12), (a) with distinct potentials V1 = x²/8,
/// V2 = 0.18x², error |z12(12) − z12^ref(12)| against kahanli6 at dt = 12/<see cref="ReferenceSteps"/> (its own error
/// there is below 1e-15 by its measured order-6 constant; the other schemes are fourth order or lower, so a
/// shared defect of the sixth-order scheme would show as disagreement with them); (b) with identical potentials
/// V = x²/8, wave-function error max_j ‖ψ_j(12) − ψ_j^ref(12)‖ against the exact factorised reference
/// (<see cref="ExactFactorisedReference"/>: eigenbasis propagator of the same grid, DOPRI5 for the mixing; shares the
/// grid and initial data only). Wall time: best of <see cref="WorkPrecision.Repeats"/> runs (construction + stepping +
/// reading), after a warm-up run. Writes schemes.csv and one PNG per problem; prints, per scheme and problem, the
/// cheapest run reaching 1e-8 and 1e-11. Informational output, not committed.
/// With <c>--xmds FILE.tsv</c> (written by verification/xmds2/run-comparison.sh) it also reads XMDS2's runs of the same
/// two problems (z12(12), ψ_j(12) on the same grid, best-of-3 integration time), measures their errors against the same
/// references, adds them to the plots and to work-precision.csv, cross-checks the distinct-potential reference against
/// XMDS2's ARK45 at its tightest tolerance, and writes ratios.tsv: for each method (a scheme, XMDS2's RK4IP or ARK45)
/// the time at errors 1e-8 and 1e-11 interpolated on its work-precision curve (<see cref="TimeAt"/>), and the ratio
/// (best built-in scheme)/(best XMDS2 integrator) per problem and error.
/// </summary>
public static class SchemeWorkPrecision
{
    public const double FinalTime = 12.0;
    public const int ReferenceSteps = 12_000;
    private static readonly int[] StepCounts = [12, 24, 48, 96, 192, 384, 768, 1536, 3072, 6144];
    private static readonly double[] Targets = [1e-8, 1e-11];

    private sealed record Row(string Problem, string Scheme, int Steps, double Error, double Seconds);

    public static int Run(string[] args)
    {
        var outDir = "reports/scheme-work-precision";
        string? xmdsFile = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--out" or "--xmds"))
            {
                Console.Error.WriteLine($"unknown option {args[i]}; usage: schemes [--xmds FILE.tsv] [--out DIR]");
                return 2;
            }
            if (args[i] == "--out") outDir = args[i + 1];
            else xmdsFile = args[i + 1];
        }
        Directory.CreateDirectory(outDir);
        var rows = new List<Row>();

        var distinct = Problem(distinct: true);
        var reference = new Complex[4];
        Solve(distinct, SplittingSchemes.KahanLi6, FinalTime / ReferenceSteps, reference);
        rows.AddRange(Sweep("distinct-z12", distinct, (solver, _) =>
        {
            var z = new Complex[4];
            solver.Correlations(z);
            return Complex.Abs(z[1] - reference[1]);
        }));

        var identical = Problem(distinct: false);
        var exact = new ExactFactorisedReference(identical.Initial, identical.Coupling, identical.Grid.CellVolume,
            new EigenPropagator(identical.Grid, Potential.Harmonic(0.5))).States([FinalTime])[0];
        rows.AddRange(Sweep("identical-psi", identical, (solver, p) =>
            Enumerable.Range(0, p.Oscillators).Max(j => Integrals.DistanceL2(solver.State(j), exact[j], p.Grid.CellVolume))));

        var csv = new List<string> { "problem,scheme,steps,error,seconds" };
        csv.AddRange(rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Problem},{r.Scheme},{r.Steps},{r.Error:R},{r.Seconds:R}")));
        File.WriteAllLines(Path.Combine(outDir, "schemes.csv"), csv);
        var ours = rows.ToList();
        if (xmdsFile is not null) rows.AddRange(XmdsRows(xmdsFile, reference[1], exact, identical));
        foreach (var problem in rows.Select(r => r.Problem).Distinct())
        {
            var series = rows.Where(r => r.Problem == problem).GroupBy(r => r.Scheme)
                .Select(g => new Series(g.Key, g.Select(r => Math.Max(r.Error, 1e-17)).ToList(), g.Select(r => r.Seconds).ToList())).ToList();
            var label = problem == "distinct-z12" ? "error |z12(12) − z12_ref(12)|" : "max_j ‖ψ_j(12) − ψ_j_ref(12)‖";
            File.WriteAllBytes(Path.Combine(outDir, $"{problem}.png"), PlotRenderer.RenderPng(
                new PlotSpec($"Work-precision, {problem}, N = 2, M = 256, T = 12", label, "wall time [s]", series, LogX: true, LogY: true), 900, 600));
        }

        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Problem,-14} {r.Scheme,-12} steps {r.Steps,6} error {r.Error,10:E2} {r.Seconds * 1e3,10:F2} ms"));
        Console.WriteLine("cheapest measured run reaching each error (no interpolation):");
        foreach (var problem in rows.Select(r => r.Problem).Distinct())
        foreach (var target in Targets)
        foreach (var scheme in SplittingSchemes.All)
        {
            var best = rows.Where(r => r.Problem == problem && r.Scheme == scheme.Name && r.Error <= target).OrderBy(r => r.Seconds).FirstOrDefault();
            var found = best is null
                ? "not reached"
                : string.Create(CultureInfo.InvariantCulture, $"{best.Steps,5} steps {best.Seconds * 1e3,8:F2} ms (error {best.Error:E2})");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {problem,-14} ≤ {target:E0}  {scheme.Name,-12} {found}"));
        }
        if (xmdsFile is not null) Compare(rows, ours, reference[1], outDir);
        Console.WriteLine($"written: {Path.GetFullPath(outDir)}");
        return 0;
    }

    /// <summary>XMDS2's integrators as they appear in the rows ("xmds2-" + the integrator column of the TSV).</summary>
    private const string XmdsPrefix = "xmds2-";

    /// <summary>
    /// The XMDS2 runs of the TSV (problem, integrator, parameter, value, z0, z12, seconds, states file with lines
    /// "x re1 im1 re2 im2"), with their errors measured as ours: |z12(12) − z12_ref| on the distinct problem,
    /// max_j ‖ψ_j(12) − ψ_j^exact(12)‖ on the identical one. "Steps" holds the step count (RK4IP) or −log10 of the
    /// tolerance (ARK45, rounded).
    /// </summary>
    private static IEnumerable<Row> XmdsRows(string file, Complex zReference, Complex[][] exact, SchrodingerLoheProblem identical)
    {
        var grid = identical.Grid;
        var xs = grid.Coordinates(0);
        foreach (var line in File.ReadLines(file).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var f = line.Split('\t');
            if (f.Length != 10) throw new FormatException($"{file}: expected 10 tab-separated columns, got {f.Length}: {line}");
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            var (problem, integrator, parameter, value) = (f[0], XmdsPrefix + f[1].ToLowerInvariant(), f[2], D(3));
            var steps = parameter == "steps" ? (int)value : (int)Math.Round(-Math.Log10(value));
            double error;
            if (problem == "distinct-z12") error = Complex.Abs(new Complex(D(6), D(7)) - zReference);
            else if (problem == "identical-psi")
            {
                var points = File.ReadLines(f[9]).Select(l => l.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
                if (points.Length != grid.Count) throw new FormatException($"{f[9]}: {points.Length} grid points; the grid has {grid.Count}");
                for (var i = 0; i < points.Length; i++)
                    if (Math.Abs(points[i][0] - xs[i]) > GridTolerance)
                        throw new FormatException($"{f[9]}: point {i} is at x = {points[i][0]}, the grid's at {xs[i]}");
                var psi = new[] { points.Select(p => new Complex(p[1], p[2])).ToArray(), points.Select(p => new Complex(p[3], p[4])).ToArray() };
                error = Enumerable.Range(0, 2).Max(j => Integrals.DistanceL2(psi[j], exact[j], grid.CellVolume));
            }
            else throw new FormatException($"{file}: unknown problem {problem}");
            yield return new Row(problem, integrator, steps, error, D(8));
        }
    }

    /// <summary>Coordinates XMDS2 prints (17 digits) and the grid's agree to round-off; 1e-9 only guards the order.</summary>
    private const double GridTolerance = 1e-9;

    /// <summary>
    /// Time a method needs for error <paramref name="target"/>: its runs ordered by time, the first run with error ≤
    /// target, and the straight line in log(error)–log(time) through it and the run before it, evaluated at the target
    /// (the measured time when the first run already reaches it; null when no run does). Interpolating rather than
    /// taking the measured point removes the luck of where the ladder's points fall.
    /// </summary>
    public static double? TimeAt(IEnumerable<(double Error, double Seconds)> runs, double target)
    {
        var ordered = runs.OrderBy(r => r.Seconds).ToArray();
        var k = Array.FindIndex(ordered, r => r.Error <= target);
        if (k < 0) return null;
        if (k == 0) return ordered[0].Seconds;
        var (a, b) = (ordered[k - 1], ordered[k]);
        if (!(a.Error > b.Error)) return b.Seconds;
        var s = (Math.Log(target) - Math.Log(a.Error)) / (Math.Log(b.Error) - Math.Log(a.Error));
        return Math.Exp(Math.Log(a.Seconds) + s * (Math.Log(b.Seconds) - Math.Log(a.Seconds)));
    }

    private static void Compare(List<Row> rows, List<Row> ours, Complex zReference, string outDir)
    {
        var csv = new List<string> { "problem,method,steps_or_log10_tolerance,error,seconds" };
        csv.AddRange(rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Problem},{r.Scheme},{r.Steps},{r.Error:R},{r.Seconds:R}")));
        File.WriteAllLines(Path.Combine(outDir, "work-precision.csv"), csv);

        // The distinct problem's reference (kahanli6, 12000 steps) against XMDS2's tightest ARK45 run and kahanli6 at half the steps.
        var tightest = rows.Where(r => r.Problem == "distinct-z12" && r.Scheme == XmdsPrefix + "ark45ip").OrderByDescending(r => r.Steps).FirstOrDefault();
        if (tightest is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reference check (distinct): |z12 kahanli6 12000 steps − z12 XMDS2 ARK45 tol 1e-{tightest.Steps}| = {tightest.Error:E2}; z12_ref = {zReference.Real:R} {zReference.Imaginary:+0.################;-0.################}i"));
        var half = new Complex[4];
        Solve(Problem(distinct: true), SplittingSchemes.KahanLi6, 2 * FinalTime / ReferenceSteps, half);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference check (distinct): |z12 kahanli6 12000 steps − kahanli6 6000 steps| = {Complex.Abs(half[1] - zReference):E2}"));

        var table = new List<string> { "problem	target	method	seconds" };
        var ratios = new List<string>();
        foreach (var problem in rows.Select(r => r.Problem).Distinct())
        foreach (var target in Targets)
        {
            (string Method, double? Seconds) Best(IEnumerable<Row> set) => set.GroupBy(r => r.Scheme)
                .Select(g => (Method: g.Key, Seconds: TimeAt(g.Select(r => (r.Error, r.Seconds)), target)))
                .Where(m => m.Seconds is not null).OrderBy(m => m.Seconds).FirstOrDefault();
            foreach (var method in rows.Where(r => r.Problem == problem).GroupBy(r => r.Scheme))
            {
                var t = TimeAt(method.Select(r => (r.Error, r.Seconds)), target);
                table.Add(string.Create(CultureInfo.InvariantCulture, $"{problem}	{target:E0}	{method.Key}	{(t is null ? "not reached" : t.Value.ToString("R", CultureInfo.InvariantCulture))}"));
            }
            var builtIn = Best(ours.Where(r => r.Problem == problem));
            var xmds = Best(rows.Where(r => r.Problem == problem && r.Scheme.StartsWith(XmdsPrefix, StringComparison.Ordinal)));
            var ratio = builtIn.Seconds is { } a && xmds.Seconds is { } b ? (a / b).ToString("F3", CultureInfo.InvariantCulture) : "n/a";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{problem}\t{target:E0}\t{builtIn.Method ?? "none"}\t{Ms(builtIn.Seconds)}\t{xmds.Method ?? "none"}\t{Ms(xmds.Seconds)}\t{ratio}");
            ratios.Add(line);
        }
        File.WriteAllLines(Path.Combine(outDir, "times-at-error.tsv"), table);
        File.WriteAllLines(Path.Combine(outDir, "ratios.tsv"), ratios.Prepend("problem\terror\tbest_builtin\tbuiltin_ms\tbest_xmds2\txmds2_ms\tratio_builtin_over_xmds2"));
        Console.WriteLine("time at each error, interpolated in log-log on each method's work-precision curve; ratio = best built-in / best XMDS2:");
        foreach (var line in ratios) Console.WriteLine("  " + line.Replace('\t', ' '));
    }

    private static string Ms(double? seconds) => seconds is null ? "not reached" : (seconds.Value * 1e3).ToString("F2", CultureInfo.InvariantCulture);

    private static IEnumerable<Row> Sweep(string name, SchrodingerLoheProblem problem, Func<SplitStepSolver, SchrodingerLoheProblem, double> error)
    {
        foreach (var scheme in SplittingSchemes.All)
        foreach (var steps in StepCounts)
        {
            var dt = FinalTime / steps;
            double e;
            using (var warm = new SplitStepSolver(problem, scheme, dt))
            {
                warm.AdvanceTo(FinalTime);
                e = error(warm, problem);
            }
            var best = double.MaxValue;
            for (var r = 0; r < WorkPrecision.Repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                using var solver = new SplitStepSolver(problem, scheme, dt);
                solver.AdvanceTo(FinalTime);
                error(solver, problem);
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }
            yield return new Row(name, scheme.Name, steps, e, best);
        }
    }

    private static void Solve(SchrodingerLoheProblem problem, SplittingScheme scheme, double dt, Complex[] z)
    {
        using var solver = new SplitStepSolver(problem, scheme, dt);
        solver.AdvanceTo(FinalTime);
        solver.Correlations(z);
    }

    /// <summary>The Lemma 4.1 packets of verification/cases/sl-1d-n2-lemma41.json; V2 = 0.18x² (ω = 0.6) when distinct.</summary>
    public static SchrodingerLoheProblem Problem(bool distinct)
    {
        var grid = PeriodicGrid.Cube(1, 256, 40.0);
        var v1 = grid.Evaluate(x => Potential.Harmonic(0.5)[x]);
        var v2 = distinct ? grid.Evaluate(x => Potential.Harmonic(0.6)[x]) : v1;
        Complex[] Packet(double x0, double p0, double sigma) =>
            InitialStates.Normalised(InitialStates.Gaussian(grid, [x0], [p0], sigma), grid.CellVolume);
        return new SchrodingerLoheProblem(grid, 1.0, [v1, v2], [Packet(-1.5, 0.5, 1.0), Packet(1.0, -0.3, 1.3)]);
    }
}
