using System.Numerics;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.SeededBugs;

// Wrong S-L operators, each the correct SchrodingerLoheOperators with one member replaced by a mistaken one, run by
// the same splitting engine (SplitStepSolver(operators, scheme)).

/// <summary>The Lohe term with the wrong sign: rate −K/2N instead of K/2N (repulsive coupling).</summary>
internal sealed class RepulsiveCoupling(SchrodingerLoheProblem problem, double dt, IFftBackend? backend) : SchrodingerLoheOperators(problem, dt, backend)
{
    protected override double CouplingRate => -base.CouplingRate;
}

/// <summary>The coupling's Gram matrix without the conjugation, Σ ψ_m ψ_k dV. The mistake sits in the general path's
/// inner product, so these operators always take the general path (the fused path accumulates its Gram matrix elsewhere).</summary>
internal sealed class UnconjugatedGram(SchrodingerLoheProblem problem, double dt, IFftBackend? backend)
    : SchrodingerLoheOperators(problem, dt, backend, fuseIdenticalPotentials: false)
{
    protected override Complex GramEntry(ReadOnlySpan<Complex> f, ReadOnlySpan<Complex> g, double dv)
    {
        Complex sum = 0;
        for (var i = 0; i < f.Length; i++) sum += f[i] * g[i];
        return sum * dv;
    }
}

/// <summary>Every state treated as normalised in the coupling: n_j = 1 whatever ‖ψ_j‖.</summary>
internal sealed class NormsDropped(SchrodingerLoheProblem problem, double dt, IFftBackend? backend) : SchrodingerLoheOperators(problem, dt, backend)
{
    protected override double[] CouplingNorms() => Enumerable.Repeat(1.0, Oscillators).ToArray();
}

/// <summary>The kinetic factor of −Δ instead of −½Δ: e^{−i|k|²τ}.</summary>
internal sealed class FullLaplacian(SchrodingerLoheProblem problem, double dt, IFftBackend? backend) : SchrodingerLoheOperators(problem, dt, backend)
{
    protected override Complex[] KineticMultiplier(double tau) =>
        WavenumberSquared().Select(q => Complex.FromPolarCoordinates(1.0 / Problem.Grid.Count, -1.0 * q * tau)).ToArray();
}

/// <summary>Every axis' wavenumbers 2πn/L_1 from the first axis' box length (invisible on square boxes).</summary>
internal sealed class WavenumbersFromFirstAxis(SchrodingerLoheProblem problem, double dt, IFftBackend? backend) : SchrodingerLoheOperators(problem, dt, backend)
{
    protected override double[] WavenumberSquared()
    {
        var grid = Problem.Grid;
        return new PeriodicGrid(grid.Sizes, grid.Sizes.Select(_ => grid.Lengths[0]).ToArray()).WavenumberSquared();
    }
}

/// <summary>General path only: the kinetic phase e^{+i|k|²τ/2} (+½Δ); the fused path's is correct.</summary>
internal sealed class GeneralPathKineticSign(SchrodingerLoheProblem problem, double dt, IFftBackend? backend) : SchrodingerLoheOperators(problem, dt, backend)
{
    protected override Complex[] KineticMultiplier(double tau) => Fused
        ? base.KineticMultiplier(tau)
        : WavenumberSquared().Select(q => Complex.FromPolarCoordinates(1.0 / Problem.Grid.Count, -0.5 * q * tau * -1.0)).ToArray();
}

/// <summary>General path only: each potential stage applies e^{−iV_jτ/2}, half its weight.</summary>
internal sealed class GeneralPathHalfPotential(SchrodingerLoheProblem problem, double dt, IFftBackend? backend) : SchrodingerLoheOperators(problem, dt, backend)
{
    protected override Complex[] PotentialPhase(double[] v, double tau) => Fused
        ? base.PotentialPhase(v, tau)
        : v.Select(x => Complex.FromPolarCoordinates(1, -x * tau * 0.5)).ToArray();
}

/// <summary>Fused path only: the carried Gram matrix updated as C G Cᵀ instead of conj(C) G Cᵀ.</summary>
internal sealed class FusedGramUnconjugated(SchrodingerLoheProblem problem, double dt, IFftBackend? backend) : SchrodingerLoheOperators(problem, dt, backend)
{
    protected override void CarryGram(Complex[] c, Complex[] gram, Complex[] work)
    {
        var n = Oscillators;
        for (var m = 0; m < n; m++)
        for (var k = 0; k < n; k++)
        {
            Complex acc = 0;
            for (var q = 0; q < n; q++) acc += gram[m * n + q] * c[k * n + q];
            work[m * n + k] = acc;
        }
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            Complex acc = 0;
            for (var m = 0; m < n; m++) acc += c[j * n + m] * work[m * n + k];
            gram[j * n + k] = acc;
        }
    }
}
