using System.Numerics;
using NUnit.Framework;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.States;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Ode;
using Shouldly;

namespace QuantumSync.Tests.Models;

public class ReductionTests
{
    /// <summary>The adaptive integrator at 1e-14 reaches about 1e-13 global error on these smooth problems.</summary>
    private const double IntegratorAccuracy = 1e-12;

    [Test]
    public void DormandPrince54_ExponentialGrowth_MatchesExp()
    {
        var y = new[] { 1.0, 0.5 };
        new DormandPrince54(2).Integrate((_, s, d) => { d[0] = s[0]; d[1] = -2 * s[1]; }, 0, 3, y);
        Math.Abs(y[0] / Math.Exp(3) - 1).ShouldBeLessThan(IntegratorAccuracy);
        Math.Abs(y[1] / (0.5 * Math.Exp(-6)) - 1).ShouldBeLessThan(IntegratorAccuracy);
    }

    [Test]
    public void Lemma41_ClosedFormSolvesEquation16()
    {
        // Independent of both closed-form branches: a central difference of z(t) against K/2 (1 − z²).
        var z0 = new Complex(0.3, -0.4);
        const double h = 1e-4;
        foreach (var t in new[] { 0.5, 2.0, 7.0 })
        {
            var derivative = (Lemma41.Z(z0, 1.3, t + h) - Lemma41.Z(z0, 1.3, t - h)) / (2 * h);
            Complex.Abs(derivative - Lemma41.Derivative(Lemma41.Z(z0, 1.3, t), 1.3)).ShouldBeLessThan(1e-8);
        }
        Complex.Abs(Lemma41.Z(z0, 1.3, 0) - z0).ShouldBeLessThan(1e-15);
    }

    [Test]
    public void CorrelationOde_TwoOscillators_MatchesLemma41To1e12()
    {
        var z0 = new Complex(-0.2, 0.6);
        Complex[] matrix = [1, z0, Complex.Conjugate(z0), 1];
        var times = Enumerable.Range(0, 21).Select(i => i * 0.5).ToArray();
        var solution = CorrelationOde.Solve(matrix, 2, 1.0, times);
        var worst = times.Select((t, s) => Complex.Abs(solution[s][1] - Lemma41.Z(z0, 1.0, t))).Max();
        TestContext.Out.WriteLine($"max |ODE − Lemma 4.1| = {worst:E2}");
        worst.ShouldBeLessThan(IntegratorAccuracy);
    }

    [Test]
    public void EigenPropagator_ZeroPotential_AgreesWithFourierPropagator()
    {
        var grid = PeriodicGrid.Cube(1, 96, 30);
        var psi = InitialStates.Gaussian(grid, [-2.0], [1.0], 1.0);
        var a = new EigenPropagator(grid, Potential.Zero).Apply(psi, 1.7);
        var b = new FreePropagator(grid).Apply(psi, 1.7);
        Integrals.DistanceL2(a, b, grid.CellVolume).ShouldBeLessThan(1e-12);
    }

    [Test]
    public void EigenPropagator_HarmonicGroundState_OnlyGainsPhase()
    {
        // V = ω²x²/2 with ω = 1/2: ground state (ω/π)^{1/4} e^{−ωx²/2}, energy ω/2 (well resolved on the grid).
        var grid = PeriodicGrid.Cube(1, 128, 40);
        const double omega = 0.5;
        var ground = grid.Evaluate(x => Math.Pow(omega / Math.PI, 0.25) * Math.Exp(-omega * x[0] * x[0] / 2)).Select(v => new Complex(v, 0)).ToArray();
        var evolved = new EigenPropagator(grid, Potential.Harmonic(omega)).Apply(ground, 3.0);
        var expected = ground.Select(v => v * Complex.FromPolarCoordinates(1, -omega / 2 * 3.0)).ToArray();
        Integrals.DistanceL2(evolved, expected, grid.CellVolume).ShouldBeLessThan(1e-10);
    }

    [Test]
    public void ExactFactorisedReference_Correlations_MatchCorrelationOde()
    {
        var grid = PeriodicGrid.Cube(1, 128, 40);
        var states = new[] { -1.0, 0.5, 2.0 }.Select((c, j) =>
            InitialStates.Normalised(InitialStates.Gaussian(grid, [c], [0.3 * j], 1.0 + 0.1 * j), grid.CellVolume)).ToArray();
        var reference = new ExactFactorisedReference(states, 1.5, grid.CellVolume, new FreePropagator(grid));
        var times = new[] { 0.0, 1.0, 3.0 };
        var fromReference = reference.Correlations(times);
        var z0 = new Complex[9];
        for (var j = 0; j < 3; j++)
        for (var k = 0; k < 3; k++)
            z0[j * 3 + k] = Integrals.Inner(states[j], states[k], grid.CellVolume);
        var fromOde = CorrelationOde.Solve(z0, 3, 1.5, times);
        for (var s = 0; s < times.Length; s++)
            Integrals.MaxAbsDifference(fromReference[s], fromOde[s]).ShouldBeLessThan(IntegratorAccuracy);
    }
}
