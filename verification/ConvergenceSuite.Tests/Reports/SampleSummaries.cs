using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Tests.Reports;

/// <summary>Hand-made summaries for the exporter tests; every number is invented, nothing is computed from physics.</summary>
internal static class SampleSummaries
{
    public static readonly DateTimeOffset Date = new(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(1));

    public static EnvironmentInfo Environment(string? filter = "free-*") =>
        new("FFTW 3.3.10 (libfftw3.so.3)", ".NET 10.0.0", "Linux 6.8 x64", 2, "837b8db0123456789abcdef0123456789abcdef", Date, "quick", filter);

    /// <summary>Three cases: one with passing/failing/inconclusive checks and plots, one with a heatmap, one that errored.</summary>
    public static VerificationSummary Mixed()
    {
        double[] h = [0.4, 0.2, 0.1, 0.05, 0.025];
        var err = h.Select(x => 3.1 * Math.Pow(x, 2)).ToArray();
        var reference = h.Select(x => 3.1 * Math.Pow(x, 2) * 1.5).ToArray();
        var times = Enumerable.Range(0, 41).Select(i => i * 0.25).ToArray();
        var drift = times.Select(t => 1e-15 * (1 + Math.Sin(t))).ToArray();

        var convergence = new PlotSpec(
            "L² error vs dt", "dt", "‖ψ − ψ_ref‖₂",
            [new Series("strang", h, err), new Series("slope 2", h, reference, IsReference: true)],
            LogX: true, LogY: true);
        var norm = new PlotSpec(
            "norm drift", "t", "|‖ψ(t)‖² − ‖ψ(0)‖²|",
            [new Series("drift", times, drift)], LogY: true);
        var energy = new PlotSpec(
            "energy", "t", "E(t)",
            [new Series("E", times, times.Select(t => 0.5 + 1e-3 * t).ToArray()), new Series("E(0)", [0.0, 10.0], [0.5, 0.5], IsReference: true)]);

        var free = new CaseResult(
            "free-gaussian-1d", "Free Gaussian packet, analytic solution", "schroedinger-lohe", "split-step-fourier", "strang",
            "N=256, L=40", 1.25e-3, 3.75,
            [
                new CheckResult("norm-conservation", Verdict.Pass, "max |‖ψ‖² − 1| = 2e-15 ≤ 1e-12",
                    new Dictionary<string, double> { ["maxDrift"] = 2.0000000000000004e-15, ["tolerance"] = 1e-12 }, [norm]),
                new CheckResult("convergence-order", Verdict.Pass, "observed order 2.00 ∈ [1.9, 2.1]",
                    new Dictionary<string, double> { ["observedOrder"] = 1.9999876543, ["expectedOrder"] = 2, ["fitR2"] = 0.99999912345 }, [convergence]),
                new CheckResult("energy-drift", Verdict.Fail, "energy grew by 1.0e-2 > 1e-6 <with \"markup\" & 'quotes'>",
                    new Dictionary<string, double> { ["drift"] = 1.0e-2, ["tolerance"] = 1e-6, ["bigValue"] = 1234.5678, ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity, ["minusInf"] = double.NegativeInfinity }, [energy]),
                CheckResult.Of("asymptotic-range", Verdict.Inconclusive, "errors never entered the asymptotic range",
                    new Dictionary<string, double> { ["smallestError"] = 0.3 }),
            ]);

        const int rows = 24, cols = 32;
        var values = new double[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var x = -4 + 8.0 * (c + 0.5) / cols;
                var p = -3 + 6.0 * (r + 0.5) / rows;
                values[r * cols + c] = Math.Exp(-(x - 1) * (x - 1) - p * p) - 0.2 * Math.Exp(-(x + 2) * (x + 2) - p * p * 4);
            }
        }
        values[5] = double.NaN;
        var wigner = new HeatmapSpec("Wigner function at t = 1", rows, cols, values, -4, 4, -3, 3, "x", "p");
        var lohe = new CaseResult(
            "lohe-2osc-wigner", "Two Lohe oscillators, Wigner positivity", "wigner-lohe", "spectral", "rk4",
            "64×64", 1e-3, 12.5,
            [
                new CheckResult("wigner-marginal", Verdict.Pass, "∫W dp = |ψ|² to 3e-13",
                    new Dictionary<string, double> { ["maxError"] = 3.0e-13 }, [], [wigner]),
            ]);

