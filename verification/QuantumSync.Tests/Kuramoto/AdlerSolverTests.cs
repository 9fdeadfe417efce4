using NUnit.Framework;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Solvers.Kuramoto;
using Shouldly;

namespace QuantumSync.Tests.Kuramoto;

/// <summary>
/// Every registered scheme against the N = 2 closed form (Adler's equation dφ/dt = ΔΩ − K sin φ, φ = θ₂ − θ₁,
/// derived from eq. (7) with N = 2): locked phase, slip period and the whole φ(t).
/// </summary>
public class AdlerSolverTests
{
    /// <summary>The task's accuracy target; the schemes at <see cref="KuramotoTestSettings.Tight"/> measured
    /// 1e-12 … 1e-10, so the check has margin and still catches any O(1e-6) modelling error.</summary>
    private const double ClosedFormRelativeTolerance = 1e-8;

    /// <summary>Locked: ΔΩ = 0.5, K = 1, φ* = π/6, rate √0.75; by t = 60 the transient e^{−0.87·60} ≈ 1e-23 is gone.
    /// φ₀ = 2.6 starts next to the unstable point 5π/6, the hardest start for the trajectory match.</summary>
    private static KuramotoProblem Locked => new([0.2, 0.7], 1.0, [0.3, 2.9]);

    /// <summary>Slipping: ΔΩ = 1.5, K = 1, T = 2π/√1.25 ≈ 5.62, so 60 time units hold 10 slips.</summary>
    private static KuramotoProblem Slipping => new([0.2, 1.7], 1.0, [0.3, 2.9]);

    /// <summary>Slipping the other way: ΔΩ = −1.3, K = 0.7, T ≈ 5.74.</summary>
    private static KuramotoProblem SlippingNegative => new([0.4, -0.9], 0.7, [1.0, -2.0]);

    private static double[] Times => KuramotoSolver.UniformTimes(60, 6000);

    private static double[] SolvePhi(KuramotoProblem problem, KuramotoScheme scheme) =>
        KuramotoSolver.Solve(problem, scheme, KuramotoTestSettings.Tight, Times).PhaseDifference(0, 1);

    [TestCaseSource(typeof(KuramotoTestSettings), nameof(KuramotoTestSettings.Schemes))]
    public void LockedPhase_MatchesArcsin(KuramotoScheme scheme)
    {
        var phi = SolvePhi(Locked, scheme);
        var outcome = KuramotoChecks.LockedPhase(phi[^1], AdlerClosedForm.FromProblem(Locked), ClosedFormRelativeTolerance);
        TestContext.Out.WriteLine(outcome.Message);
        outcome.Passed.ShouldBeTrue(outcome.Message);
    }

    [TestCaseSource(typeof(KuramotoTestSettings), nameof(KuramotoTestSettings.Schemes))]
    public void SlipPeriod_MatchesTwoPiOverBeatFrequency(KuramotoScheme scheme)
    {
        foreach (var problem in new[] { Slipping, SlippingNegative })
        {
            var phi = SolvePhi(problem, scheme);
            var outcome = KuramotoChecks.SlipPeriod(Times, phi, AdlerClosedForm.FromProblem(problem), ClosedFormRelativeTolerance);
            TestContext.Out.WriteLine(outcome.Message);
            outcome.Passed.ShouldBeTrue(outcome.Message);
        }
    }

    [TestCaseSource(typeof(KuramotoTestSettings), nameof(KuramotoTestSettings.Schemes))]
    public void PhaseDifference_MatchesClosedFormTrajectory(KuramotoScheme scheme)
    {
        foreach (var problem in new[] { Locked, Slipping, SlippingNegative })
        {
            var phi = SolvePhi(problem, scheme);
            var expected = AdlerClosedForm.FromProblem(problem).PhaseDifferences(Times);
            var outcome = KuramotoChecks.TrajectoryMatch("φ(t)", phi, expected, ClosedFormRelativeTolerance);
            TestContext.Out.WriteLine(outcome.Message);
            outcome.Passed.ShouldBeTrue(outcome.Message);
        }
    }

    // Wrong data: a solver variant with coupling K/2 (the classic factor slip in (K/N)Σ) or a shifted Ω must fail.

    [Test]
    public void LockedPhase_SolverWithHalfCoupling_Fails()
    {
        var halved = Locked.WithCoupling(Locked.Coupling / 2);
        var phi = SolvePhi(halved, KuramotoSchemes.DormandPrince54);
        var outcome = KuramotoChecks.LockedPhase(phi[^1], AdlerClosedForm.FromProblem(Locked), ClosedFormRelativeTolerance);
        outcome.Passed.ShouldBeFalse(outcome.Message);
    }

    [Test]
    public void SlipPeriod_SolverWithShiftedFrequency_Fails()
    {
        // Ω₂ off by 1e-4: T changes by ~1e-4 relative, far above the tolerance.
        var shifted = new KuramotoProblem([0.2, 1.7001], 1.0, [0.3, 2.9]);
        var phi = SolvePhi(shifted, KuramotoSchemes.Rk4);
        var outcome = KuramotoChecks.SlipPeriod(Times, phi, AdlerClosedForm.FromProblem(Slipping), ClosedFormRelativeTolerance);
        outcome.Passed.ShouldBeFalse(outcome.Message);
    }

    [Test]
    public void Trajectory_SolverWithHalfCoupling_Fails()
    {
        var phi = SolvePhi(Slipping.WithCoupling(0.5), KuramotoSchemes.Rk4);
        var outcome = KuramotoChecks.TrajectoryMatch("φ(t)", phi, AdlerClosedForm.FromProblem(Slipping).PhaseDifferences(Times), ClosedFormRelativeTolerance);
        outcome.Passed.ShouldBeFalse(outcome.Message);
    }

    [Test]
    public void TwoOscillatorSum_GrowsAtSumOfFrequencies()
    {
        // θ₁ + θ₂ obeys d/dt(θ₁ + θ₂) = Ω₁ + Ω₂ exactly (the coupling terms cancel) — the other half of the reduction.
        var trajectory = KuramotoSolver.Solve(Slipping, KuramotoSchemes.DormandPrince54, KuramotoTestSettings.Tight, Times);
        var sum0 = Slipping.InitialPhases[0] + Slipping.InitialPhases[1];
        var rate = Slipping.NaturalFrequencies[0] + Slipping.NaturalFrequencies[1];
        var measured = trajectory.Phases.Select(theta => theta[0] + theta[1]).ToArray();
        var expected = Times.Select(t => sum0 + rate * t).ToArray();
        KuramotoChecks.TrajectoryMatch("θ₁ + θ₂", measured, expected, ClosedFormRelativeTolerance).Passed.ShouldBeTrue();
    }
}
