using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using static ConvergenceSuite.Harness.WignerLohe.WignerCheckData;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>The Wigner-Lohe checks (issue 3). Each factory refuses a case it cannot apply to, at load time.</summary>
public sealed class WignerLoheCheckModule : ICheckModule
{
    public IEnumerable<KeyValuePair<string, CheckFactory>> Factories => new Dictionary<string, CheckFactory>(StringComparer.Ordinal)
    {
        ["phase-space-leakage"] = (f, p) =>
        {
            RequireWignerLohe(f, p, "the phase-space leakage monitor");
            return new PhaseSpaceLeakageCheck(f.NumberOr("tolerance", PhaseSpaceLeakageCheck.DefaultTolerance));
        },
        ["wigner-cross-level"] = CrossLevelCheck.Create,
        ["wigner-temporal-order"] = WignerTemporalOrderCheck.Create,
        [WignerGridStudyCheck.CheckId] = WignerGridStudyCheck.Create,
        ["wigner-lemma-4.1"] = (f, p) =>
        {
            RequireNormalisedPair(f, p, "Lemma 4.1");
            return new WignerLemma41Check(f.NumberOr("tolerance", WignerLemma41Check.DefaultTolerance));
        },
        ["wigner-correlation-ode"] = (f, p) =>
        {
            RequireWignerLohe(f, p, "the correlation ODE");
            if (!((WignerLoheSpec)p).Normalise) throw f.Error("id", "the correlation ODE assumes normalised data (z_jj = 1)");
            return new WignerCorrelationOdeCheck(f.NumberOr("tolerance", WignerCorrelationOdeCheck.DefaultTolerance));
        },
        ["theorem-4.2"] = (f, p) =>
        {
            RequireNormalisedPair(f, p, "Theorem 4.2");
            return new Theorem42Check(f.NumberOr("tolerance", Theorem42Check.DefaultTolerance));
        },
        ["theorem-4.2-printed-bound"] = (f, p) =>
        {
            RequireNormalisedPair(f, p, "Theorem 4.2");
            return new Theorem42PrintedBoundCheck();
        },
        ["moyal-link"] = (f, p) =>
        {
            RequirePure(f, p, "the Moyal link");
            return new MoyalLinkCheck(f.NumberOr("tolerance", MoyalLinkCheck.DefaultTolerance));
        },
        ["remark-3"] = Remark3Check.Create,
        ["remark-3-growth"] = (f, p) =>
        {
            RequireNormalisedPair(f, p, "Remark 3");
            return new Remark3GrowthCheck(f.NumberOr("rateTolerance", Remark3GrowthCheck.DefaultRelativeRateTolerance));
        },
    };

    internal static void RequireNormalisedPair(JsonFields f, Problem p, string what)
    {
        RequireWignerLohe(f, p, what);
        if (p.Oscillators != 2) throw f.Error("id", $"{what} is for N = 2; this case has N = {p.Oscillators}");
        if (!((WignerLoheSpec)p).Normalise) throw f.Error("id", $"{what} assumes ∫∫ w1 = ∫∫ w2 = 1 (normalise: true)");
    }
}
