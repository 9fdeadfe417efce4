using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Checks;
using static ConvergenceSuite.Harness.WignerLohe.WignerCheckData;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>The Wigner-Lohe checks (issue 3). Each factory refuses a case it cannot apply to, at load time.</summary>
public sealed class WignerLoheCheckModule : ICheckModule
{
    /// <inheritdoc />
    public IEnumerable<CheckDefinition> Checks =>
    [
        CheckDefinition.Of<PhaseSpaceLeakageParameters>("phase-space-leakage", (p, f, problem) =>
        {
            RequireWignerLohe(f, problem, "the phase-space leakage monitor");
            return new PhaseSpaceLeakageCheck(p.Tolerance);
        }),
        CheckDefinition.Of<WignerCrossLevelParameters>("wigner-cross-level", CrossLevelCheck.Create),
        CheckDefinition.Of<WignerTemporalOrderParameters>("wigner-temporal-order", WignerTemporalOrderCheck.Create),
        CheckDefinition.Of<WignerGridStudyParameters>(WignerGridStudyCheck.CheckId, WignerGridStudyCheck.Create),
        CheckDefinition.Of<WignerLemma41Parameters>("wigner-lemma-4.1", (p, f, problem) =>
        {
            RequireNormalisedPair(f, problem, "Lemma 4.1");
            return new WignerLemma41Check(p.Tolerance);
        }),
        CheckDefinition.Of<WignerCorrelationOdeParameters>("wigner-correlation-ode", (p, f, problem) =>
        {
            RequireWignerLohe(f, problem, "the correlation ODE");
            if (!((WignerLoheSpec)problem).Normalise) throw f.Error("id", "the correlation ODE assumes normalised data (z_jj = 1)");
            return new WignerCorrelationOdeCheck(p.Tolerance);
        }),
        CheckDefinition.Of<Theorem42Parameters>("theorem-4.2", (p, f, problem) =>
        {
            RequireNormalisedPair(f, problem, "Theorem 4.2");
            return new Theorem42Check(p.Tolerance);
        }),
        CheckDefinition.Of<Theorem42PrintedBoundParameters>("theorem-4.2-printed-bound", (_, f, problem) =>
        {
            RequireNormalisedPair(f, problem, "Theorem 4.2");
            return new Theorem42PrintedBoundCheck();
        }),
        CheckDefinition.Of<MoyalLinkParameters>("moyal-link", (p, f, problem) =>
        {
            RequirePure(f, problem, "the Moyal link");
            return new MoyalLinkCheck(p.Tolerance);
        }),
        CheckDefinition.Of<Remark3Parameters>("remark-3", Remark3Check.Create),
        CheckDefinition.Of<Remark3GrowthParameters>("remark-3-growth", (p, f, problem) =>
        {
            RequireNormalisedPair(f, problem, "Remark 3");
            return new Remark3GrowthCheck(p.RateTolerance);
        }),
    ];

    internal static void RequireNormalisedPair(CheckSite f, Problem p, string what)
    {
        RequireWignerLohe(f, p, what);
        if (p.Oscillators != 2) throw f.Error("id", $"{what} is for N = 2; this case has N = {p.Oscillators}");
        if (!((WignerLoheSpec)p).Normalise) throw f.Error("id", $"{what} assumes ∫∫ w1 = ∫∫ w2 = 1 (normalise: true)");
    }
}
