using System.Numerics;
using NUnit.Framework;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Models.States;
using QuantumSync.Numerics;
using QuantumSync.Solvers.SchrodingerLohe;
using Shouldly;

namespace QuantumSync.Tests.Solvers;

public class SchrodingerLoheSolverTests
{
    /// <summary>Acceptance setup of the foundation issue: 1-D, M = 256 on [−20, 20), V = x²/8, K = 1.</summary>
    private static SchrodingerLoheProblem AcceptanceProblem(int n = 2, double coupling = 1.0, int m = 256)
    {
        var grid = PeriodicGrid.Cube(1, m, 40);
        var v = grid.Evaluate(x => Potential.Harmonic(0.5)[x]);
        var centres = new[] { -1.5, 1.0, 0.3, -0.4, 2.0, -2.2 };
        var momenta = new[] { 0.5, -0.3, 1.0, 0.0, -0.8, 0.4 };
        var widths = new[] { 1.0, 1.3, 0.8, 1.1, 0.9, 1.2 };
        var psi = Enumerable.Range(0, n)
            .Select(j => InitialStates.Normalised(InitialStates.Gaussian(grid, [centres[j]], [momenta[j]], widths[j]), grid.CellVolume))
            .ToArray();
        return new SchrodingerLoheProblem(grid, coupling, Enumerable.Repeat(v, n).ToArray(), psi);
    }

    /// <summary>Lemma 4.1 acceptance bound |z12 − closed form| ≤ 1e-10 (fourth-order scheme at dt = 1e-3).</summary>
    private const double Lemma41Tolerance = 1e-10;

    [Test]
    public void Lemma41_FourthOrderSchemeAtSmallStep_MatchesClosedFormTo1e10()
    {
        var problem = AcceptanceProblem();
        using var solver = new SplitStepSolver(problem, SplittingSchemes.Yoshida4, 1e-3);
        var z0 = Integrals.Inner(problem.Initial[0], problem.Initial[1], problem.Grid.CellVolume);
        var z = new Complex[4];
        var worst = 0.0;
        for (var s = 1; s <= 10; s++)
        {
            solver.AdvanceTo(s);
            solver.Correlations(z);
            worst = Math.Max(worst, Complex.Abs(z[1] - Lemma41.Z(z0, 1.0, s)));
        }
        TestContext.Out.WriteLine($"max |z12 − closed form| over t ≤ 10: {worst:E3}");
        worst.ShouldBeLessThan(Lemma41Tolerance);
    }

    /// <summary>Norm drift allowed over 10⁴ steps: round-off accumulation, √(10⁴)·M·ε ≈ 1e-12 at most.</summary>
    private const double NormDriftTolerance = 1e-12;

    [TestCaseSource(typeof(SplittingSchemes), nameof(SplittingSchemes.All))]
    public void NormConservation_TenThousandSteps_DriftBelow1e12(SplittingScheme scheme)
    {
        var problem = AcceptanceProblem(n: 3);
        using var solver = new SplitStepSolver(problem, scheme, 1e-3);
        solver.Advance(10_000);
        for (var j = 0; j < 3; j++)
        {
            var drift = Math.Abs(Integrals.Norm(solver.State(j), problem.Grid.CellVolume) - 1);
            TestContext.Out.WriteLine($"{scheme.Name} ψ_{j}: |‖ψ‖ − 1| = {drift:E3}");
            drift.ShouldBeLessThan(NormDriftTolerance);
        }
    }

    [TestCaseSource(typeof(SplittingSchemes), nameof(SplittingSchemes.All))]
    public void TemporalOrder_AgainstExactFactorisedReference_MatchesClaimedOrder(SplittingScheme scheme)
    {
        var problem = AcceptanceProblem(n: 3, m: 128);
        var final = 2.0;
        var reference = new ExactFactorisedReference(problem.Initial, problem.Coupling, problem.Grid.CellVolume,
            new EigenPropagator(problem.Grid, Potential.Harmonic(0.5))).States([final])[0];
        // Sixth order: coarser steps, so that the finest error (≈ 6e-11 for kahanli6 at dt = 0.125) stays well above the
        // exact reference's accuracy (errors level off at 1.7e-13).
        double[] dts = scheme.Order switch { 1 => [0.02, 0.01, 0.005, 0.0025], 2 => [0.1, 0.05, 0.025, 0.0125], <= 4 => [0.2, 0.1, 0.05, 0.025], _ => [1.0, 0.5, 0.25, 0.125] };
        var errors = dts.Select(dt =>
        {
            using var solver = new SplitStepSolver(problem, scheme, dt);
            solver.AdvanceTo(final);
            return Enumerable.Range(0, 3).Max(j => Integrals.DistanceL2(solver.State(j), reference[j], problem.Grid.CellVolume));
        }).ToArray();
        var orders = Enumerable.Range(0, dts.Length - 1).Select(i => Math.Log(errors[i] / errors[i + 1]) / Math.Log(dts[i] / dts[i + 1])).ToArray();
        TestContext.Out.WriteLine($"{scheme.Name}: errors {string.Join(", ", errors.Select(e => e.ToString("E3")))}; orders {string.Join(", ", orders.Select(o => o.ToString("F3")))}");
        orders[^1].ShouldBe(scheme.Order, 0.05 * scheme.Order);
    }
}

