using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Checks;
using QuantumSync.Models.Kuramoto;

namespace ConvergenceSuite.Harness.Kuramoto;

/// <summary>The Kuramoto-level checks (issue 4): Adler, Lorentzian theory, the S-L → Kuramoto reduction and the
/// distinct-potentials exploration.</summary>
public sealed class KuramotoCheckModule : ICheckModule
{
    /// <inheritdoc />
    public IEnumerable<CheckDefinition> Checks =>
    [
        CheckDefinition.Of<AdlerLockedPhaseParameters>("adler-locked-phase", (p, f, problem) =>
        {
            var adler = Adler(f, problem);
            if (!(Math.Abs(adler.FrequencyDifference) < adler.Coupling))
                throw f.Error("id", $"no stable locked phase: |ΔΩ| = {Math.Abs(adler.FrequencyDifference)} is not < K = {adler.Coupling} (use adler-slip-period)");
            return new AdlerLockedPhaseCheck(p.Tolerance);
        }),
        CheckDefinition.Of<AdlerSlipPeriodParameters>("adler-slip-period", (p, f, problem) =>
        {
            var adler = Adler(f, problem);
            if (adler.IsLocked) throw f.Error("id", $"the pair locks: |ΔΩ| = {Math.Abs(adler.FrequencyDifference)} ≤ K = {adler.Coupling} (use adler-locked-phase)");
            return new AdlerSlipPeriodCheck(p.Tolerance);
        }),
        CheckDefinition.Of<LorentzianOrderParameterParameters>("lorentzian-order-parameter", (p, f, problem) =>
        {
            var spec = Lorentzian(f, problem);
            if (!(spec.Coupling > LorentzianKuramoto.CriticalCoupling(spec.Lorentzian!.HalfWidth)))
                throw f.Error("id", $"K = {spec.Coupling} is not above K_c = 2γ = {2 * spec.Lorentzian.HalfWidth}: the self-consistent r∞ is 0 there");
            var band = p.Band;
            if (!(band > 0)) throw f.Error("band", "the band constant c must be positive");
            var from = AverageFrom(f, p.AverageFrom, spec);
            var seeds = p.Seeds ?? [];
            if (seeds.Length > 0 && !spec.Lorentzian.Random) throw f.Error("seeds", "realisations need \"sampling\": \"random\" frequencies");
            if (seeds.Any(s => Math.Abs((long)s) > int.MaxValue / 2)) throw f.Error("seeds", $"seeds must lie within ±{int.MaxValue / 2}");
            return new LorentzianOrderParameterCheck(band, from, seeds);
        }),
        CheckDefinition.Of<LorentzianCriticalCouplingParameters>("lorentzian-critical-coupling", (p, f, problem) =>
        {
            var spec = Lorentzian(f, problem);
            var couplings = p.Couplings;
            if (couplings.Length < 3) throw f.Error("couplings", "a scan needs at least 3 couplings");
            for (var i = 1; i < couplings.Length; i++)
                if (!(couplings[i] > couplings[i - 1])) throw f.Error("couplings", "couplings must increase strictly");
            var threshold = p.Threshold;
            // The finite-N incoherent level is ≈ N^(−1/2); a threshold within a few of it would be crossed by noise.
            if (!(threshold < 1 && threshold >= 5 / Math.Sqrt(spec.Oscillators)))
                throw f.Error("threshold", $"r_thr must lie in [5/√N, 1) = [{5 / Math.Sqrt(spec.Oscillators):G3}, 1) to sit above the incoherent level; got {threshold}");
            var band = p.Band;
            if (!(band > 0)) throw f.Error("band", "the relative band must be positive");
            return new LorentzianCriticalCouplingCheck(couplings, threshold, band, AverageFrom(f, p.AverageFrom, spec));
        }),
        CheckDefinition.Of<KuramotoReductionParameters>("kuramoto-reduction", KuramotoReductionCheck.Create),
        CheckDefinition.Of<DistinctPotentialsExplorationParameters>("distinct-potentials-exploration", DistinctPotentialsExplorationCheck.Create),
    ];

    private static AdlerClosedForm Adler(CheckSite f, Problem p)
    {
        if (p is not KuramotoSpec spec) throw f.Error("id", "Adler's equation is checked on Kuramoto cases (\"model\": \"kuramoto\")");
        if (spec.Oscillators != 2) throw f.Error("id", $"Adler's equation is for N = 2; this case has N = {spec.Oscillators}");
        if (spec.Coupling < 0) throw f.Error("id", "Adler's closed form needs K ≥ 0");
        return AdlerClosedForm.FromProblem(spec.Kuramoto);
    }

    private static KuramotoSpec Lorentzian(CheckSite f, Problem p)
    {
        if (p is not KuramotoSpec { Lorentzian: not null } spec)
            throw f.Error("id", "the Lorentzian theory needs a Kuramoto case with \"frequencies\": { \"kind\": \"lorentzian\", ... }");
        return spec;
    }

    private static double AverageFrom(CheckSite f, double from, KuramotoSpec spec)
    {
        if (!(from >= 0 && from < spec.FinalTime)) throw f.Error("averageFrom", $"must lie in [0, T = {spec.FinalTime})");
        if (spec.SampleTimes.Count(t => t >= from) < 10) throw f.Error("averageFrom", "fewer than 10 samples to average; sample more often");
        return from;
    }
}
