using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.Harness.Summary;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Checks;

/// <summary>
/// Each check passes on a correct trajectory and fails on a deliberately wrong one. The wrong data are
/// small, physically meaningful defects: a perturbation far above the check's tolerance but far below what
/// a casual look would notice.
/// </summary>
public class CheckTests
{
    /// <summary>A defect of this size is 100× the default tolerances of the z-based checks (1e-10 … 1e-9).</summary>
    private const double Defect = 1e-7;

    private static CheckResult Evaluate(Harness.Cases.CaseDefinition definition, Trajectory trajectory, string checkId)
    {
        var check = definition.Checks.Single(c => c.Id == checkId);
        var result = check.Evaluate(new CheckContext(definition, trajectory, new SplitStepAdapter()));
        TestContext.Out.WriteLine($"{checkId}: {result.Verdict}: {result.Message}");
        return result;
    }

    [Test]
    public void NormConservation_CorrectRun_Passes_ScaledState_Fails_NaN_Fails()
    {
        var c = TestCases.Small(2, """{ "id": "norm-conservation" }""");
        var good = TestCases.Run(c);
        Evaluate(c, good, "norm-conservation").Verdict.ShouldBe(Verdict.Pass);
        var scaled = TestCases.WithStates(good, (s, p) => s == 7 ? p.Select(a => a.Select(v => v * (1 + Defect)).ToArray()).ToArray() : p);
        Evaluate(c, scaled, "norm-conservation").Verdict.ShouldBe(Verdict.Fail);
        var nan = TestCases.WithStates(good, (s, p) => { if (s == 3) p[1][5] = new Complex(double.NaN, 0); return p; });
        Evaluate(c, nan, "norm-conservation").Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void HermitianCorrelation_AsymmetricOrUnconjugated_Fails()
    {
        var c = TestCases.Small(3, """{ "id": "hermitian-correlation" }""");
        var good = TestCases.Run(c);
        Evaluate(c, good, "hermitian-correlation").Verdict.ShouldBe(Verdict.Pass);
        var asymmetric = TestCases.WithCorrelations(good, (s, z) => { if (s == 4) z[1] += Defect; return z; });
        Evaluate(c, asymmetric, "hermitian-correlation").Verdict.ShouldBe(Verdict.Fail);
        // A solver whose inner product forgets the conjugation: z_jk = Σ ψ_j ψ_k dx.
        var unconjugated = TestCases.WithCorrelations(good, (s, z) =>
        {
            var states = good.States![s];
            var dv = good.Grid!.CellVolume;
            for (var j = 0; j < 3; j++)
            for (var k = 0; k < 3; k++)
                z[j * 3 + k] = states[j].Zip(states[k], (a, b) => a * b).Aggregate(Complex.Zero, (x, y) => x + y) * dv;
            return z;
        });
        Evaluate(c, unconjugated, "hermitian-correlation").Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void CorrelationPsd_CorrectRun_Passes_ModulusAboveOne_Fails_IndefiniteMatrix_Fails()
    {
        var c = TestCases.Small(3, """{ "id": "correlation-psd" }""");
        var good = TestCases.Run(c);
        var pass = Evaluate(c, good, "correlation-psd");
        pass.Verdict.ShouldBe(Verdict.Pass);
        // |z_12| = 1 + 1e-7 at one sample (Hermitian kept): outside the unit disc.
        var large = TestCases.WithCorrelations(good, (s, z) =>
        {
            if (s == 5) { z[1] = z[3] = 1 + Defect; }
            return z;
        });
        var largeResult = Evaluate(c, large, "correlation-psd");
        largeResult.Verdict.ShouldBe(Verdict.Fail);
        largeResult.Evidence["max_modulus_excess"].ShouldBe(Defect, 1e-12);
        // Hermitian with every |z_jk| ≤ 1 but indefinite: z12 = z13 = 0.9, z23 = −0.9 has eigenvalue 1 − 1.8 < 0.
        var indefinite = TestCases.WithCorrelations(good, (s, z) =>
        {
            if (s != 8) return z;
            z = [1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1];
            return z;
        });
        var indefiniteResult = Evaluate(c, indefinite, "correlation-psd");
        indefiniteResult.Verdict.ShouldBe(Verdict.Fail);
        indefiniteResult.Evidence["min_eigenvalue"].ShouldBe(-0.8, 1e-12);
        indefiniteResult.Evidence["max_modulus_excess"].ShouldBeLessThanOrEqualTo(1e-12);
    }

    [Test]
    public void Lemma41_PerturbedOrWrongCoupling_Fails()
    {
        var c = TestCases.Small(2, """{ "id": "lemma-4.1" }""");
        var good = TestCases.Run(c);
        Evaluate(c, good, "lemma-4.1").Verdict.ShouldBe(Verdict.Pass);
        var perturbed = TestCases.WithCorrelations(good, (s, z) => { if (s == 10) z[1] += Defect; return z; });
        Evaluate(c, perturbed, "lemma-4.1").Verdict.ShouldBe(Verdict.Fail);
        // The trajectory of K = 0.9 judged as if K = 1 (a coupling off by 10 %).
        var other = TestCases.Run(TestCases.Small(2, """{ "id": "lemma-4.1" }""", coupling: 0.9));
        Evaluate(c, other, "lemma-4.1").Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void CorrelationOde_PerturbedOrWrongCoupling_Fails()
    {
        var c = TestCases.Small(4, """{ "id": "correlation-ode" }""");
        var good = TestCases.Run(c);
        Evaluate(c, good, "correlation-ode").Verdict.ShouldBe(Verdict.Pass);
        var perturbed = TestCases.WithCorrelations(good, (s, z) => { if (s == 12) z[7] += new Complex(0, Defect); return z; });
        Evaluate(c, perturbed, "correlation-ode").Verdict.ShouldBe(Verdict.Fail);
        var other = TestCases.Run(TestCases.Small(4, """{ "id": "correlation-ode" }""", coupling: 2.0));
        Evaluate(c, other, "correlation-ode").Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void Theorem24_CorrectDecay_Passes_SlowDecay_Fails_Condition12Violated_Inconclusive()
    {
        var c = TestCases.Small(3, """{ "id": "theorem-2.4" }""", dt: 0.02, final: 10.0, coupling: 2.0, scheme: "strang");
        var good = TestCases.Run(c);
        var pass = Evaluate(c, good, "theorem-2.4");
        pass.Verdict.ShouldBe(Verdict.Pass);
        pass.Evidence["fitted_rate"].ShouldBe(2.0, 0.02);
        // Decay at 80 % of the claimed rate: 1 − z ↦ (1 − z)·e^{+0.2 K t}.
        var slow = TestCases.WithCorrelations(good, (s, z) =>
            z.Select(v => 1 - (1 - v) * Math.Exp(0.2 * 2.0 * good.Times[s])).ToArray());
        Evaluate(c, slow, "theorem-2.4").Verdict.ShouldBe(Verdict.Fail);
        // Decay at 120 % of the rate: the test is two-sided.
        var fast = TestCases.WithCorrelations(good, (s, z) =>
            z.Select(v => 1 - (1 - v) * Math.Exp(-0.2 * 2.0 * good.Times[s])).ToArray());
        Evaluate(c, fast, "theorem-2.4").Verdict.ShouldBe(Verdict.Fail);
        // z frozen at z(0): the solver's distance never enters the fit window, but the correlation ODE's does — Fail,
        // not Inconclusive.
        var frozen = TestCases.WithCorrelations(good, (_, _) => good.Correlations[0].ToArray());
        var frozenResult = Evaluate(c, frozen, "theorem-2.4");
        frozenResult.Verdict.ShouldBe(Verdict.Fail);
        frozenResult.Evidence["ode_samples_in_window"].ShouldBeGreaterThanOrEqualTo(3);
        // ψ_2 = −ψ_1 = −ψ_3 breaks condition (12) for j = 2: Σ_k Re z_2k(0) = 1 − 1 − 1 < 0.
        var violated = TestCases.Small(3, """{ "id": "theorem-2.4" }""", dt: 0.02, final: 2.0, coupling: 2.0, scheme: "strang");
        var spec = (SchrodingerLoheSpec)violated.Problem;
        var same = new SchrodingerLoheSpec(spec.Lengths, spec.GridPoints, spec.Coupling, spec.Potentials,
            [spec.Initial[0], new StateRecipe("−ψ_0", (g, prev) => prev[0].Select(v => -v).ToArray()), spec.Initial[0]],
            true, spec.FinalTime, spec.SampleTimes);
        var definition = violated with { Problem = same };
        Evaluate(definition, TestCases.Run(definition), "theorem-2.4").Verdict.ShouldBe(Verdict.Inconclusive);
    }

    [Test]
    public void ExactReference_CorrectRun_Passes_FirstOrderScheme_Fails_PerturbedState_Fails()
    {
        var c = TestCases.Small(3, """{ "id": "exact-reference", "tolerance": 1e-8 }""", dt: 0.01);
        var good = TestCases.Run(c);
        Evaluate(c, good, "exact-reference").Verdict.ShouldBe(Verdict.Pass);
        var lie = TestCases.Small(3, """{ "id": "exact-reference", "tolerance": 1e-8 }""", scheme: "lie", dt: 0.01);
        Evaluate(c, TestCases.Run(lie), "exact-reference").Verdict.ShouldBe(Verdict.Fail);
        var perturbed = TestCases.WithStates(good, (s, p) => { if (s == 15) p[2][30] += Defect; return p; });
        Evaluate(c, perturbed, "exact-reference").Verdict.ShouldBe(Verdict.Fail);
    }

    /// <summary>V_j = V + Ω_j on a non-square 2-D box (the solver's general path): the real solver passes; the same solver
    /// run without the offsets (identical potentials: the phases e^{−iΩ_j t} missing) and a run with the box lengths of
    /// the two axes exchanged both fail.</summary>
    [Test]
    public void ExactReference_PotentialsEqualUpToConstants_CorrectRunPasses_WrongRunsFail()
    {
        var c = CaseLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "cases", "sl-2d-n2-rect-shifted.json"));
        var spec = (SchrodingerLoheSpec)c.Problem;
        spec.IdenticalPotentials.ShouldBeFalse();
        var good = Evaluate(c, TestCases.Run(c), "exact-reference");
        TestContext.Out.WriteLine(good.Message);
        good.Verdict.ShouldBe(Verdict.Pass);

        var noOffsets = new SchrodingerLoheSpec(spec.Lengths, spec.GridPoints, spec.Coupling, [spec.Potentials[0], spec.Potentials[0]],
            spec.Initial, spec.Normalise, spec.FinalTime, spec.SampleTimes);
        var wrong = Evaluate(c, TestCases.Run(c with { Problem = noOffsets }), "exact-reference");
        TestContext.Out.WriteLine(wrong.Message);
        wrong.Verdict.ShouldBe(Verdict.Fail);

        var swapped = new SchrodingerLoheSpec([spec.Lengths[1], spec.Lengths[0]], spec.GridPoints, spec.Coupling, spec.Potentials,
            spec.Initial, spec.Normalise, spec.FinalTime, spec.SampleTimes);
        var run = TestCases.Run(c with { Problem = swapped });
        // The states live on the same number of points; only the box (wavenumbers, cell volume, V, data) differs.
        var wrongBox = Evaluate(c, run, "exact-reference");
        TestContext.Out.WriteLine(wrongBox.Message);
        wrongBox.Verdict.ShouldBe(Verdict.Fail);
    }

    /// <summary>The closed-form packet reference on the same case: the real solver passes with the error of exact-reference
    /// (the spatial error is negligible), a run without the offsets and a run with the potential's centre on the wrong
    /// axis fail; the check refuses data that are not plain Gaussians.</summary>
    [Test]
    public void AnalyticReference_CorrectRunPasses_WrongRunsFail()
    {
        var c = CaseLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "cases", "sl-2d-n2-rect-shifted.json"));
        var spec = (SchrodingerLoheSpec)c.Problem;
        var run = TestCases.Run(c);
        var good = Evaluate(c, run, "analytic-reference");
        TestContext.Out.WriteLine(good.Message);
        good.Verdict.ShouldBe(Verdict.Pass);
        good.Evidence["max_relative_l2_error"].ShouldBe(Evaluate(c, run, "exact-reference").Evidence["max_relative_l2_error"], 1e-9);

        var noOffsets = new SchrodingerLoheSpec(spec.Lengths, spec.GridPoints, spec.Coupling, [spec.Potentials[0], spec.Potentials[0]],
            spec.Initial, spec.Normalise, spec.FinalTime, spec.SampleTimes);
        Evaluate(c, TestCases.Run(c with { Problem = noOffsets }), "analytic-reference").Verdict.ShouldBe(Verdict.Fail);

        var shifted = spec.Potentials.Select(v => QuantumSync.Models.Potentials.Potential.Harmonic(v.HarmonicOmegas!, [v.HarmonicCenter![1], v.HarmonicCenter[0]], v.HarmonicOffset)).ToArray();
        var wrongCentre = new SchrodingerLoheSpec(spec.Lengths, spec.GridPoints, spec.Coupling, shifted,
            spec.Initial, spec.Normalise, spec.FinalTime, spec.SampleTimes);
        var wrong = Evaluate(c, TestCases.Run(c with { Problem = wrongCentre }), "analytic-reference");
        TestContext.Out.WriteLine(wrong.Message);
        wrong.Verdict.ShouldBe(Verdict.Fail);

        var notGaussian = new SchrodingerLoheSpec(spec.Lengths, spec.GridPoints, spec.Coupling, spec.Potentials,
            [spec.Initial[0], new StateRecipe("copy", (_, prev) => prev[0].ToArray())], spec.Normalise, spec.FinalTime, spec.SampleTimes);
        AnalyticReferenceCheck.NotApplicable(notGaussian).ShouldNotBeNull().ShouldContain("plain Gaussian");
    }

