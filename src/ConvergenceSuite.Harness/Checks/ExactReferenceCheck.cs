using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Reductions;
using QuantumSync.Numerics;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// The S-L states against the exact factorised reference ψ_j(t) = e^{−iΩ_j t} U(t) Σ_m C_jm(t) ψ_m(0) for potentials
/// equal up to constants, V_j = V + Ω_j (identical potentials: Ω_j = 0), exact in time for the semi-discrete problem:
/// measures max_{j,t} ||ψ_j − ψ_j^ref|| / ||ψ_j^ref||, the time-stepping error of the solver alone. U is the exact
/// propagator of V (<see cref="CheckContext.ExactPropagator"/>: Fourier for constant V, a Kronecker product of 1-D
/// eigendecompositions for zero/constant/harmonic V in d = 1, 2, 3).
/// </summary>
/// <remarks>
/// Shared with the solver: the initial data and the coupling K as the harness samples them (the solver is handed the
/// same values), and for constant V the grid's wavenumbers. Not shared: the time integration (C by DOPRI5 at 1e-14, U
/// exact), and for harmonic V the Laplacian, grid points and V (written from formulas in
/// <see cref="QuantumSync.Models.Reductions.SeparablePropagator"/>). So a wrong kinetic or potential step, a wrong
/// wavenumber or potential value on some axis, or a coupling stage placed or weighted wrongly shows up as a state error
/// far above the splitting error the tolerance allows.
/// </remarks>
public sealed class ExactReferenceCheck(double tolerance) : ICheck
{
    /// <inheritdoc />
    public string Id => "exact-reference";
    /// <inheritdoc />
    public string Statement => "The S-L solution equals the exact factorised solution e^{−iΩt} U(t) C(t) ψ(0) for potentials equal up to constants.";
    /// <summary>Stated by the case: it depends on the scheme and dt.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        if (tr.States is null)
            return CheckResult.Of(Id, Verdict.Fail, "the solver returned no states; this check needs them (storeStates: true)", Evidence());
        var spec = (SchrodingerLoheSpec)context.Problem;
        var discrete = context.Discrete;
        var (propagator, offsets) = CheckContext.ExactReference(spec, discrete.Grid, out var reason)
                                    ?? throw new InvalidOperationException(reason);
        var reference = new ExactFactorisedReference(discrete.Initial, spec.Coupling, discrete.Grid.CellVolume, propagator, offsets).States(tr.Times);
        var error = tr.Times.Select((_, s) => MaxOrNaN(Enumerable.Range(0, tr.Oscillators)
            .Select(j => Integrals.RelativeDistanceL2(tr.States[s][j], reference[s][j], discrete.Grid.CellVolume)))).ToArray();
        var max = MaxOrNaN(error);
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max_t max_j ‖ψ_j − ψ_j^ref‖/‖ψ_j^ref‖ = {max:E3} ({tr.Scheme}, dt = {tr.TimeStep}; tolerance {Tolerance:E1})",
            Evidence(("max_relative_l2_error", max), ("tolerance", Tolerance)),
            [new PlotSpec("Error against the exact factorised reference", "t", "max_j relative L² error",
                [Curve("S-L vs exact", tr.Times, error), Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true)]);
    }
}
