using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Kuramoto;
using NUnit.Framework;
using QuantumSync.Models.Kuramoto;
using Shouldly;
using static ConvergenceSuite.Tests.Kuramoto.KuramotoTestCases;

namespace ConvergenceSuite.Tests.Kuramoto;

/// <summary>The "kuramoto" model reader and the solver adapter.</summary>
public class KuramotoReaderTests
{
    [Test]
    public void Reader_ExplicitLists_BuildTheProblem()
    {
        var c = Adler(0.7, 1.0, """{ "id": "adler-locked-phase" }""");
        var spec = c.Problem.ShouldBeOfType<KuramotoSpec>();
        spec.Model.ShouldBe(ModelKind.Kuramoto);
        spec.Kuramoto.NaturalFrequencies.ToArray().ShouldBe([0.3, 1.0], 1e-15);
        spec.Kuramoto.InitialPhases.ToArray().ShouldBe([0.0, 2.5]);
        c.Resolution.ShouldBe(new Resolution("rk4", 0.01));
        spec.SampleTimes.Count.ShouldBe(1201);
    }

    [Test]
    public void Reader_LorentzianQuantiles_AreTheLibrarySample()
    {
        var c = KuramotoCase(50, 2.0, """
            "frequencies": { "kind": "lorentzian", "gamma": 0.5, "centre": 0.2, "sampling": "quantile" },
            "phases": { "kind": "uniform-random", "seed": 2 }, "time": { "final": 1.0, "dt": 0.1, "sampleEvery": 0.1 }
            """, """{ "id": "lorentzian-order-parameter", "band": 1.0, "averageFrom": 0.0 }""");
        var spec = (KuramotoSpec)c.Problem;
        spec.Kuramoto.NaturalFrequencies.ToArray().ShouldBe(LorentzianKuramoto.QuantileFrequencies(50, 0.5, 0.2));
        spec.Kuramoto.InitialPhases.ToArray().ShouldBe(LorentzianKuramoto.UniformRandomPhases(50, 2));
    }

    [TestCase("\"frequencies\": [1.0], \"phases\": [0.0, 0.0], \"time\": { \"final\": 1.0, \"dt\": 0.1 }", "$.frequencies")]
    [TestCase("\"frequencies\": [1.0, 2.0], \"phases\": [0.0, 0.0], \"time\": { \"final\": 1.0, \"dt\": 0.1 }, \"scheme\": \"dopri5\"", "$.time.dt")]
    [TestCase("\"frequencies\": [1.0, 2.0], \"phases\": [0.0, 0.0], \"time\": { \"final\": 1.0, \"dt\": 0.1 }, \"tolerances\": { \"absolute\": 1e-9 }", "$.tolerances")]
    [TestCase("\"frequencies\": { \"kind\": \"lorentzian\", \"gamma\": 0.5, \"sampling\": \"random\", \"seed\": 3 }, \"phases\": { \"kind\": \"uniform-random\", \"seed\": 3 }, \"time\": { \"final\": 1.0, \"dt\": 0.1 }", "$.phases.seed")]
    [TestCase("\"frequencies\": [1.0, 3.0], \"phases\": [0.0, 0.0], \"time\": { \"final\": 1.0, \"dt\": 0.1 }, \"grid\": {}", "$.grid")]
    public void Reader_BadField_IsRejectedNamingIt(string fields, string path)
    {
        var e = Should.Throw<CaseFileException>(() => KuramotoCase(2, 1.0, fields, """{ "id": "adler-slip-period" }"""));
        TestContext.Out.WriteLine(e.Message);
        e.JsonPath.ShouldBe(path);
    }

