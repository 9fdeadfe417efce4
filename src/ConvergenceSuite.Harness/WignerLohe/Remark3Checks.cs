using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Numerics.Wigner;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>
/// Remark 3, the decorrelated case (N = 2): for data with z12(0) = −1 and w1 = w2 = −w12 (e.g. ψ2 = −ψ1), z12 stays −1,
/// w1 = w2 = −w12 persists and the evolution is the free Wigner flow (17). Measured over t ≤ <c>until</c>:
/// |z12 + 1|, ‖w1 − w2‖/‖w1‖ and ‖w1 + w12‖/‖w1‖ (all ≤ tolerance), and the relative L² distance of every field from a
/// free-flow reference that does not come from the solver under test: for phase-space (mixed) data the closed-form
/// classical flow of the Gaussian states (<see cref="QuadraticWignerFlow"/>, formulas at the grid points; ≤ freeTolerance,
/// which must allow the solver's time-discretisation error since the reference is exact in time); for pure data the
/// Wigner transforms of the free (K = 0) S-L split-step solution at the case's scheme and dt (≤ schrodingerTolerance) —
/// another solver (it shares the splitting tables and the FFT backend, not the W-L transport, Θ[V] or coupling steps).
/// z = −1 is unstable (rate K), so the plot covers the whole run with the round-off seed ε·e^{Kt}, showing when
/// round-off growth ends the regime.
/// </summary>
public sealed class Remark3Check(double tolerance, double freeTolerance, double schrodingerTolerance, double until) : ICheck
{
    /// <summary>Default: the acceptance bound |z + 1| ≤ 1e-12 over t ≤ 5 at K = 1 (round-off 1e-16 grown by e^{Kt}).</summary>
    public const double DefaultTolerance = 1e-12;

    /// <summary>Default for the S-L comparison: the spatial mismatch of the two levels at M = 128 is ≈ 1e-11 (the
    /// trigonometric interpolant of e^{−iVτ}ψ differs from the half-grid phase product), well below 1e-9.</summary>
    public const double DefaultSchrodingerTolerance = 1e-9;

    /// <summary>
    /// Default for the comparison of mixed data with the exact classical flow, which is exact in time, so the bound must
    /// hold the solver's time error: Strang on the harmonic case (ω = 0.5, t ≤ 5) is measured at 8.1e-5, 2.0e-5 and
    /// 5.1e-6 relative at dt = 0.05, 0.025, 0.0125 (order 2.00: the O((ω dt)²) phase error of the split transport/Θ[V]
    /// rotation). 1e-3 holds Strang up to dt ≈ 0.15 there; a wrong transport or potential step (e.g. ω off by 10 %)
    /// misses by O(1e-1). Cases with a smaller measured error state a tighter bound.
    /// </summary>
    public const double DefaultFreeTolerance = 1e-3;

    /// <summary>Round-off seed of the plotted reference ε·e^{Kt}.</summary>
    public const double RoundOffSeed = 1e-16;

    /// <summary>|z + 1| above this ends the decorrelated regime in the report.</summary>
    public const double RegimeEnd = 1e-3;

