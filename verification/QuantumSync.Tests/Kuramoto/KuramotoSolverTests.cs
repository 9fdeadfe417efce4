using System.Numerics;
using NUnit.Framework;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Solvers.Kuramoto;
using Shouldly;

namespace QuantumSync.Tests.Kuramoto;

public class KuramotoSolverTests
{
    /// <summary>The mean-field and the direct O(N²) sum differ only by rounding: N terms of size ≤ |K| each, summed in a
    /// different order, give differences of a few ulps times N; 1e-12 absolute on O(1) values leaves a wide margin.</summary>
    private const double MeanFieldRoundingTolerance = 1e-12;

    /// <summary>RK4 order check: the asymptotic slope over dt = 0.2 … 0.0125 was measured in [3.96, 4.00];
    /// ±0.1 accepts that and rejects a 3rd- or 5th-order scheme.</summary>
    private const double OrderTolerance = 0.1;

    /// <summary>With K = 0 the right-hand side is constant and every Runge–Kutta scheme is exact; only rounding of
    /// |θ| ≈ 30 over ≤ 10⁴ steps remains (≲ 1e-12).</summary>
    private const double ExactIntegrationTolerance = 1e-9;

    [Test]
    public void MeanFieldRightHandSide_EqualsDirectPairwiseSum()
    {
        const int n = 57;
        var random = new Random(11);
        var omega = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var theta = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 40 - 20).ToArray();
        const double coupling = 1.7;
        var rhs = new KuramotoMeanField(new KuramotoProblem(omega, coupling, theta));
        var derivative = new double[n];
        var orderParameter = rhs.Evaluate(theta, derivative);

