using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Reductions;
using QuantumSync.Numerics;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// The S-L states against the exact factorised reference ψ_j(t) = U(t) Σ_m C_jm(t) ψ_m(0) (identical potentials),
/// exact in time for the semi-discrete problem: measures max_{j,t} ||ψ_j − ψ_j^ref|| / ||ψ_j^ref||, the time-stepping
/// error of the solver alone.
/// </summary>
public sealed class ExactReferenceCheck(double tolerance) : ICheck
{
    public string Id => "exact-reference";
    public string Statement => "The S-L solution equals the exact factorised solution U(t) C(t) ψ(0) for identical potentials.";
    /// <summary>Stated by the case: it depends on the scheme and dt.</summary>
    public double Tolerance { get; } = tolerance;

    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        if (tr.States is null)
            return CheckResult.Of(Id, Verdict.Fail, "the solver returned no states; this check needs them (storeStates: true)", Evidence());
        var spec = (SchrodingerLoheSpec)context.Problem;
        var discrete = context.Discrete;
        var propagator = CheckContext.ExactPropagator(spec, discrete.Grid, out var reason)
                         ?? throw new InvalidOperationException(reason);
        var reference = new ExactFactorisedReference(discrete.Initial, spec.Coupling, discrete.Grid.CellVolume, propagator).States(tr.Times);
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