public class SchrodingerLoheAllocationTests
{
    /// <summary>
    /// Steady-state stepping allocates nothing, on the fused path (identical potentials, deferred coupling, including the
    /// periodic application of the deferred mixing) and on the general path (distinct potentials). Counted on this thread
    /// only, so background work of the test runner cannot leak in.
    /// </summary>
    // Not in parallel with other fixtures: once, at load ~20 with every fixture running in parallel, this measurement saw
    // a non-zero allocation that does not reproduce alone (cause not established); measured alone it is 0.
    // dt = 0.05: coupling stages longer than SchrodingerLoheOperators.MaxCouplingSubstep, summed as Taylor series.
    [NonParallelizable]
    [TestCase(false, 2, 1e-3)]
    [TestCase(false, 16, 1e-3)]
    [TestCase(true, 4, 1e-3)]
    [TestCase(false, 2, 0.05)]
    [TestCase(true, 2, 0.05)]
    public void Advance_AfterWarmUp_AllocatesNothing(bool distinctPotentials, int n, double dt)
    {
        var grid = PeriodicGrid.Cube(1, 1024, 40);
        var states = Enumerable.Range(0, n)
            .Select(j => InitialStates.Normalised(InitialStates.Gaussian(grid, [0.2 * j - 1], [0.1 * j], 1.0 + 0.05 * j), grid.CellVolume))
            .ToArray();
        var potentials = Enumerable.Range(0, n)
            .Select(j => grid.Evaluate(x => Potential.Harmonic(0.5, [distinctPotentials ? 0.1 * j : 0.0])[x]))
            .ToArray();
        using var solver = new SplitStepSolver(new SchrodingerLoheProblem(grid, 1.0, potentials, states), SplittingSchemes.Yoshida4, dt);
        solver.Advance(100); // plans, phase tables and every lazily built array exist after this
        var before = GC.GetAllocatedBytesForCurrentThread();
        solver.Advance(200); // > 32 couplings: the deferred mixing is applied several times
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}

public class SchrodingerLoheCouplingFlowTests
{
    /// <summary>Both integrators are accurate to ~1e-16 a step; 1e-12 leaves room for the round-off of 10⁴ steps.</summary>
    private const double FlowAgreement = 1e-12;

    /// <summary>
    /// Spatially constant fields in V = 0: the kinetic and potential factors act on them as the identity (only the k = 0
    /// mode is occupied), so every splitting is exact and the run is the coupling flow alone. Long coupling stages
    /// (dt = 0.5, K = 1.5: Taylor pieces) must then give the state of short ones (dt = 1e-3: one RK4 step each), on the
    /// fused and on the general path, with unequal norms (A_jk = n_j/n_k ≠ 1).
    /// </summary>

    [TestCase(true, 3)]
    [TestCase(false, 3)]
    [TestCase(false, 5)]
    public void LongCouplingStages_MatchShortOnes(bool fused, int n)
    {
        var grid = PeriodicGrid.Cube(1, 16, 4.0);
        var amplitudes = Enumerable.Range(0, n).Select(j => Complex.FromPolarCoordinates((0.7 + 0.2 * j) / Math.Sqrt(4.0), 1.1 * j - 0.8)).ToArray();
        var states = amplitudes.Select(a => Enumerable.Repeat(a, 16).ToArray()).ToArray();
        var potentials = Enumerable.Range(0, n).Select(_ => new double[16]).ToArray();
        var problem = new SchrodingerLoheProblem(grid, 1.5, potentials, states);
        Complex[][] Run(double dt)
        {
            using var solver = new SplitStepSolver(new SchrodingerLoheOperators(problem, dt, fuseIdenticalPotentials: fused), SplittingSchemes.Strang);
            solver.AdvanceTo(10.0);
            return Enumerable.Range(0, n).Select(j => solver.State(j).ToArray()).ToArray();
        }
        var coarse = Run(0.5);
        var fine = Run(1e-3);
        var worst = Enumerable.Range(0, n).Max(j => Enumerable.Range(0, 16).Max(i => Complex.Abs(coarse[j][i] - fine[j][i])));
        var moved = Enumerable.Range(0, n).Max(j => Complex.Abs(fine[j][0] - amplitudes[j]));
        TestContext.Out.WriteLine($"max |ψ(dt = 0.5) − ψ(dt = 1e-3)| = {worst:E3}; the flow moved the fields by {moved:E3}");
        moved.ShouldBeGreaterThan(0.1); // the coupling did act: the comparison is not of two unchanged states
        worst.ShouldBeLessThan(FlowAgreement);
    }
}