    /// <inheritdoc />
    public string Id => "remark-3";
    /// <inheritdoc />
    public string Statement => "Remark 3: for z12(0) = −1 and w1 = w2 = −w12, z12 ≡ −1, w1 = w2 = −w12 and the flow is free Wigner (17).";
    /// <summary>Largest allowed |z12 + 1|, ‖w1 − w2‖/‖w1‖ and ‖w1 + w12‖/‖w1‖ for t ≤ until.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = WignerCheckData.Spec(context);
        var payload = WignerCheckData.Payload(context);
        var fields = WignerCheckData.Fields(context);
        var tr = context.Trajectory;
        var grid = payload.Grid;
        var k = spec.Coupling;
        var z0 = WignerCheckData.InitialCorrelations(WignerCheckData.Initial(context))[1];
        var zGap = tr.Times.Select((_, s) => Complex.Abs(tr.Z(s, 0, 1) + 1)).ToArray();
        var split = fields.Select(f => grid.DistanceL2(f[0], f[3]) / grid.Norm(f[0])).ToArray();
        var antipodal = fields.Select(f => Norm(grid, f[0], f[1], 1) / grid.Norm(f[0])).ToArray();
        var window = Enumerable.Range(0, tr.Times.Count).Where(s => tr.Times[s] <= until * (1 + 1e-12)).ToArray();
        var windowTimes = window.Select(s => tr.Times[s]).ToArray();
        var plot = new PlotSpec("Decorrelated regime (Remark 3)", "t", "deviation", [
            Curve("|z12 + 1|", tr.Times, zGap.Select(v => Math.Max(v, 1e-300))),
            Curve("‖w1 + w12‖/‖w1‖", tr.Times, antipodal.Select(v => Math.Max(v, 1e-300))),
            Curve("‖w1 − w2‖/‖w1‖", tr.Times, split.Select(v => Math.Max(v, 1e-300))),
            Curve("round-off seed 1e-16·e^{Kt}", tr.Times, tr.Times.Select(t => RoundOffSeed * Math.Exp(k * t)), reference: true),
            Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true);
        if (Complex.Abs(z0 + 1) > 1e-12)
            return new CheckResult(Id, Verdict.Inconclusive, $"z12(0) = {z0} is not −1: Remark 3 makes no claim", Evidence(("z0_re", z0.Real), ("z0_im", z0.Imaginary)), [plot]);

        // The free flow over the window, independent of the solver under test.
        double[]? freeError = null;
        double[]? slError = null;
        if (spec.IsPure)
        {
            var states = WignerCheckData.SchrodingerStates(spec, context.Resolution.GridPoints, windowTimes, "split-step", context.Resolution.Scheme,
                context.Resolution.TimeStep, coupling: 0);
            using var wigner = new WignerTransform(grid);
            slError = window.Select((s, i) =>
            {
                var expected = WignerCheckData.WignerFamily(wigner, states[i]);
                return MaxOrNaN(fields[s].Select((w, f) => grid.RelativeDistanceL2(w, expected[f])));
            }).ToArray();
        }
        else
        {
            var flow = QuadraticWignerFlow.FromPotential(spec.Potential, spec.Lengths, out var why) ?? throw new InvalidOperationException(why);
            double[]? masses = null;
            if (spec.Normalise)
            {
                var n = spec.Oscillators;
                masses = Enumerable.Range(0, n).Select(j => grid.Integral(flow.Gaussian(grid, spec.Mixed![j], 0).Select(v => new Complex(v, 0)).ToArray()).Real).ToArray();
            }
            freeError = window.Select(s =>
            {
                var expected = flow.MixedFamily(grid, spec, masses, tr.Times[s]);
                return MaxOrNaN(fields[s].Select((w, f) => grid.Norm(expected[f]) == 0 ? grid.Norm(w) : grid.RelativeDistanceL2(w, expected[f])));
            }).ToArray();
        }
        var maxGap = MaxOrNaN(window.Select(s => zGap[s]));
        var maxSplit = MaxOrNaN(window.Select(s => split[s]));
        var maxAntipodal = MaxOrNaN(window.Select(s => antipodal[s]));
        var maxFree = freeError is null ? 0 : MaxOrNaN(freeError);
        var maxSl = slError is null ? 0 : MaxOrNaN(slError);
        var end = Enumerable.Range(0, zGap.Length).Where(s => zGap[s] > RegimeEnd).Select(s => tr.Times[s]).DefaultIfEmpty(double.NaN).First();
        var pass = AtMost(MaxOrNaN([maxGap, maxSplit, maxAntipodal]), Tolerance) == Verdict.Pass
                   && AtMost(maxFree, freeTolerance) == Verdict.Pass
                   && AtMost(maxSl, schrodingerTolerance) == Verdict.Pass;
        var evidence = Evidence(("max_abs_z_plus_1", maxGap), ("max_rel_w1_minus_w2", maxSplit), ("max_rel_w1_plus_w12", maxAntipodal),
            ("tolerance", Tolerance), ("until", until));
        if (freeError is not null)
        {
            evidence["max_rel_vs_exact_free_flow"] = maxFree;
            evidence["free_tolerance"] = freeTolerance;
        }
        if (slError is not null)
        {
            evidence["max_rel_vs_free_schrodinger"] = maxSl;
            evidence["schrodinger_tolerance"] = schrodingerTolerance;
        }
        if (!double.IsNaN(end)) evidence["regime_end_time"] = end;
        var endText = double.IsNaN(end) ? $"|z12 + 1| stays ≤ {RegimeEnd:E0} over the run" : $"round-off growth ends the regime (|z12 + 1| > {RegimeEnd:E0}) at t = {end:G4}";
        return new CheckResult(Id, pass ? Verdict.Pass : Verdict.Fail,
            $"over t ≤ {until}: max |z12 + 1| = {maxGap:E2}, ‖w1 − w2‖/‖w1‖ = {maxSplit:E2}, ‖w1 + w12‖/‖w1‖ = {maxAntipodal:E2} (tolerance {Tolerance:E0})"
            + (freeError is null ? "" : $"; vs the closed-form free (classical) flow {maxFree:E2} (tolerance {freeTolerance:E0})")
            + (slError is null ? "" : $"; vs Wigner of free S-L {maxSl:E2} (tolerance {schrodingerTolerance:E0})") + $"; {endText}",
            evidence, [plot]);
    }

    /// <summary>‖a + s·b‖.</summary>
    private static double Norm(PhaseSpaceGrid grid, Complex[] a, Complex[] b, double s)
    {
        var sum = new Complex[a.Length];
        for (var i = 0; i < a.Length; i++) sum[i] = a[i] + s * b[i];
        return grid.Norm(sum);
    }

