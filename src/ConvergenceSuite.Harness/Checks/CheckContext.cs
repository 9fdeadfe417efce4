using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// Everything a check may look at: the case, the trajectory under test, the solver (to re-run it for studies)
/// and quantities the harness computes itself from the initial data (never taken from the solver).
/// </summary>
public sealed class CheckContext
{
    private readonly Lazy<SchrodingerLoheProblem> _discrete;
    private readonly Lazy<Complex[]> _initialCorrelations;

    /// <summary>A context for one case: its definition, the solver's trajectory and the solver (for re-runs).</summary>
    public CheckContext(CaseDefinition definition, Trajectory trajectory, ISolverUnderTest solver)
    {
        Case = definition;
        Trajectory = trajectory;
        Solver = solver;
        _discrete = new Lazy<SchrodingerLoheProblem>(() => ((SchrodingerLoheSpec)definition.Problem).Discretise(definition.Resolution.GridPoints));
        _initialCorrelations = new Lazy<Complex[]>(() => GramMatrix(Discrete.Initial, Discrete.Grid.CellVolume));
    }

    /// <summary>The case being verified.</summary>
    public CaseDefinition Case { get; }
    /// <summary>The case's problem (model, data, times).</summary>
    public Problem Problem => Case.Problem;
    /// <summary>The case's default resolution (grid, dt, scheme).</summary>
    public Resolution Resolution => Case.Resolution;
    /// <summary>The solver's run of the case at its resolution: the data under test.</summary>
    public Trajectory Trajectory { get; }
    /// <summary>The solver under test; studies run it again at other resolutions.</summary>
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
    /// V constant (Fourier, any d) or V zero/constant/harmonic (anisotropic, off-centre) with every M_a ≤
    /// <see cref="SeparablePropagator.MaximumSize"/> (Kronecker product of 1-D eigendecompositions, d = 1, 2, 3).
    /// </summary>
    /// <remarks>
    /// Sharing: the constant-V propagator multiplies by e^{−i|k|²t/2} with the grid's own wavenumbers
    /// (<see cref="PeriodicGrid.WavenumberSquared"/>, the code the split-step solver uses), so on free cases it cannot see
    /// a wrong wavenumber on some axis; the separable propagator writes its Laplacian, grid points and V_a from formulas
    /// (<see cref="SeparablePropagator"/>) and shares only the case's parameters with the solver. The cases meant to
    /// catch per-axis defects therefore use harmonic potentials on non-square boxes.
    /// </remarks>
    public static ILinearPropagator? ExactPropagator(SchrodingerLoheSpec spec, PeriodicGrid grid, out string reason)
    {
        reason = "";
        if (!spec.IdenticalPotentials)
        {
            reason = "the potentials are not identical, so no common linear propagator exists";
            return null;
        }
        return CommonPropagator(spec.Potentials[0], grid, out reason);
    }

    /// <summary>
    /// For potentials equal up to constants, V_j = V_0 + Ω_j (identical potentials included, Ω_j = 0): the propagator of
    /// V_0 and the offsets Ω_j, or null with a reason. Ω_j is read from V_j − V_0 sampled on the grid, which must be
    /// constant to <see cref="OffsetTolerance"/> relative to max |V|.
    /// </summary>
    public static (ILinearPropagator Propagator, double[] Offsets)? ExactReference(SchrodingerLoheSpec spec, PeriodicGrid grid, out string reason)
    {
        var n = spec.Potentials.Count;
        var offsets = new double[n];
        if (!spec.IdenticalPotentials)
        {
            var v0 = grid.Evaluate(x => spec.Potentials[0][x]);
            var scale = 1 + v0.Max(Math.Abs);
            for (var j = 1; j < n; j++)
            {
                var vj = grid.Evaluate(x => spec.Potentials[j][x]);
                var diff = vj.Select((v, i) => v - v0[i]).ToArray();
                var mean = diff.Average();
                var spread = diff.Max(d => Math.Abs(d - mean));
                if (spread > OffsetTolerance * scale)
                {
                    reason = $"V_{j} − V_0 is not constant (it varies by {spread:E2} on the grid), so the potentials are not equal up to constants and no common linear propagator exists";
                    return null;
                }
                offsets[j] = mean;
            }
        }
        var propagator = CommonPropagator(spec.Potentials[0], grid, out reason);
        return propagator is null ? null : (propagator, offsets);
    }

    /// <summary>Relative size of the non-constant part of V_j − V_0 (round-off of evaluating V) below which the
    /// potentials count as equal up to constants.</summary>
    public const double OffsetTolerance = 1e-13;

    private static ILinearPropagator? CommonPropagator(Potential v, PeriodicGrid grid, out string reason)
    {
        reason = "";
        if (v.IsConstant)
        {
            var omega = v[new double[grid.Dimension]];
            var free = new FreePropagator(grid);
            return omega == 0 ? free : new PhaseShiftedPropagator(free, omega);
        }
        if (SeparablePropagator.AxisTerms(v, grid.Dimension) is not null && grid.Sizes.All(m => m <= SeparablePropagator.MaximumSize))
            return new SeparablePropagator(grid.Sizes, grid.Lengths, v);
        reason = $"no exact propagator for V = {v.Description} on {grid} (needs V constant, or zero/constant/harmonic with every M_a ≤ {SeparablePropagator.MaximumSize})";
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
