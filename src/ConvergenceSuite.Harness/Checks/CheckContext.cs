using System.Numerics;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Solvers;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Numerics;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// Everything a check may look at: the case, the trajectory under test, the solver (to re-run it for studies)
/// and quantities the harness computes itself from the initial data (never taken from the solver).
/// </summary>
public sealed class CheckContext
{
    private readonly Lazy<SchrodingerLoheProblem> _discrete;
    private readonly Lazy<Complex[]> _initialCorrelations;

    public CheckContext(CaseDefinition definition, Trajectory trajectory, ISolverUnderTest solver)
    {
        Case = definition;
        Trajectory = trajectory;
        Solver = solver;
        _discrete = new Lazy<SchrodingerLoheProblem>(() => ((SchrodingerLoheSpec)definition.Problem).Discretise(definition.Resolution.GridPoints));
        _initialCorrelations = new Lazy<Complex[]>(() => GramMatrix(Discrete.Initial, Discrete.Grid.CellVolume));
    }

    public CaseDefinition Case { get; }
    public Problem Problem => Case.Problem;
    public Resolution Resolution => Case.Resolution;
    public Trajectory Trajectory { get; }
    public ISolverUnderTest Solver { get; }

    /// <summary>The S-L problem at the case's resolution, sampled by the harness.</summary>
    public SchrodingerLoheProblem Discrete => _discrete.Value;

    /// <summary>z(0) computed by the harness from the initial data (row-major N×N).</summary>
    public Complex[] InitialCorrelations => _initialCorrelations.Value;

    /// <summary>G_jk = &lt;ψ_j, ψ_k&gt; for a set of states.</summary>
    public static Complex[] GramMatrix(IReadOnlyList<Complex[]> states, double cellVolume)
    {
        var n = states.Count;
        var g = new Complex[n * n];
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
            g[j * n + k] = Integrals.Inner(states[j], states[k], cellVolume);
        return g;
    }

    /// <summary>
    /// The exact linear propagator for the case's (identical) potential, or null with a reason when none is available:
    /// V = 0 or constant (Fourier, any d) or d = 1 with M ≤ 1024 (eigendecomposition).
    /// </summary>
    public static ILinearPropagator? ExactPropagator(SchrodingerLoheSpec spec, PeriodicGrid grid, out string reason)
    {
        reason = "";
        if (!spec.IdenticalPotentials)
        {
            reason = "the potentials are not identical, so no common linear propagator exists";
            return null;
        }
        var v = spec.Potentials[0];
        if (v.IsConstant)
        {
            var omega = v[new double[grid.Dimension]];
            var free = new FreePropagator(grid);
            return omega == 0 ? free : new PhaseShiftedPropagator(free, omega);
        }
        if (grid.Dimension == 1 && grid.Sizes[0] <= EigenPropagator.MaximumSize) return new EigenPropagator(grid, v);
        reason = $"no exact propagator for V = {v.Description} on {grid} (needs V constant, or d = 1 with M ≤ {EigenPropagator.MaximumSize})";
        return null;
    }

    /// <summary>e^{−iΩt} times a propagator: the constant potential V = Ω.</summary>
    private sealed class PhaseShiftedPropagator(ILinearPropagator inner, double omega) : ILinearPropagator
    {
        public Complex[] Apply(ReadOnlySpan<Complex> psi, double t)
        {
            var result = inner.Apply(psi, t);
            var phase = Complex.FromPolarCoordinates(1, -omega * t);
            for (var i = 0; i < result.Length; i++) result[i] *= phase;
            return result;
        }
    }
}
