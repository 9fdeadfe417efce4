using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Harness.WignerLohe;
using NUnit.Framework;
using Shouldly;
using static ConvergenceSuite.Tests.WignerLohe.WignerTestCases;

namespace ConvergenceSuite.Tests.WignerLohe;

/// <summary>Every W-L check passes on a correct run and fails (or is inconclusive) on wrong data.</summary>
public class WignerLoheCheckTests
{
    /// <summary>A relative change of a field big enough to be seen by every 1e-8-level check, small enough to be subtle.</summary>
    private const double Perturbation = 1e-6;

    private static CheckResult Report(CheckResult r)
    {
        TestContext.Out.WriteLine($"{r.CheckId}: {r.Verdict}: {r.Message}");
        return r;
    }

    [Test]
    public void CrossLevel_SameSchemeReference_Passes_PerturbedCrossTerm_Fails_ExactReferenceAtCoarseStep_Fails()
    {
        var definition = Case(PureGaussians, """{ "id": "wigner-cross-level", "reference": "split-step", "tolerance": 1e-10 }""");
        var run = Run(definition);
        var ok = Report(Evaluate(definition, run));
        ok.Verdict.ShouldBe(Verdict.Pass);
        ok.Heatmaps!.Count.ShouldBe(9);
        Report(Evaluate(definition, Scaled(run, 1, Perturbation))).Verdict.ShouldBe(Verdict.Fail);
        // Strang at dt = 0.05 carries a time error ≈ 1e-4 against the exact-in-time reference: 1e-8 must fail.
        var exact = Case(PureGaussians, """{ "id": "wigner-cross-level", "reference": "exact", "tolerance": 1e-8 }""");
        Report(Evaluate(exact, Run(exact))).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void CrossLevel_MixedData_RejectedAtLoad() =>
        Should.Throw<CaseFileException>(() => Case(MixedGaussians, """{ "id": "wigner-cross-level", "tolerance": 1e-8 }""",
            extra: """ "coherences": [ { "pair": [0, 1], "coefficient": [0.6, 0.2] } ], """)).Message.ShouldContain("pure");

    [Test]
    public void TemporalOrder_StrangInItsWindow_Passes_ClaimedFourthOrder_Fails()
    {
        const string study = """ "dts": [0.2, 0.1, 0.05, 0.025], "final": 1.0 """;
        var second = Case(PureGaussians, $$"""{ "id": "wigner-temporal-order", {{study}}, "window": [1.8, 2.2] }""", final: 1.0);
        Report(Evaluate(second, Run(second))).Verdict.ShouldBe(Verdict.Pass);
        var fourth = Case(PureGaussians, $$"""{ "id": "wigner-temporal-order", {{study}}, "window": [3.5, 4.5] }""", final: 1.0);
        Report(Evaluate(fourth, Run(fourth))).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void TemporalOrder_WithoutWindow_UsesTheDeclaredOrder_AMisdeclaredOrderFails()
    {
        // spectral-wl declares strang at order 2: window 2 ± SchemeDeclarations.OrderTolerance, as the stated [1.8, 2.2] above.
        var definition = Case(PureGaussians, """{ "id": "wigner-temporal-order", "dts": [0.2, 0.1, 0.05, 0.025], "final": 1.0 }""", final: 1.0);
        var run = Run(definition);
        var declared = Report(Evaluate(definition, run));
        declared.Verdict.ShouldBe(Verdict.Pass);
        declared.Message.ShouldContain("[1.8, 2.2]");
        // The same solver declaring strang as fourth order: the observed ≈ 2 must fail 4 ± 0.2.
        var liar = new StrangClaimedFourth(new SpectralWignerLoheAdapter());
        var misdeclared = Report(definition.Checks.Single().Evaluate(new CheckContext(definition, run, liar)));
        misdeclared.Verdict.ShouldBe(Verdict.Fail);
        misdeclared.Message.ShouldContain("[3.8, 4.2]");
    }

    private sealed class StrangClaimedFourth(ISolverUnderTest inner) : ISolverUnderTest, IDeclaresSchemes
    {
        public string Name => inner.Name;
        public IReadOnlyCollection<ModelKind> Models => inner.Models;
        public IReadOnlyList<DeclaredScheme> Schemes { get; } = [new("strang", 4)];

        public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null,
            CancellationToken cancellation = default) => inner.Run(problem, resolution, storeStates, sampleTimes, cancellation);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Lemma41AndCorrelationOde_CorrectRun_Pass_PerturbedCorrelation_Fails(bool pure)
    {
        var oscillators = pure ? PureGaussians : MixedGaussians;
        var extra = pure ? "" : """ "coherences": [ { "pair": [0, 1], "coefficient": [0.6, 0.2] } ], """;
        foreach (var id in new[] { "wigner-lemma-4.1", "wigner-correlation-ode" })
        {
            var definition = Case(oscillators, $$"""{ "id": "{{id}}" }""", extra);
            var run = Run(definition);
            Report(Evaluate(definition, run)).Verdict.ShouldBe(Verdict.Pass);
            var wrong = WithCorrelations(run, (s, z) =>
            {
                if (s == 2) { z[1] += 1e-8; z[2] += 1e-8; }
                return z;
            });
            Report(Evaluate(definition, wrong)).Verdict.ShouldBe(Verdict.Fail);
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Theorem42ExactLaw_CorrectRun_Passes_PerturbedDiagonal_Fails(bool pure)
    {
        var oscillators = pure ? PureGaussians : MixedGaussians;
        var extra = pure ? "" : """ "coherences": [ { "pair": [0, 1], "coefficient": [0.6, 0.2] } ], """;
        var definition = Case(oscillators, """{ "id": "theorem-4.2" }""", extra, final: 4.0);
        var run = Run(definition);
        Report(Evaluate(definition, run)).Verdict.ShouldBe(Verdict.Pass);
        Report(Evaluate(definition, Scaled(run, 0, Perturbation))).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void Theorem42ExactLaw_DecorrelatedData_Inconclusive()
    {
        var definition = Case("""{ "kind": "gaussian", "center": [0.0], "width": 1.0 }, { "kind": "copy", "of": 0, "coefficient": [-1, 0] }""",
            """{ "id": "theorem-4.2" }""");
        Report(Evaluate(definition, Run(definition))).Verdict.ShouldBe(Verdict.Inconclusive);
    }

    /// <summary>
    /// FINDING (issue 3): Theorem 4.2 as printed, ‖w1 − w2‖² ≤ e^{−Kt}, fails for pure, nearly orthogonal Gaussians in
    /// d = 1: the exact law (met here to 1e-8) gives ‖w1 − w2‖² e^{Kt} → 4(1 − |z0|²)/(π|1 + z0|²) ≈ 4/π &gt; 1. The bound
    /// holds only up to a constant ("≲"). The same data pass the exact-law check, which rules out a solver error.
    /// </summary>
    [Test]
    public void Theorem42PrintedBound_NearlyOrthogonalPureData_FailsAsTheNumbersSay_OverlappingData_Pass()
    {
        const string separated = """
            { "kind": "gaussian", "center": [-3.0], "width": 1.0 },
            { "kind": "gaussian", "center": [3.0], "width": 1.0 }
            """;
        var definition = Case(separated, """{ "id": "theorem-4.2-printed-bound" }""", final: 6.0);
        var run = Run(definition);
        var printed = Report(Evaluate(definition, run));
        printed.Verdict.ShouldBe(Verdict.Fail);
        printed.Evidence["max_ratio_to_bound"].ShouldBeGreaterThan(1.2); // → 4/π·(1 + O(e^{−Kt}))^{−2}
        var exact = Case(separated, """{ "id": "theorem-4.2" }""", final: 6.0);
        Report(Evaluate(exact, run)).Verdict.ShouldBe(Verdict.Pass);

        var overlapping = Case(PureGaussians, """{ "id": "theorem-4.2-printed-bound" }""", final: 6.0);
        var good = Run(overlapping);
        Report(Evaluate(overlapping, good)).Verdict.ShouldBe(Verdict.Pass);
        // Wrong data: w1 inflated so that ‖w1 − w2‖² exceeds e^{−Kt}.
        Report(Evaluate(overlapping, Scaled(good, 0, 3.0))).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void MoyalLink_CorrectRun_Passes_PerturbedDiagonal_Fails_MixedData_RejectedAtLoad()
    {
        var definition = Case(PureGaussians, """{ "id": "moyal-link" }""");
        var run = Run(definition);
        Report(Evaluate(definition, run)).Verdict.ShouldBe(Verdict.Pass);
        // w2 rescaled together with nothing else: ‖w1 − w2‖² and z22 no longer match the Moyal identity.
        Report(Evaluate(definition, WithFields(run, (s, f) =>
        {
            if (s > 0) f[3] = f[3].Select((v, i) => v + Perturbation * f[0][i]).ToArray();
            return f;
        }))).Verdict.ShouldBe(Verdict.Fail);
        Should.Throw<CaseFileException>(() => Case(MixedGaussians, """{ "id": "moyal-link" }""")).Message.ShouldContain("pure");
    }

    private const string Antipodal = """{ "kind": "gaussian", "center": [0.4], "momentum": [0.2], "width": 1.1 }, { "kind": "copy", "of": 0, "coefficient": [-1, 0] }""";

    [Test]
    public void Remark3_AntipodalPureData_Passes_BrokenAntipodality_Fails_GenericData_Inconclusive()
    {
        var definition = Case(Antipodal, """{ "id": "remark-3" }""");
        var run = Run(definition);
        Report(Evaluate(definition, run)).Verdict.ShouldBe(Verdict.Pass);
        Report(Evaluate(definition, Scaled(run, 1, Perturbation))).Verdict.ShouldBe(Verdict.Fail);
        var generic = Case(PureGaussians, """{ "id": "remark-3" }""");
        Report(Evaluate(generic, Run(generic))).Verdict.ShouldBe(Verdict.Inconclusive);
    }

    [Test]
    public void Remark3_AntipodalMixedData_Passes()
    {
        var definition = Case("""
            { "kind": "phase-space-gaussian", "center": [0.4], "momentum": [0.2], "sigmaX": 1.0, "sigmaP": 0.7 },
            { "kind": "phase-space-gaussian", "center": [0.4], "momentum": [0.2], "sigmaX": 1.0, "sigmaP": 0.7 }
            """, """{ "id": "remark-3" }""", """ "coherences": [ { "pair": [0, 1], "coefficient": [-1, 0] } ], """);
        Report(Evaluate(definition, Run(definition))).Verdict.ShouldBe(Verdict.Pass);
    }

    [Test]
    public void Remark3_MixedData_WrongFreeFlow_Fails_WithoutRunningTheSolverUnderTest()
    {
        var definition = Case("""
            { "kind": "phase-space-gaussian", "center": [0.4], "momentum": [0.2], "sigmaX": 1.0, "sigmaP": 0.7 },
            { "kind": "phase-space-gaussian", "center": [0.4], "momentum": [0.2], "sigmaX": 1.0, "sigmaP": 0.7 }
            """, """{ "id": "remark-3" }""", """ "coherences": [ { "pair": [0, 1], "coefficient": [-1, 0] } ], """);
        var spec = (WignerLoheSpec)definition.Problem;
        // A solver whose free flow is wrong (trap frequency 0.55 instead of 0.5) but keeps z = −1 and antipodality
        // exactly: only a free-flow reference that is not the same solver's K = 0 run can see it.
        var wrongSpec = new WignerLoheSpec(spec.Lengths, spec.GridPoints, spec.Coupling, QuantumSync.Models.Potentials.Potential.Harmonic(0.55),
            spec.Pure, spec.Mixed, spec.Coherences, spec.Normalise, spec.FinalTime, spec.SampleTimes);
        var wrong = new SpectralWignerLoheAdapter().Run(wrongSpec, definition.Resolution, storeStates: true);
        var check = definition.Checks.Single();
        var good = check.Evaluate(new CheckContext(definition, Run(definition), new RefusingSolver()));
        Report(good).Verdict.ShouldBe(Verdict.Pass);
        good.Evidence["max_rel_vs_exact_free_flow"].ShouldBeLessThan(Remark3Check.DefaultFreeTolerance);
        var bad = Report(check.Evaluate(new CheckContext(definition, wrong, new RefusingSolver())));
        bad.Verdict.ShouldBe(Verdict.Fail);
        bad.Evidence["max_abs_z_plus_1"].ShouldBeLessThan(1e-12);
    }

    /// <summary>A solver that must not be run: the check under test has to take its reference elsewhere.</summary>
    private sealed class RefusingSolver : ISolverUnderTest
    {
        public string Name => "refusing";
        public IReadOnlyCollection<ModelKind> Models => [ModelKind.WignerLohe];
        public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null,
            CancellationToken cancellation = default) => throw new InvalidOperationException("the check ran the solver under test");
    }

    [Test]
    public void Remark3Growth_SeededPerturbation_GrowsAtRateK_WrongRate_Fails()
    {
        var definition = Case("""
            { "kind": "phase-space-gaussian", "center": [0.4], "momentum": [0.2], "sigmaX": 1.0, "sigmaP": 0.7 },
            { "kind": "phase-space-gaussian", "center": [0.4], "momentum": [0.2], "sigmaX": 1.0, "sigmaP": 0.7 }
            """, """{ "id": "remark-3-growth" }""", """ "coherences": [ { "pair": [0, 1], "coefficient": [-0.9999999999, 0] } ], """,
            final: 20.0, dt: 0.1, sampleEvery: 0.5);
        var run = Run(definition);
        var ok = Report(Evaluate(definition, run));
        ok.Verdict.ShouldBe(Verdict.Pass);
        // A perturbation that grows 10 % too fast.
        var wrong = WithCorrelations(run, (s, z) =>
        {
            var delta = Complex.Abs(1 + z[1]) * Math.Exp(0.1 * run.Times[s]);
            z[1] = z[2] = delta - 1;
            return z;
        });
        Report(Evaluate(definition, wrong)).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void Leakage_CorrectRun_Passes_MassAtTheEdge_Fails_DataAtTheEdge_RejectedAtLoad()
    {
        var definition = Case(PureGaussians, """{ "id": "phase-space-leakage" }""");
        var run = Run(definition);
        Report(Evaluate(definition, run)).Verdict.ShouldBe(Verdict.Pass);
        // A bump at the x-edge of w1 (first x-block) in the last sample.
        Report(Evaluate(definition, WithFields(run, (s, f) =>
        {
            if (s == run.Times.Count - 1) f[0][32] += 1e-6;
            return f;
        }))).Verdict.ShouldBe(Verdict.Fail);
        Should.Throw<CaseFileException>(() => Case("""{ "kind": "gaussian", "center": [14.0], "width": 1.0 }""", """{ "id": "phase-space-leakage" }"""))
            .Message.ShouldContain("edge");
    }
}
