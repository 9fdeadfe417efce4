using System.Numerics;
using NUnit.Framework;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.States;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.WignerLohe;
using Shouldly;

namespace QuantumSync.Tests.WignerLohe;

public class WignerLoheSolverTests
{
    /// <summary>Round-off of a few hundred FFT round trips on fields of norm ≈ 0.3: relative 1e-13 is generous.</summary>
    private const double RoundOff = 1e-13;

    /// <summary>
    /// d = 2 against d = 1: for product data ψ(x1)φ(x2), a separable V and K = 0 the 4-D Wigner flow is the product of two
    /// 2-D flows, w(x1,x2,p1,p2,t) = w_a(x1,p1,t)·w_b(x2,p2,t). This tests the d = 2 layout, tables and FFTs exactly,
    /// independently of how well the grid resolves the data.
    /// </summary>
    [TestCaseSource(typeof(SplittingSchemes), nameof(SplittingSchemes.All))]
    public void FreeFlow2D_ProductData_EqualsProductOfTwo1DFlows(SplittingScheme scheme)
    {
        const int m = 16;
        const double l = 12.0;
        var v = Potential.Harmonic(0.5);
        var line = new PeriodicGrid([m], [l]);
        var a = InitialStates.Gaussian(line, [-0.5], [0.3], 1.2);
        var b = InitialStates.Gaussian(line, [0.4], [-0.2], 1.0);
        var plane = new PeriodicGrid([m, m], [l, l]);
        var product = new Complex[plane.Count];
        for (var i = 0; i < m; i++)
        for (var j = 0; j < m; j++) product[i * m + j] = a[i] * b[j];
        var line2 = new PhaseSpaceGrid(line);
        using var solverA = new WignerLoheSolver(WignerLoheProblem.FromWaveFunctions(line2, 0, v, [a]), scheme, 0.1);
        using var solverB = new WignerLoheSolver(WignerLoheProblem.FromWaveFunctions(line2, 0, v, [b]), scheme, 0.1);
        var phase = new PhaseSpaceGrid(plane);
        using var solver = new WignerLoheSolver(WignerLoheProblem.FromWaveFunctions(phase, 0, v, [product]), scheme, 0.1);
        solverA.AdvanceTo(1.0); solverB.AdvanceTo(1.0); solver.AdvanceTo(1.0);
        var wa = solverA.Field(0, 0);
        var wb = solverB.Field(0, 0);
        var w = solver.Field(0, 0);
        var error = 0.0;
        var scale = 0.0;
        for (var i1 = 0; i1 < m; i1++)
        for (var i2 = 0; i2 < m; i2++)
        for (var q1 = 0; q1 < m; q1++)
        for (var q2 = 0; q2 < m; q2++)
        {
            var want = wa[i1 * m + q1] * wb[i2 * m + q2];
            var got = w[((i1 * m + i2) * m + q1) * m + q2];
            error = Math.Max(error, Complex.Abs(got - want));
            scale = Math.Max(scale, Complex.Abs(want));
        }
        TestContext.Out.WriteLine($"{scheme}: max |w_2D − w_a·w_b| / max|w| = {error / scale:E2} ({phase.Count} points)");
        (error / scale).ShouldBeLessThan(RoundOff);
    }

    /// <summary>Mixed N = 3 data: z_jk = ∫∫ w_jk follows the correlation ODE (Models.Reductions) for any dt, because only
    /// the coupling sub-flow changes z and it is integrated to ≈ 1e-15 per step.</summary>
    [Test]
    public void MixedData_N3_CorrelationsFollowTheCorrelationOde_HermitianFamilyPreserved()
    {
        var phase = new PhaseSpaceGrid(new PeriodicGrid([64], [32.0]));
        var problem = WignerLoheFixtures.Mixed(phase, 1.5, WignerLoheFixtures.Harmonic, new Complex(0.5, -0.3), n: 3);
        var z0 = problem.Initial.Select(w => phase.Integral(w)).ToArray();
        using var solver = new WignerLoheSolver(problem, SplittingSchemes.Yoshida4, 0.1);
        var times = new[] { 1.0, 2.0, 4.0 };
        var expected = CorrelationOde.Solve(z0, 3, 1.5, times);
        var z = new Complex[9];
        for (var s = 0; s < times.Length; s++)
        {
            solver.AdvanceTo(times[s]);
            solver.Correlations(z);
            for (var i = 0; i < 9; i++) Complex.Abs(z[i] - expected[s][i]).ShouldBeLessThan(CorrelationTolerance);
        }
        for (var j = 0; j < 3; j++)
        {
            solver.Field(j, j).Max(v => Math.Abs(v.Imaginary)).ShouldBeLessThan(RoundOff);
            for (var k = j + 1; k < 3; k++)
            {
                var a = solver.Field(j, k);
                var b = solver.Field(k, j);
                a.Select((v, i) => Complex.Abs(b[i] - Complex.Conjugate(v))).Max().ShouldBeLessThan(RoundOff);
            }
        }
    }

    /// <summary>The ODE integrator's own global error (≈ 1e-13) plus the solver's RK4 round-off.</summary>
    private const double CorrelationTolerance = 1e-11;

    // Not in parallel with other fixtures: once, at load ~20 with every fixture running in parallel, this measurement saw
    // a non-zero allocation that does not reproduce alone (cause not established); measured alone it is 0.
    [NonParallelizable]
    [Test]
    public void Stepping_SteadyState_AllocatesNothing()
    {
        var grid = new PeriodicGrid([32], [24.0]);
        var problem = WignerLoheProblem.FromWaveFunctions(new PhaseSpaceGrid(grid), 1.0, WignerLoheFixtures.Harmonic, WignerLoheFixtures.Packets(grid, 2));
        using var solver = new WignerLoheSolver(problem, SplittingSchemes.Yoshida4, 0.05);
        solver.Advance(3);
        var before = GC.GetAllocatedBytesForCurrentThread();
        solver.Advance(20);
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Test]
    public void Problem_NonHermitianData_Rejected()
    {
        var phase = new PhaseSpaceGrid(new PeriodicGrid([16], [12.0]));
        var f = Enumerable.Range(0, phase.Count).Select(i => new Complex(Math.Exp(-0.01 * i), 0.1)).ToArray();
        Should.Throw<ArgumentException>(() => new WignerLoheProblem(phase, 1, Potential.Zero, [f, f, f, f])).Message.ShouldContain("Hermitian");
    }
}