    [Test]
    public void Adapter_Correlations_AreUnitPhasorsOfPhaseDifferences()
    {
        var c = KuramotoCase(3, 0.8, """ "frequencies": [-0.4, 0.1, 0.9], "phases": [0.0, 1.0, -2.0], "time": { "final": 5.0, "dt": 0.01, "sampleEvery": 0.5 } """,
            """{ "id": "hermitian-correlation" }""");
        var trajectory = Run(c);
        var phases = trajectory.Payload.ShouldBeOfType<KuramotoTrajectory>().Phases;
        trajectory.Times.Count.ShouldBe(11);
        trajectory.Grid.ShouldBeNull();
        for (var s = 0; s < trajectory.Times.Count; s++)
        for (var j = 0; j < 3; j++)
        for (var k = 0; k < 3; k++)
            Complex.Abs(trajectory.Z(s, j, k) - Complex.Exp(Complex.ImaginaryOne * (phases[s][j] - phases[s][k]))).ShouldBeLessThan(1e-14);
        Evaluate(c, trajectory).Verdict.ShouldBe(Verdict.Pass);
    }
}

/// <summary>Adler's equation: locked phase and slip period against the closed form, and wrong data failing.</summary>
public class AdlerCheckTests
{
    /// <summary>A phase defect of 1e-6 rad is 100× the 1e-8 relative tolerance on |φ*| ≈ 0.78.</summary>
    private const double PhaseDefect = 1e-6;