    /// <summary>The grid study against the closed-form solution on a non-square box: the real solver converges
    /// spectrally; the solver whose every axis takes the first axis' wavenumbers does not converge to the truth.</summary>
    [Test]
    public void GridStudy_AnalyticReference_RealSolverConverges_WrongWavenumbersFail()
    {
        var c = CaseLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "cases", "study-sl-2d-grid-analytic.json"));
        var check = c.Checks.Single();
        var run = TestCases.Run(c);
        var good = check.Evaluate(new CheckContext(c, run, new SplitStepAdapter()));
        TestContext.Out.WriteLine(good.Message);
        good.Verdict.ShouldBe(Verdict.Pass);
        var bug = ConvergenceSuite.SeededBugs.SeededBugRegistry.All.Single(b => b.Id == "wavenumbers-first-axis").Create();
        var wrong = check.Evaluate(new CheckContext(c, bug.Run(c.Problem, c.Resolution, c.StoreStates), bug));
        TestContext.Out.WriteLine(wrong.Message);
        wrong.Verdict.ShouldBe(Verdict.Fail);
    }
}

public class TemporalOrderCheckTests
{
    private static CheckResult Study(string scheme, string dts, string window)
    {
        var c = TestCases.Small(2, $$"""{ "id": "temporal-order", "dts": [{{dts}}], "window": {{window}}, "final": 1.0 }""", scheme: scheme);
        var result = c.Checks.Single().Evaluate(new CheckContext(c, TestCases.Run(c), new SplitStepAdapter()));
        TestContext.Out.WriteLine($"{result.Verdict}: {result.Message}");
        return result;
    }

    [Test]
    public void TemporalOrder_LieInItsOwnWindow_Passes() =>
        Study("lie", "0.04, 0.02, 0.01, 0.005, 0.0025", "[0.9, 1.1]").Verdict.ShouldBe(Verdict.Pass);

    [Test]
    public void TemporalOrder_LieClaimedAsSecondOrder_Fails() =>
        Study("lie", "0.04, 0.02, 0.01, 0.005, 0.0025", "[1.9, 2.1]").Verdict.ShouldBe(Verdict.Fail);

    [Test]
    public void TemporalOrder_StrangClaimedAsFourthOrder_Fails() =>
        Study("strang", "0.1, 0.05, 0.025, 0.0125", "[3.8, 4.2]").Verdict.ShouldBe(Verdict.Fail);
}