        var broken = new CaseResult(
            "broken-case", "A case whose solver threw", "schroedinger-lohe", "crank-nicolson", "cn",
            "N=128", 1e-2, 0.01, [], "System.InvalidOperationException: matrix singular\u0001 at step 17");

        return new VerificationSummary("run-20250314-150926", Environment(), [free, lohe, broken]);
    }

    /// <summary>
    /// One case with a time study (work-precision plot, row values, nulls on the coarsest row, NaN floor), a grid
    /// study (NaN rate and standard error, +∞ upper edge, no values, no work-precision plot) and a check without a study.
    /// </summary>
    public static VerificationSummary WithStudies()
    {
        double[] dt = [0.1, 0.05, 0.025, 0.0125];
        double[] err = [3.7e-3, 9.3e-4, 2.31e-4, 5.8e-5];
        double[] wall = [0.0125, 0.024, 0.051, 0.1];
        var timePlot = new PlotSpec("error vs dt", "dt", "max_j ‖ψ_j − ψ_ref‖/‖ψ_ref‖",
            [new Series("strang", dt, err), new Series("slope 2", dt, dt.Select(h => 0.37 * h * h).ToArray(), IsReference: true)],
            LogX: true, LogY: true);
        var workPlot = new PlotSpec("work-precision", "wall time [s]", "error",
            [new Series("strang", wall, err)], LogX: true, LogY: true);
        var time = new StudyTable(
            StudyKind.Time, "strang", "max_j relative L² error of ψ_j(T)", "exact solution", "‖ψ̄‖²",
            [
                new StudyRow(dt[0], null, err[0], null, null, wall[0], 0.912, false),
                new StudyRow(dt[1], null, err[1], 1.9922092508931, null, wall[1], 0.9105, true),
                new StudyRow(dt[2], null, err[2], 2.0093, 3.3000000000000004e-4, wall[2], 0.910125, true),
                new StudyRow(dt[3], null, err[3], 1.9938, 8.2e-5, null, 0.91003125, true),
            ],
            Rate: 2.0004510027, RateStandardError: 0.0043, ExpectedLow: 1.9, ExpectedHigh: 2.1, Floor: double.NaN,
            ReferenceSlopes: [1, 2], Plot: timePlot, WorkPrecision: workPlot);

        double[] m = [16, 24, 32];
        double[] gridErr = [1e-2, 2e-3, double.NaN];
        var gridPlot = new PlotSpec("error vs M", "M", "error",
            [new Series("yoshida4", m, gridErr)], LogY: true);
        var grid = new StudyTable(
            StudyKind.Grid, "yoshida4", "relative L² error of ψ(T)", "run with M = 96", null,
            [
                new StudyRow(1.5, [16, 16], gridErr[0], null, null, 0.01, null, true),
                new StudyRow(1.0, [24, 24], gridErr[1], 0.20117973905426254, null, 0.02, null, true),
                new StudyRow(0.75, [32, 32], gridErr[2], double.NaN, null, null, null, false),
            ],
            Rate: double.NaN, RateStandardError: double.NaN, ExpectedLow: 0.3, ExpectedHigh: double.PositiveInfinity,
            Floor: 1e-12, ReferenceSlopes: [], Plot: gridPlot);

        var study = new CaseResult("lohe-studies", "Time and grid studies", "schroedinger-lohe", "split-step-fourier", "strang",
            "M=16…32, L=24", 0.0125, 4.5,
            [
                new CheckResult("time-study", Verdict.Pass, "order p = 2.000 ∈ [1.9, 2.1]",
                    new Dictionary<string, double> { ["order"] = 2.0004510027 }, [timePlot, workPlot], Study: time),
                new CheckResult("grid-study", Verdict.Inconclusive, "no rate: the finest error is NaN",
                    new Dictionary<string, double> { ["rate"] = double.NaN }, [gridPlot], Study: grid),
                CheckResult.Of("norm-conservation", Verdict.Pass, "ok", new Dictionary<string, double> { ["maxDrift"] = 1e-15 }),
            ]);
        return new VerificationSummary("run-studies", Environment(), [study]);
    }

    /// <summary>A single passing case with no plots, for quick tests.</summary>
    public static VerificationSummary AllPass() => new(
        "run-pass", Environment(null),
        [
            new CaseResult("only", "", "m", "s", "k", "g", 0.1, 1,
                [CheckResult.Of("c1", Verdict.Pass, "ok", new Dictionary<string, double> { ["a"] = 1 })]),
        ]);
}
