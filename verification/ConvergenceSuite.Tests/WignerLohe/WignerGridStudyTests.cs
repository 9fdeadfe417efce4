using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Harness.WignerLohe;
using ConvergenceSuite.SeededBugs;
using NUnit.Framework;
using Shouldly;
using static ConvergenceSuite.Tests.WignerLohe.WignerTestCases;

namespace ConvergenceSuite.Tests.WignerLohe;

/// <summary>The closed-form W-L reference and the W-L grid study built on it: right solver passes, wrong solvers fail.</summary>
public class WignerGridStudyTests
{
    /// <summary>Gap between the continuum and the grid at t = 0 on M = 96, L = 28: the trapezoid rule on these Gaussians
    /// is exact to round-off (their tails at the box and p-range edges are below e^{−48}), so only round-off remains.</summary>
    private const double InitialAgreement = 1e-12;

    /// <summary>Relative L² error of the fields at which a run is at round-off: measured 2–3e-14 on M ≥ 80; a decade of margin
    /// for other FFT backends and CPUs.</summary>
    private const double RoundOffLevel = 1e-12;

    private const string Coherence = """ "coherences": [ { "pair": [0, 1], "coefficient": [0.6, 0.2] } ], """;

    private const string Study = """
        { "id": "wigner-grid-study", "grids": [24, 40, 56, 72, 88], "dt": 0.025, "dtReason": "sixth-order Yoshida below round-off", "alphaMin": 0.3 }
        """;

    private static CaseDefinition StudyCase() =>
        Case(MixedGaussians, Study, Coherence, final: 1.0, dt: 0.025, scheme: "yoshida6", points: 96, length: 28.0);

    private static CheckResult Report(CheckResult r)
    {
        TestContext.Out.WriteLine($"{r.CheckId}: {r.Verdict}: {r.Message}");
        return r;
    }

    [Test]
    public void ClosedForm_AtTimeZero_EqualsTheSampledData_AndItsGramMatrixTheDiscreteIntegrals()
    {
        var definition = StudyCase();
        var spec = (WignerLoheSpec)definition.Problem;
        var reference = ClosedFormWignerLohe.For(spec);
        var discrete = spec.Discretise([96]);
        var expected = reference.Fields(96, 0);
        var n = spec.Oscillators;
        for (var f = 0; f < n * n; f++)
            WignerGridStudyCheck.RelativeL2(discrete.Initial[f], expected[f]).ShouldBeLessThan(InitialAgreement, $"field {f}");
        var gram = reference.GramMatrix;
        for (var f = 0; f < n * n; f++)
            (discrete.Grid.Integral(discrete.Initial[f]) - gram[f]).Magnitude.ShouldBeLessThan(InitialAgreement, $"z_{f}(0)");
    }

    [Test]
    public void Bhattacharyya_MatchesQuadrature()
    {
        // ∫ √(N(u; a, s²) N(u; b, r²)) du by the midpoint rule on [−30, 30] (integrand < e^{−100} beyond).
        const double a = -0.8, s = 1.0, b = 0.6, r = 0.7, h = 1e-3;
        double sum = 0;
        for (var u = -30 + h / 2; u < 30; u += h)
            sum += Math.Sqrt(Math.Exp(-(u - a) * (u - a) / (2 * s * s)) / (Math.Sqrt(2 * Math.PI) * s)
                             * Math.Exp(-(u - b) * (u - b) / (2 * r * r)) / (Math.Sqrt(2 * Math.PI) * r)) * h;
        ClosedFormWignerLohe.Bhattacharyya(a, s, b, r).ShouldBe(sum, 1e-10);
    }

    [Test]
    public void GridStudy_CorrectSolver_PassesDownToRoundOff_WrongSolvers_Fail()
    {
        var definition = StudyCase();
        var check = definition.Checks.Single();
        var run = Run(definition);
        var ok = Report(check.Evaluate(new CheckContext(definition, run, new SpectralWignerLoheAdapter())));
        ok.Verdict.ShouldBe(Verdict.Pass);
        // Round-off level, measured 3e-14 (dt = 0.025: Yoshida6's time error, 6e-13 at dt = 0.05, is then below it).
        ok.Evidence["min_error"].ShouldBeLessThan(RoundOffLevel);
        ok.Evidence["alpha"].ShouldBeGreaterThan(0.3);
        // A wrong p-grid spacing in the data, and a wrong Θ[V] step: the error must not fall to the floor.
        foreach (var id in new[] { "wigner-p-grid-doubled", "wl-theta-full-displacement" })
        {
            var bug = SeededBugRegistry.All.Single(b => b.Id == id);
            var bad = Report(check.Evaluate(new CheckContext(definition, run, bug.Create())));
            bad.Verdict.ShouldBe(Verdict.Fail, id);
        }
    }

    [Test]
    public void GridStudy_PureData_RejectedAtLoad()
    {
        Should.Throw<CaseFileException>(() => Case(PureGaussians, Study, final: 1.0)).Message.ShouldContain("mixed");
    }
}