    [Test]
    public void AdlerLockedPhase_CorrectRun_Passes_ShiftedPhase_Fails()
    {
        var c = Adler(0.7, 1.0, """{ "id": "adler-locked-phase" }""");
        var good = Run(c);
        var pass = Evaluate(c, good);
        pass.Verdict.ShouldBe(Verdict.Pass);
        pass.Evidence["relative_error"].ShouldBeLessThan(1e-10);
        var shifted = WithPayload(good, k => k with { Phases = ChangePhases(k, (s, p) => { if (s == k.Times.Length - 1) p[1] += PhaseDefect; return p; }) });
        Evaluate(c, shifted).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void AdlerLockedPhase_WrongTransientRightEndPoint_Fails()
    {
        var c = Adler(0.7, 1.0, """{ "id": "adler-locked-phase" }""");
        var good = Run(c);
        Evaluate(c, good).Evidence["trajectory_max_relative_error"].ShouldBeLessThan(1e-10);
        // The end point is untouched (it alone still passes); only the transient at t = 3 is off by 1e-6.
        var transient = WithPayload(good, k => k with { Phases = ChangePhases(k, (s, p) => { if (s == 60) p[1] += PhaseDefect; return p; }) });
        var result = Evaluate(c, transient);
        result.Evidence["relative_error"].ShouldBeLessThan(1e-10);
        result.Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void AdlerLockedPhase_RunOfAnotherCoupling_Fails()
    {
        var c = Adler(0.7, 1.0, """{ "id": "adler-locked-phase" }""");
        // The K = 1.001 run judged against K = 1: φ* moves by ≈ 1.4e-3 relative.
        Evaluate(c, Run(Adler(0.7, 1.001, """{ "id": "adler-locked-phase" }"""))).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void AdlerLockedPhase_RunTooShortToLock_IsInconclusive() =>
        Evaluate(Adler(0.7, 1.0, """{ "id": "adler-locked-phase" }""", final: 5.0), Run(Adler(0.7, 1.0, """{ "id": "adler-locked-phase" }""", final: 5.0)))
            .Verdict.ShouldBe(Verdict.Inconclusive);

    [Test]
    public void AdlerLockedPhase_NoPayload_Fails()
    {
        var c = Adler(0.7, 1.0, """{ "id": "adler-locked-phase" }""");
        var good = Run(c);
        var bare = new Trajectory(good.Solver, good.Scheme, good.Backend, good.TimeStep, null, 2, good.Times, good.Correlations, null, 0);
        Evaluate(c, bare).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void AdlerChecks_WrongRegime_AreRefusedAtLoad()
    {
        Should.Throw<CaseFileException>(() => Adler(1.5, 1.0, """{ "id": "adler-locked-phase" }""")).JsonPath.ShouldBe("$.checks[0].id");
        Should.Throw<CaseFileException>(() => Adler(0.5, 1.0, """{ "id": "adler-slip-period" }""")).JsonPath.ShouldBe("$.checks[0].id");
        Should.Throw<CaseFileException>(() => KuramotoCase(3, 1.0, """ "frequencies": [0, 1, 2], "phases": [0, 0, 0], "time": { "final": 1.0, "dt": 0.1 } """,
            """{ "id": "adler-slip-period" }""")).JsonPath.ShouldBe("$.checks[0].id");
    }

    [Test]
    public void AdlerSlipPeriod_CorrectRun_Passes_StretchedTime_Fails_TooFewSlips_Fails()
    {
        var c = Adler(1.5, 1.0, """{ "id": "adler-slip-period" }""", final: 40, dt: 0.002, every: 0.01);
        var good = Run(c);
        var pass = Evaluate(c, good);
        pass.Verdict.ShouldBe(Verdict.Pass);
        pass.Evidence["relative_error"].ShouldBeLessThan(1e-10);
        // A clock running 1e-6 fast: every interval is 1e-6 too long relative (100× the tolerance).
        var stretched = WithPayload(good, k => k with { Times = k.Times.Select(t => t * (1 + 1e-6)).ToArray() });
        Evaluate(c, stretched).Verdict.ShouldBe(Verdict.Fail);
        // The first 8 time units hold only one 2π crossing (T ≈ 5.62): no period can be measured.
        var shortRecord = WithPayload(good, k => k with { Times = k.Times[..801], Phases = k.Phases[..801], OrderParameter = k.OrderParameter[..801] });
        var fail = Evaluate(c, shortRecord);
        fail.Verdict.ShouldBe(Verdict.Fail);
        double.IsNaN(fail.Evidence["measured"]).ShouldBeTrue();
    }
}

/// <summary>Lorentzian theory: stationary r and K_c, and wrong data failing.</summary>
public class LorentzianCheckTests
{
    private static CaseDefinition OrderCase(double coupling) => KuramotoCase(1000, coupling, """
        "frequencies": { "kind": "lorentzian", "gamma": 0.5, "sampling": "quantile" },
        "phases": { "kind": "uniform-random", "seed": 2 }, "time": { "final": 60.0, "dt": 0.05, "sampleEvery": 0.1 }
        """, """{ "id": "lorentzian-order-parameter", "band": 0.1, "averageFrom": 30.0 }""");

    [Test]
    public void LorentzianOrderParameter_CorrectRun_Passes_OtherCoupling_Fails_NaN_Fails()
    {
        var c = OrderCase(2.0);
        var good = Run(c);
        Evaluate(c, good).Verdict.ShouldBe(Verdict.Pass);
        // The K = 2.2 run (r∞ = 0.739) judged as K = 2 (r∞ = 0.707): 0.03 off, band 0.1/√1000 = 0.003.
        Evaluate(c, Run(OrderCase(2.2))).Verdict.ShouldBe(Verdict.Fail);
        var nan = WithPayload(good, k => k with { OrderParameter = k.OrderParameter.Select((z, s) => s == 500 ? new Complex(double.NaN, 0) : z).ToArray() });
        Evaluate(c, nan).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void LorentzianOrderParameter_Realisations_AreRunAndReported()
    {
        var c = KuramotoCase(200, 2.0, """
            "frequencies": { "kind": "lorentzian", "gamma": 0.5, "sampling": "random", "seed": 1 },
            "phases": { "kind": "uniform-random", "seed": 2 }, "time": { "final": 60.0, "dt": 0.05, "sampleEvery": 0.1 }
            """, """{ "id": "lorentzian-order-parameter", "band": 2.0, "averageFrom": 30.0, "seeds": [3, 4] }""");
        var result = Evaluate(c, Run(c));
        result.Evidence.Keys.Count(k => k.StartsWith("r_mean[", StringComparison.Ordinal)).ShouldBe(3);
        // A band far below the realisation spread must fail (c = 0.01: 100× narrower than the measured ~0.8/√N).
        var narrow = KuramotoCase(200, 2.0, """
            "frequencies": { "kind": "lorentzian", "gamma": 0.5, "sampling": "random", "seed": 1 },
            "phases": { "kind": "uniform-random", "seed": 2 }, "time": { "final": 60.0, "dt": 0.05, "sampleEvery": 0.1 }
            """, """{ "id": "lorentzian-order-parameter", "band": 0.01, "averageFrom": 30.0, "seeds": [3, 4] }""");
        Evaluate(narrow, Run(narrow)).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void LorentzianOrderParameter_BelowCriticalCoupling_IsRefused() =>
        Should.Throw<CaseFileException>(() => OrderCase(0.9)).JsonPath.ShouldBe("$.checks[0].id");

    [Test]
    public void LorentzianCriticalCoupling_CorrectSolver_Passes_SolverWithHalvedCoupling_Fails()
    {
        var c = KuramotoCase(300, 2.0, """
            "frequencies": { "kind": "lorentzian", "gamma": 0.5, "sampling": "quantile" },
            "phases": { "kind": "uniform-random", "seed": 2 }, "time": { "final": 150.0, "dt": 0.05, "sampleEvery": 0.5 }
            """, """{ "id": "lorentzian-critical-coupling", "couplings": [0.8, 1.1, 1.2, 1.3, 1.4, 1.6, 2.0, 2.5, 3.0], "threshold": 0.5, "band": 0.02, "averageFrom": 100.0 }""");
        var good = Run(c);
        var pass = Evaluate(c, good);
        pass.Verdict.ShouldBe(Verdict.Pass);
        pass.Evidence["measured"].ShouldBe(1.0, 0.02);
        // A solver using K/2N instead of K/N synchronises at twice the nominal K_c.
        Evaluate(c, good, new WrongCouplingSolver(new KuramotoAdapter(), 0.5)).Verdict.ShouldBe(Verdict.Fail);
    }
}

/// <summary>Section 2.1: S-L with constant data against the Kuramoto model; wrong data failing.</summary>
public class KuramotoReductionCheckTests
{
    private static readonly double[] Omega = [-1.0, -0.3, 0.2, 0.7, 1.5];
    private static readonly double[] Theta = [0.0, 1.1, 2.3, -0.7, 3.0];

    /// <summary>A phase defect of 1e-7 rad, 100× the 1e-9 tolerance.</summary>
    private const double PhaseDefect = 1e-7;

    [Test]
    public void KuramotoReduction_CorrectRun_Passes_PhaseDefect_Fails()
    {
        var c = Reduction(Omega, Theta, 1.0, """{ "id": "kuramoto-reduction" }""");
        var good = Run(c);
        var pass = Evaluate(c, good);
        pass.Verdict.ShouldBe(Verdict.Pass);
        pass.Evidence["max_phase_error"].ShouldBeLessThan(1e-10);
        var rotated = With(good, states: (s, p) =>
        {
            if (s == 20) p[3] = p[3].Select(v => v * Complex.FromPolarCoordinates(1, -PhaseDefect)).ToArray();
            return p;
        });
        Evaluate(c, rotated).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void KuramotoReduction_CorrelationDefect_Fails()
    {
        var c = Reduction(Omega, Theta, 1.0, """{ "id": "kuramoto-reduction" }""");
        var defect = With(Run(c), correlations: (s, z) => { if (s == 10) z[1] += PhaseDefect; return z; });
        Evaluate(c, defect).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void KuramotoReduction_RunOfAnotherCoupling_Fails()
    {
        var c = Reduction(Omega, Theta, 1.0, """{ "id": "kuramoto-reduction" }""");
        Evaluate(c, Run(Reduction(Omega, Theta, 1.001, """{ "id": "kuramoto-reduction" }"""))).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void KuramotoReduction_PhaseFasterThanTheOdeAllows_IsFlagged()
    {
        var c = Reduction(Omega, Theta, 1.0, """{ "id": "kuramoto-reduction" }""");
        // θ_1 advanced by 2 rad at one sample: more than (max|Ω| + K)·Δ = 0.125 permits; it cannot be unwrapped honestly.
        var jump = With(Run(c), states: (s, p) =>
        {
            if (s >= 20) p[0] = p[0].Select(v => v * Complex.FromPolarCoordinates(1, -2.0)).ToArray();
            return p;
        });
        var result = Evaluate(c, jump);
        result.Verdict.ShouldBe(Verdict.Fail);
        result.Message.ShouldContain("unwrapped");
    }

    [Test]
    public void KuramotoReduction_InapplicableCases_AreRefusedAtLoad()
    {
        // Sampling too coarse: (1.5 + 1)·1.0 > π/2.
        Should.Throw<CaseFileException>(() => Reduction(Omega, Theta, 1.0, """{ "id": "kuramoto-reduction" }""", final: 2.0, dt: 0.01, every: 1.0))
            .Message.ShouldContain("too coarse");
        // Non-constant data.
        Should.Throw<CaseFileException>(() => Distinct(1.0, """{ "id": "kuramoto-reduction" }""")).JsonPath.ShouldBe("$.checks[0].id");
    }
}

/// <summary>The distinct-potentials exploration: it reports, and fails only on NaN or a solver error.</summary>
public class DistinctPotentialsExplorationTests
{
    [Test]
    public void Exploration_CompletedRun_PassesWithAClassification()
    {
        var c = Distinct(2.0, """{ "id": "distinct-potentials-exploration", "couplings": [0.0, 4.0] }""");
        var result = Evaluate(c, Run(c));
        result.Verdict.ShouldBe(Verdict.Pass);
        result.Evidence.ShouldContainKey("limit_distance_from_1");
        result.Evidence.ShouldContainKey("K=0/settled");
        result.Evidence.ShouldContainKey("K=4/late_std");
        result.Plots.Count.ShouldBe(2);
    }

    [Test]
    public void Exploration_NaNInTheCorrelations_Fails()
    {
        var c = Distinct(2.0, """{ "id": "distinct-potentials-exploration" }""");
        var nan = With(Run(c), correlations: (s, z) => { if (s == 30) z[1] = new Complex(double.NaN, 0); return z; });
        Evaluate(c, nan).Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void Exploration_SolverErrorInTheSweep_Fails()
    {
        var c = Distinct(2.0, """{ "id": "distinct-potentials-exploration", "couplings": [1.0] }""");
        var result = Evaluate(c, Run(c), new ThrowingSolver());
        result.Verdict.ShouldBe(Verdict.Fail);
        result.Message.ShouldContain("diverged on purpose");
    }

    [Test]
    public void Classify_ConstantSignal_IsSettled_RotatingSignal_IsOscillating()
    {
        var check = new DistinctPotentialsExplorationCheck([], 0.25, 1e-3, 1e-3);
        var times = Enumerable.Range(0, 401).Select(i => i * 0.1).ToArray();
        var settled = check.Classify(1.0, times, times.Select(t => new Complex(0.9, -0.2) + 1e-5 * Math.Exp(-t)).ToArray());
        settled.Settled.ShouldBeTrue();
        settled.DistanceFromOne.ShouldBe(Complex.Abs(new Complex(-0.1, -0.2)), 1e-6);
        var rotating = check.Classify(1.0, times, times.Select(t => 0.5 * Complex.Exp(Complex.ImaginaryOne * 0.7 * t)).ToArray());
        rotating.Settled.ShouldBeFalse();
        rotating.Amplitude.ShouldBeGreaterThan(0.4);
        // A slow drift with tiny spread is not settled either.
        check.Classify(1.0, times, times.Select(t => new Complex(0.9 + 1e-3 * t, 0)).ToArray()).Settled.ShouldBeFalse();
    }

    [Test]
    public void Exploration_IdenticalPotentials_AreRefused() =>
        Should.Throw<CaseFileException>(() => Reduction([0.5, 0.5], [0.0, 1.0], 1.0, """{ "id": "distinct-potentials-exploration" }""")).JsonPath.ShouldBe("$.checks[0].id");
}
