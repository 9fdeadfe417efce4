using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;
using static ConvergenceSuite.Harness.Kuramoto.KuramotoCheckSupport;

namespace ConvergenceSuite.Harness.Kuramoto;

/// <summary>
/// Late-time behaviour of z₁₂(t) on a window [t₀, T]: its mean (the "limit"), spread and drift, and the named
/// classification (<see cref="DistinctPotentialsExplorationCheck.Classify"/>).
/// </summary>
public sealed record LateTimeBehaviour(double Coupling, bool Settled, Complex Limit, double DistanceFromOne, double LateStd, double Drift, double Amplitude, int Samples)
{
    /// <summary>"settled" or "oscillating", from <see cref="Settled"/>.</summary>
    public string Classification => Settled ? "settled" : "oscillating";
}

/// <summary>
/// An exploration, not a claim (paper Remark 2 and its refs [5, 15]): two S-L oscillators with distinct potentials
/// V₁ ≠ V₂. For the case's K and every K of the sweep (re-runs of the solver under test) the late window
/// [T − f·T, T] of z₁₂(t) = ⟨ψ₁, ψ₂⟩ is classified by the criterion <see cref="CriterionName"/>: settled (frequency
/// synchronisation, a limit that need not be 1) when the window's standard deviation √(mean |z − z̄|²) is below
/// <see cref="StdThreshold"/> and the means of its two halves differ by less than <see cref="DriftThreshold"/>;
/// oscillating (dephasing) otherwise. Reported: the classification, the limit z̄ (late-window mean), |z̄ − 1|, the
/// late-time amplitude max |z − z̄|. The verdict is Pass whenever every run completed with finite z₁₂ and the numbers
/// were computed; it fails only for NaN/∞ or a solver error.
/// </summary>
public sealed class DistinctPotentialsExplorationCheck(IReadOnlyList<double> couplings, double lateFraction, double stdThreshold, double driftThreshold) : ICheck
{
    /// <summary>Default late window: the last quarter of the run.</summary>
    public const double DefaultLateFraction = 0.25;

    /// <summary>Default settling threshold on the late-window std of z₁₂ (|z₁₂| ≤ 1, so 1e-3 is 0.1 % of its range).</summary>
    public const double DefaultStdThreshold = 1e-3;

    /// <summary>Default threshold on the drift between the means of the two halves of the late window.</summary>
    public const double DefaultDriftThreshold = 1e-3;

    /// <summary>Fewest samples a late window must hold for a std and a drift to mean anything.</summary>
    public const int MinimumLateSamples = 8;

    /// <inheritdoc />
    public string Id => "distinct-potentials-exploration";
    /// <inheritdoc />
    public string Statement => "Exploration (Remark 2, refs [5, 15]): with V₁ ≠ V₂, does z₁₂(t) settle (limit ≠ 1) or keep oscillating? Pass = computed.";
    /// <summary>The K values of the sweep, each a re-run of the solver besides the case's own K.</summary>
    public IReadOnlyList<double> Couplings { get; } = couplings;
    /// <summary>f: the late window is [T − f·T, T].</summary>
    public double LateFraction { get; } = lateFraction;
    /// <summary>Settled needs the late-window standard deviation √(mean |z − z̄|²) below this.</summary>
    public double StdThreshold { get; } = stdThreshold;
    /// <summary>Settled needs the means of the late window's two halves to differ by less than this.</summary>
    public double DriftThreshold { get; } = driftThreshold;

    /// <summary>The classification criterion in words, with its thresholds, as reported.</summary>
    public string CriterionName => KuramotoCheckSupport.Inv($"late-window-std<{StdThreshold:G3} and half-window-drift<{DriftThreshold:G3} over the last {LateFraction:P0} of [0, T]");