    /// <summary>{ "tolerance"?, "freeTolerance"?, "schrodingerTolerance"?, "until"? }.</summary>
    internal static Remark3Check Create(Remark3Parameters p, CheckSite f, Problem problem)
    {
        WignerLoheCheckModule.RequireNormalisedPair(f, problem, "Remark 3");
        var until = p.Until ?? problem.FinalTime;
        if (!(until > 0)) throw f.Error("until", "must be positive");
        var spec = (WignerLoheSpec)problem;
        if (!spec.IsPure && QuadraticWignerFlow.FromPotential(spec.Potential, spec.Lengths, out var why) is null)
            throw f.Error("id", $"Remark 3 with phase-space data needs the closed-form free flow, which exists for quadratic potentials only: {why}");
        if (spec.IsPure && p.FreeTolerance is not null) throw f.Error("freeTolerance", "applies to phase-space (mixed) data; pure data are compared with the free S-L flow (schrodingerTolerance)");
        if (!spec.IsPure && p.SchrodingerTolerance is not null) throw f.Error("schrodingerTolerance", "applies to pure data only");
        return new Remark3Check(p.Tolerance, p.FreeTolerance ?? DefaultFreeTolerance, p.SchrodingerTolerance ?? DefaultSchrodingerTolerance, until);
    }
}

/// <summary>
/// Remark 3, instability: near z = −1 the correlation ODE linearises to δ' = K δ (δ = 1 + z12), so a seeded perturbation
/// grows as δ0 e^{Kt}. The rate is fitted by <see cref="ExponentialRate"/> (least squares of ln|1 + z12(t)| against t) over the samples with
/// <see cref="FitFloor"/> &lt; |1 + z12| &lt; <see cref="FitCeiling"/> and must equal K within the relative tolerance.
/// </summary>
public sealed class Remark3GrowthCheck(double relativeTolerance) : ICheck
{
    /// <summary>Default: issue 3's acceptance, the growth rate within 2 % of K.</summary>
    public const double DefaultRelativeRateTolerance = 0.02;

    /// <summary>Below this the perturbation may be comparable to round-off drift (1e-16·e^{Kt}) at late times.</summary>
    public const double FitFloor = 1e-9;

    /// <summary>Above this the quadratic term of δ' = Kδ − Kδ²/2 changes the rate by more than 5e-4 relative.</summary>
    public const double FitCeiling = 1e-3;

    /// <inheritdoc />
    public string Id => "remark-3-growth";
    /// <inheritdoc />
    public string Statement => "Remark 3: z12 = −1 is unstable; a perturbation δ = 1 + z12 grows as δ0 e^{Kt} (fitted rate = K).";

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var k = context.Problem.Coupling;
        var delta = tr.Times.Select((_, s) => Complex.Abs(1 + tr.Z(s, 0, 1))).ToArray();
        var d0 = delta[0];
        var plot = new PlotSpec("Growth of δ = |1 + z12| near the decorrelated state", "t", "|1 + z12|", [
            Curve("W-L", tr.Times, delta.Select(v => Math.Max(v, 1e-300))),
            Curve("δ0 e^{Kt}", tr.Times, tr.Times.Select(t => d0 * Math.Exp(k * t)), reference: true)], LogY: true);
        if (delta.Any(double.IsNaN)) return new CheckResult(Id, Verdict.Fail, "the correlations contain NaN", Evidence(("delta0", d0)), [plot]);
        var window = Enumerable.Range(0, delta.Length).Where(s => delta[s] > FitFloor && delta[s] < FitCeiling).ToArray();
        if (window.Length < 3)
            return new CheckResult(Id, Verdict.Inconclusive, $"only {window.Length} samples with {FitFloor:E0} < |1 + z12| < {FitCeiling:E0}; seed δ0 lower or run longer",
                Evidence(("delta0", d0), ("samples_in_window", window.Length)), [plot]);
        var x = window.Select(s => tr.Times[s]).ToArray();
        var rate = ExponentialRate.Fit(x, window.Select(s => delta[s]).ToArray()).Growth;
        var relative = Math.Abs(rate - k) / k;
        return new CheckResult(Id, AtMost(relative, relativeTolerance),
            $"fitted growth rate {rate:F6} over t ∈ [{x[0]}, {x[^1]}] ({x.Length} samples), K = {k}: relative deviation {relative:E2} (tolerance {relativeTolerance:P0}); δ0 = {d0:E2}",
            Evidence(("fitted_rate", rate), ("coupling", k), ("relative_deviation", relative), ("tolerance", relativeTolerance), ("delta0", d0),
                ("fit_start", x[0]), ("fit_end", x[^1])), [plot]);
    }
}