        for (var j = 0; j < n; j++)
        {
            var direct = omega[j];
            for (var k = 0; k < n; k++) direct += coupling / n * Math.Sin(theta[k] - theta[j]);
            derivative[j].ShouldBe(direct, MeanFieldRoundingTolerance);
        }
        var expectedZ = KuramotoOrderParameter.Compute(theta);
        Complex.Abs(orderParameter - expectedZ).ShouldBeLessThan(MeanFieldRoundingTolerance);
    }

    [Test]
    public void MeanFieldRightHandSide_DoesNotAllocate()
    {
        const int n = 10_000;
        var theta = LorentzianKuramoto.UniformRandomPhases(n, seed: 3);
        var rhs = new KuramotoMeanField(new KuramotoProblem(LorentzianKuramoto.QuantileFrequencies(n, 1), 2.5, theta));
        var derivative = new double[n];
        rhs.Evaluate(theta, derivative); // warm-up (JIT)
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++) rhs.Evaluate(theta, derivative);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.ShouldBe(0L);
    }

    [TestCaseSource(typeof(KuramotoTestSettings), nameof(KuramotoTestSettings.Schemes))]
    public void Solve_ReturnsRequestedTimesAndConsistentOrderParameter(KuramotoScheme scheme)
    {
        var problem = new KuramotoProblem([0.3, -0.2, 1.1, 0.05], 0.8, [0.1, 2.0, -1.0, 4.0]);
        double[] times = [0, 0.37, 1.0, 2.5, 3.1415];
        var trajectory = KuramotoSolver.Solve(problem, scheme, KuramotoTestSettings.Tight, times);

        trajectory.Times.ShouldBe(times);
        trajectory.Scheme.ShouldBe(scheme.Name);
        trajectory.Phases.Length.ShouldBe(times.Length);
        trajectory.Phases[0].ShouldBe(problem.InitialPhases.ToArray());
        trajectory.FinalPhases.ShouldBe(trajectory.Phases[^1]);
        for (var i = 0; i < times.Length; i++)
        {
            var z = KuramotoOrderParameter.Compute(trajectory.Phases[i]);
            trajectory.OrderParameter[i].ShouldBe(z);
        }
    }

    [TestCaseSource(typeof(KuramotoTestSettings), nameof(KuramotoTestSettings.Schemes))]
    public void Solve_PhasesAreUnwrapped(KuramotoScheme scheme)
    {
        // Uncoupled: θ_j(t) = θ_j(0) + Ω_j t exactly; after t = 10 with Ω = 3 the phase is 30, far beyond 2π.
        var problem = new KuramotoProblem([3.0, -2.0], 0, [0.5, 0.25]);
        var trajectory = KuramotoSolver.Solve(problem, scheme, KuramotoTestSettings.Tight, [0, 10]);
        trajectory.FinalPhases[0].ShouldBe(30.5, ExactIntegrationTolerance);
        trajectory.FinalPhases[1].ShouldBe(-19.75, ExactIntegrationTolerance);
    }

    [TestCaseSource(typeof(KuramotoTestSettings), nameof(KuramotoTestSettings.Schemes))]
    public void Solve_StateOverflows_ThrowsNamingTheTime(KuramotoScheme scheme)
    {
        // Ω = 1e308 drives θ past the largest double within the first steps.
        var problem = new KuramotoProblem([1e308, 0], 1, [0, 0]);
        var options = new KuramotoSolverOptions { TimeStep = 10, AbsoluteTolerance = 1e-6, RelativeTolerance = 1e-6 };
        var ex = Should.Throw<KuramotoNonFiniteStateException>(() => KuramotoSolver.Solve(problem, scheme, options, [0, 1000]));
        ex.Time.ShouldBeGreaterThan(0);
        ex.Message.ShouldContain("t = ");
        ex.Oscillator.ShouldBe(0);
    }

    [Test]
    public void Solve_RecordPhasesFalse_KeepsOnlyOrderParameterAndFinalState()
    {
        var problem = new KuramotoProblem([0.3, -0.2], 0.8, [0.1, 2.0]);
        var options = KuramotoTestSettings.Tight with { RecordPhases = false };
        var trajectory = KuramotoSolver.Solve(problem, KuramotoSchemes.Rk4, options, [0, 1, 2]);
        trajectory.Phases.ShouldBeEmpty();
        trajectory.OrderParameter.Length.ShouldBe(3);
        Should.Throw<InvalidOperationException>(() => trajectory.PhaseDifference(0, 1));
    }

    /// <summary>
    /// RK4 global error at t = 10 on the slipping N = 2 problem (ΔΩ = 1.5, K = 1) against the closed form
    /// (<see cref="AdlerClosedForm"/>), dt = 0.2 … 0.0125 (sample times are multiples of dt, so the step is exactly dt).
    /// </summary>
    [Test]
    public void Rk4_ObservedOrder_IsFour()
    {
        var problem = new KuramotoProblem([0.2, 1.7], 1.0, [0.3, 2.9]);
        var exact = AdlerClosedForm.FromProblem(problem).PhaseDifference(10);
        double[] steps = [0.2, 0.1, 0.05, 0.025, 0.0125];
        var errors = steps.Select(dt =>
        {
            var trajectory = KuramotoSolver.Solve(problem, KuramotoSchemes.Rk4, dt, [0, 10]);
            return Math.Abs(trajectory.FinalPhases[1] - trajectory.FinalPhases[0] - exact);
        }).ToArray();
        var outcome = KuramotoChecks.ObservedOrder(steps, errors, KuramotoSchemes.Rk4.Order, OrderTolerance);
        TestContext.Out.WriteLine($"rate = {outcome.Measured:F4} (expected ≈ 4, atol = {OrderTolerance}); errors {string.Join(", ", errors.Select(e => e.ToString("E3", System.Globalization.CultureInfo.InvariantCulture)))}");
        outcome.Passed.ShouldBeTrue(outcome.Message);
    }

    /// <summary>The DOPRI5 error is controlled by the tolerance: with a purely absolute control (rtol = 0, so the unwrapped
    /// |θ| ≈ 40 does not loosen it) at atol = 1e-6 and 1e-10, the max error against the closed form stays below 100·atol
    /// (the global error is a modest multiple of the local tolerance over t = 20) and the tighter run is more accurate
    /// by at least two orders.</summary>
    [Test]
    public void DormandPrince_ErrorFollowsTolerance()
    {
        const double GlobalToLocalFactor = 100;
        var problem = new KuramotoProblem([0.2, 1.7], 1.0, [0.3, 2.9]);
        var closedForm = AdlerClosedForm.FromProblem(problem);
        var times = KuramotoSolver.UniformTimes(20, 200);
        var exact = closedForm.PhaseDifferences(times);
        var errors = new List<double>();
        foreach (var tol in new[] { 1e-6, 1e-10 })
        {
            var trajectory = KuramotoSolver.Solve(problem, KuramotoSchemes.DormandPrince54, KuramotoSolverOptions.Adaptive(tol, 0), times);
            var phi = trajectory.PhaseDifference(0, 1);
            var error = phi.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
            TestContext.Out.WriteLine($"tol = {tol:E0}: max error {error:E3}, steps {trajectory.AcceptedSteps}/{trajectory.RejectedSteps}");
            error.ShouldBeLessThan(GlobalToLocalFactor * tol);
            errors.Add(error);
        }
        (errors[0] / errors[1]).ShouldBeGreaterThan(100);
    }
}