    /// <summary>Classifies z₁₂ on the samples with t ≥ (1 − f)·T. NaN anywhere in the window gives NaN numbers and
    /// "oscillating".</summary>
    public LateTimeBehaviour Classify(double coupling, IReadOnlyList<double> times, IReadOnlyList<Complex> z12)
    {
        var start = (1 - LateFraction) * times[^1];
        var window = Enumerable.Range(0, times.Count).Where(s => times[s] >= start).Select(s => z12[s]).ToArray();
        var mean = Average(window);
        var std = Math.Sqrt(window.Select(z => Square(Complex.Abs(z - mean))).Average());
        var half = window.Length / 2;
        var drift = Complex.Abs(Average(window[..half]) - Average(window[half..]));
        var amplitude = MaxOrNaN(window.Select(z => Complex.Abs(z - mean)));
        var settled = std < StdThreshold && drift < DriftThreshold;
        return new LateTimeBehaviour(coupling, settled, mean, Complex.Abs(mean - 1), std, drift, amplitude, window.Length);
    }

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = (SchrodingerLoheSpec)context.Problem;
        var tr = context.Trajectory;
        var own = tr.Times.Select((_, s) => tr.Z(s, 0, 1)).ToArray();
        var plots = new List<PlotSpec>
        {
            new(Inv($"z₁₂(t) for K = {spec.Coupling}"), "t", "z₁₂",
                [Curve("|z₁₂|", tr.Times, own.Select(z => z.Magnitude)), Curve("Re z₁₂", tr.Times, own.Select(z => z.Real)), Curve("Im z₁₂", tr.Times, own.Select(z => z.Imaginary))]),
        };
        if (!AllFinite(own))
            return new CheckResult(Id, Verdict.Fail, Inv($"z₁₂(t) of the case's run (K = {spec.Coupling}) is not finite"), Evidence(("coupling", spec.Coupling)), plots);
        var results = new List<LateTimeBehaviour> { Classify(spec.Coupling, tr.Times, own) };
        foreach (var k in Couplings.Where(k => k != spec.Coupling))
        {
            Trajectory run;
            try
            {
                var other = new SchrodingerLoheSpec(spec.Lengths, spec.GridPoints, k, spec.Potentials, spec.Initial, spec.Normalise, spec.FinalTime, spec.SampleTimes);
                run = context.Solver.Run(other, context.Resolution, storeStates: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new CheckResult(Id, Verdict.Fail, Inv($"the sweep run at K = {k} failed: {e.GetType().Name}: {e.Message}"), Evidence(("coupling", k)), plots);
            }
            var z = run.Times.Select((_, s) => run.Z(s, 0, 1)).ToArray();
            if (!AllFinite(z))
                return new CheckResult(Id, Verdict.Fail, Inv($"z₁₂(t) of the sweep run at K = {k} is not finite"), Evidence(("coupling", k)), plots);
            results.Add(Classify(k, run.Times, z));
        }
        results.Sort((a, b) => a.Coupling.CompareTo(b.Coupling));
        var mine = results.First(r => r.Coupling == spec.Coupling);
        var evidence = Evidence(("coupling", spec.Coupling), ("settled", mine.Settled ? 1 : 0), ("limit_re", mine.Limit.Real), ("limit_im", mine.Limit.Imaginary),
            ("limit_distance_from_1", mine.DistanceFromOne), ("late_std", mine.LateStd), ("late_drift", mine.Drift), ("late_amplitude", mine.Amplitude),
            ("std_threshold", StdThreshold), ("drift_threshold", DriftThreshold), ("late_fraction", LateFraction));
        foreach (var r in results)
        {
            evidence[Inv($"K={r.Coupling:R}/settled")] = r.Settled ? 1 : 0;
            evidence[Inv($"K={r.Coupling:R}/limit_distance_from_1")] = r.DistanceFromOne;
            evidence[Inv($"K={r.Coupling:R}/late_std")] = r.LateStd;
            evidence[Inv($"K={r.Coupling:R}/late_amplitude")] = r.Amplitude;
        }
        var ks = results.Select(r => r.Coupling).ToArray();
        plots.Add(new PlotSpec("K sweep: late-time z₁₂", "K", "value",
        [
            Curve("|limit − 1|", ks, results.Select(r => r.DistanceFromOne)), Curve("late std", ks, results.Select(r => r.LateStd)),
            Curve("late amplitude max|z − limit|", ks, results.Select(r => r.Amplitude)), Curve("late drift", ks, results.Select(r => r.Drift)),
            Curve("std / drift threshold", ks, ks.Select(_ => StdThreshold), reference: true),
        ], LogY: true));
        var sweep = string.Join("; ", results.Select(r => Inv($"K = {r.Coupling}: {r.Classification}, |limit − 1| = {r.DistanceFromOne:E2}, std {r.LateStd:E1}")));
        return new CheckResult(Id, Verdict.Pass,
            Inv($"K = {spec.Coupling}: {mine.Classification} (criterion {CriterionName}); limit z₁₂ = {mine.Limit.Real:F6}{(mine.Limit.Imaginary >= 0 ? "+" : "−")}{Math.Abs(mine.Limit.Imaginary):F6}i, |limit − 1| = {mine.DistanceFromOne:E3}, late std {mine.LateStd:E2}, drift {mine.Drift:E2}, amplitude {mine.Amplitude:E2}. Sweep: {sweep}"),
            evidence, plots);
    }

    private static bool AllFinite(IEnumerable<Complex> values) => values.All(v => double.IsFinite(v.Real) && double.IsFinite(v.Imaginary));

    private static Complex Average(IReadOnlyCollection<Complex> values)
    {
        Complex sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Count;
    }

    private static double Square(double x) => x * x;

    /// <summary>Reads { "couplings": [K, ...]?, "lateFraction": f?, "stdThreshold": ε?, "driftThreshold": δ? }; N = 2 with
    /// distinct potentials only, and enough samples in the late window.</summary>
    internal static DistinctPotentialsExplorationCheck Create(DistinctPotentialsExplorationParameters p, CheckSite f, Problem problem)
    {
        if (problem is not SchrodingerLoheSpec spec) throw f.Error("id", "the distinct-potentials exploration runs on S-L cases");
        if (spec.Oscillators != 2) throw f.Error("id", $"the exploration is for N = 2; this case has N = {spec.Oscillators}");
        if (spec.IdenticalPotentials) throw f.Error("id", "the exploration needs distinct potentials V₁ ≠ V₂");
        var couplings = p.Couplings ?? [];
        if (couplings.Any(k => k < 0)) throw f.Error("couplings", "K must be ≥ 0");
        var fraction = p.LateFraction;
        if (!(fraction > 0 && fraction <= 0.5)) throw f.Error("lateFraction", $"must lie in (0, 0.5]; got {fraction}");
        var std = p.StdThreshold;
        var drift = p.DriftThreshold;
        if (!(std > 0) || !(drift > 0)) throw f.Error("stdThreshold", "thresholds must be positive");
        var late = spec.SampleTimes.Count(t => t >= (1 - fraction) * spec.FinalTime);
        if (late < MinimumLateSamples) throw f.Error("lateFraction", $"only {late} samples fall in the late window; sample more often (need ≥ {MinimumLateSamples})");
        return new DistinctPotentialsExplorationCheck(couplings, fraction, std, drift);
    }
}
