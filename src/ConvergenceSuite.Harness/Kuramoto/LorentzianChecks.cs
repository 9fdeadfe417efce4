using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Kuramoto;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;
using static ConvergenceSuite.Harness.Kuramoto.KuramotoCheckSupport;

namespace ConvergenceSuite.Harness.Kuramoto;

/// <summary>Time averages of the order parameter r(t) = |(1/N) Σ_j e^{iθ_j(t)}|.</summary>
public static class OrderParameterAverage
{
    /// <summary>r̄ = mean of r(t_s) over the samples with t_s ≥ <paramref name="from"/>; NaN when there are none or
    /// any is NaN.</summary>
    public static double Mean(KuramotoTrajectory trajectory, double from)
    {
        var values = trajectory.Times.Select((t, s) => (t, r: trajectory.OrderParameter[s].Magnitude)).Where(p => p.t >= from).Select(p => p.r).ToArray();
        return values.Length == 0 ? double.NaN : values.Average();
    }
}

/// <summary>
/// Kuramoto's self-consistency for Lorentzian frequencies (half-width γ): above K_c = 2γ the stationary order parameter
/// is r∞ = √(1 − 2γ/K) (<see cref="LorentzianKuramoto.StationaryOrderParameter"/>). For finite N the time average r̄
/// over t ≥ t₀ must lie in the band |r̄ − r∞| ≤ c/√N (<see cref="KuramotoChecks.OrderParameterInBand"/>): finite-N
/// fluctuations and the offset of one frequency sample are O(N^{−1/2}); c is stated by the case. Every fixed-seed
/// realisation listed in "seeds" (re-run by the check) must lie in the band as well as the case's own run.
/// </summary>
public sealed class LorentzianOrderParameterCheck(double bandConstant, double averageFrom, IReadOnlyList<int> seeds) : ICheck
{
    /// <inheritdoc />
    public string Id => "lorentzian-order-parameter";
    /// <inheritdoc />
    public string Statement => "Lorentzian g: the stationary r equals √(1 − 2γ/K) within c·N^(−1/2) (Kuramoto's self-consistency).";
    /// <summary>c: the band is |r̄ − r∞| ≤ c/√N.</summary>
    public double BandConstant { get; } = bandConstant;
    /// <summary>t₀: r(t) is averaged over t ≥ t₀.</summary>
    public double AverageFrom { get; } = averageFrom;
    /// <summary>Seeds of the further frequency realisations the check runs (each must lie in the band).</summary>
    public IReadOnlyList<int> Seeds { get; } = seeds;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = (KuramotoSpec)context.Problem;
        var own = Payload(context, out var reason);
        if (own is null) return CheckResult.Of(Id, Verdict.Fail, reason, Evidence());
        var gamma = spec.Lorentzian!.HalfWidth;
        var expected = LorentzianKuramoto.StationaryOrderParameter(spec.Coupling, gamma);
        var runs = new List<(string Name, KuramotoTrajectory Run)> { (spec.Lorentzian.Random ? $"seed {spec.Lorentzian.Seed}" : "quantiles", own) };
        foreach (var seed in Seeds)
        {
            var trajectory = context.Solver.Run(spec.WithRealisation(seed), context.Resolution, storeStates: false);
            if (trajectory.Payload is not KuramotoTrajectory k) return CheckResult.Of(Id, Verdict.Fail, $"the re-run for seed {seed} returned no Kuramoto payload", Evidence());
            runs.Add(($"seed {seed}", k));
        }
        var n = spec.Oscillators;
        var band = BandConstant / Math.Sqrt(n);
        var outcomes = runs.Select(r => (r.Name, Mean: OrderParameterAverage.Mean(r.Run, AverageFrom))).Select(r =>
            (r.Name, r.Mean, Outcome: KuramotoChecks.OrderParameterInBand(r.Mean, expected, n, BandConstant))).ToList();
        var worst = MaxOrNaN(outcomes.Select(o => o.Outcome.AbsoluteError));
        var passed = outcomes.All(o => o.Outcome.Passed);
        var evidence = Evidence(("r_infinity", expected), ("band", band), ("band_constant", BandConstant), ("oscillators", n), ("coupling", spec.Coupling),
            ("gamma", gamma), ("max_abs_deviation", worst), ("max_deviation_times_sqrt_n", worst * Math.Sqrt(n)), ("average_from", AverageFrom));
        foreach (var o in outcomes) evidence[$"r_mean[{o.Name}]"] = o.Mean;
        var times = own.Times;
        var series = runs.Select(r => Curve($"r(t), {r.Name}", r.Run.Times, r.Run.OrderParameterMagnitude())).ToList();
        series.Add(Curve("r∞ = √(1 − 2γ/K)", times, times.Select(_ => expected), reference: true));
        series.Add(Curve("r∞ + c/√N", times, times.Select(_ => expected + band), reference: true));
        series.Add(Curve("r∞ − c/√N", times, times.Select(_ => expected - band), reference: true));
        var listed = string.Join(", ", outcomes.Select(o => Inv($"{o.Name}: r̄ = {o.Mean:F4}")));
        return new CheckResult(Id, passed ? Verdict.Pass : Verdict.Fail,
            Inv($"N = {n}, K = {spec.Coupling}, γ = {gamma}: r∞ = {expected:F4}; {listed} (mean over t ≥ {AverageFrom}); max |r̄ − r∞| = {worst:E2} = {worst * Math.Sqrt(n):F3}/√N vs band {BandConstant}/√N = {band:E2}"),
            evidence, [new PlotSpec("Order parameter r(t) against Kuramoto's self-consistent value", "t", "r", series)]);
    }
}

