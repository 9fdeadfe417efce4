using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using QuantumSync.Models.Kuramoto;

namespace ConvergenceSuite.Harness.Kuramoto;

/// <summary>The Kuramoto-level checks (issue 4): Adler, Lorentzian theory, the S-L → Kuramoto reduction and the
/// distinct-potentials exploration.</summary>
public sealed class KuramotoCheckModule : ICheckModule
{
    public IEnumerable<KeyValuePair<string, CheckFactory>> Factories => new Dictionary<string, CheckFactory>(StringComparer.Ordinal)
    {
        ["adler-locked-phase"] = (f, p) =>
        {
            var adler = Adler(f, p);
            if (!(Math.Abs(adler.FrequencyDifference) < adler.Coupling))
                throw f.Error("id", $"no stable locked phase: |ΔΩ| = {Math.Abs(adler.FrequencyDifference)} is not < K = {adler.Coupling} (use adler-slip-period)");
            return new AdlerLockedPhaseCheck(f.NumberOr("tolerance", AdlerLockedPhaseCheck.DefaultTolerance));
        },
        ["adler-slip-period"] = (f, p) =>
        {
            var adler = Adler(f, p);
            if (adler.IsLocked) throw f.Error("id", $"the pair locks: |ΔΩ| = {Math.Abs(adler.FrequencyDifference)} ≤ K = {adler.Coupling} (use adler-locked-phase)");
            return new AdlerSlipPeriodCheck(f.NumberOr("tolerance", AdlerSlipPeriodCheck.DefaultTolerance));
        },
        ["lorentzian-order-parameter"] = (f, p) =>
        {
            var spec = Lorentzian(f, p);
            if (!(spec.Coupling > LorentzianKuramoto.CriticalCoupling(spec.Lorentzian!.HalfWidth)))
                throw f.Error("id", $"K = {spec.Coupling} is not above K_c = 2γ = {2 * spec.Lorentzian.HalfWidth}: the self-consistent r∞ is 0 there");
            var band = f.Number("band");
            if (!(band > 0)) throw f.Error("band", "the band constant c must be positive");
            var from = AverageFrom(f, spec);
            var seeds = f.NumbersOr("seeds", [])!;
            if (seeds.Length > 0 && !spec.Lorentzian.Random) throw f.Error("seeds", "realisations need \"sampling\": \"random\" frequencies");
            if (seeds.Any(s => s != Math.Round(s) || Math.Abs(s) > int.MaxValue / 2)) throw f.Error("seeds", "seeds are integers");
            return new LorentzianOrderParameterCheck(band, from, seeds.Select(s => (int)s).ToArray());
        },
        ["lorentzian-critical-coupling"] = (f, p) =>
        {
            var spec = Lorentzian(f, p);
            var couplings = f.Numbers("couplings");
            if (couplings.Length < 3) throw f.Error("couplings", "a scan needs at least 3 couplings");
            for (var i = 1; i < couplings.Length; i++)
                if (!(couplings[i] > couplings[i - 1])) throw f.Error("couplings", "couplings must increase strictly");
            var threshold = f.NumberOr("threshold", 0.5);
            // The finite-N incoherent level is ≈ N^(−1/2); a threshold within a few of it would be crossed by noise.
            if (!(threshold < 1 && threshold >= 5 / Math.Sqrt(spec.Oscillators)))
                throw f.Error("threshold", $"r_thr must lie in [5/√N, 1) = [{5 / Math.Sqrt(spec.Oscillators):G3}, 1) to sit above the incoherent level; got {threshold}");
            var band = f.Number("band");
            if (!(band > 0)) throw f.Error("band", "the relative band must be positive");
            return new LorentzianCriticalCouplingCheck(couplings, threshold, band, AverageFrom(f, spec));
        },
        ["kuramoto-reduction"] = KuramotoReductionCheck.Create,
        ["distinct-potentials-exploration"] = DistinctPotentialsExplorationCheck.Create,
    };

    private static AdlerClosedForm Adler(JsonFields f, Problem p)
    {
        if (p is not KuramotoSpec spec) throw f.Error("id", "Adler's equation is checked on Kuramoto cases (\"model\": \"kuramoto\")");
        if (spec.Oscillators != 2) throw f.Error("id", $"Adler's equation is for N = 2; this case has N = {spec.Oscillators}");
        if (spec.Coupling < 0) throw f.Error("id", "Adler's closed form needs K ≥ 0");
        return AdlerClosedForm.FromProblem(spec.Kuramoto);
    }

    private static KuramotoSpec Lorentzian(JsonFields f, Problem p)
    {
        if (p is not KuramotoSpec { Lorentzian: not null } spec)
            throw f.Error("id", "the Lorentzian theory needs a Kuramoto case with \"frequencies\": { \"kind\": \"lorentzian\", ... }");
        return spec;
    }

    private static double AverageFrom(JsonFields f, KuramotoSpec spec)
    {
        var from = f.Number("averageFrom");
        if (!(from >= 0 && from < spec.FinalTime)) throw f.Error("averageFrom", $"must lie in [0, T = {spec.FinalTime})");
        if (spec.SampleTimes.Count(t => t >= from) < 10) throw f.Error("averageFrom", "fewer than 10 samples to average; sample more often");
        return from;
    }
}