/// <summary>
/// The critical coupling of the Lorentzian Kuramoto model, K_c = 2γ, measured by a K scan inside the check: for each K
/// the case is re-run and r̄(K) averaged over t ≥ t₀; K× is where r̄ first rises through the threshold r_thr, and
/// K_c ≈ K×(1 − r_thr²) (the N → ∞ law r∞² = 1 − K_c/K read backwards, <see cref="KuramotoChecks.CriticalCoupling"/>).
/// Pass when |K_c,measured − 2γ| / 2γ ≤ the stated relative band.
/// </summary>
public sealed class LorentzianCriticalCouplingCheck(IReadOnlyList<double> couplings, double threshold, double relativeBand, double averageFrom) : ICheck
{
    /// <inheritdoc />
    public string Id => "lorentzian-critical-coupling";
    /// <inheritdoc />
    public string Statement => "Lorentzian g: the onset of synchrony in a K scan is at K_c = 2γ (within the stated band).";
    /// <summary>The K values of the scan, each a re-run of the solver under test.</summary>
    public IReadOnlyList<double> Couplings { get; } = couplings;
    /// <summary>r_thr: K× is where r̄(K) first rises through it.</summary>
    public double Threshold { get; } = threshold;
    /// <summary>Largest allowed |K_c,measured − 2γ| / 2γ.</summary>
    public double RelativeBand { get; } = relativeBand;
    /// <summary>t₀: r(t) is averaged over t ≥ t₀.</summary>
    public double AverageFrom { get; } = averageFrom;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = (KuramotoSpec)context.Problem;
        var gamma = spec.Lorentzian!.HalfWidth;
        var kc = LorentzianKuramoto.CriticalCoupling(gamma);
        var means = new double[Couplings.Count];
        for (var i = 0; i < Couplings.Count; i++)
        {
            var trajectory = context.Solver.Run(spec.WithCoupling(Couplings[i]), context.Resolution, storeStates: false);
            means[i] = trajectory.Payload is KuramotoTrajectory k ? OrderParameterAverage.Mean(k, AverageFrom) : double.NaN;
        }
        var outcome = KuramotoChecks.CriticalCoupling(Couplings, means, Threshold, kc, RelativeBand);
        var fine = Enumerable.Range(0, 200).Select(i => Couplings[0] + (Couplings[^1] - Couplings[0]) * i / 199.0).ToArray();
        var plot = new PlotSpec("K scan: time-averaged r̄(K)", "K", "r̄",
        [
            Curve($"r̄(K), N = {spec.Oscillators}", Couplings, means),
            Curve("N → ∞: √(1 − 2γ/K)", fine, fine.Select(k => LorentzianKuramoto.StationaryOrderParameter(k, gamma)), reference: true),
            Curve("threshold r_thr", fine, fine.Select(_ => Threshold), reference: true),
        ]);
        var result = outcome.ToCheckResult(Id, [plot], ("threshold", Threshold), ("gamma", gamma), ("oscillators", spec.Oscillators),
            ("crossing_coupling", KuramotoChecks.ThresholdCrossingCoupling(Couplings, means, Threshold)));
        var evidence = new Dictionary<string, double>(result.Evidence);
        for (var i = 0; i < Couplings.Count; i++) evidence[Inv($"r_mean[K={Couplings[i]:R}]")] = means[i];
        return result with { Evidence = evidence };
    }
}
