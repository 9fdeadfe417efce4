using ConvergenceSuite.Harness.Summary;
using QuantumSync.Numerics;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// Lemma 2.1: ||ψ_j(t)|| = ||ψ_j(0)||. Measures max_{j,t} |‖ψ_j(t)‖ − ‖ψ_j(0)‖| / ‖ψ_j(0)‖ from the states with the
/// harness's own norm (or from diag z when the solver returns no states), ‖ψ_j(0)‖ from the harness-sampled data.
/// </summary>
public sealed class NormConservationCheck(double tolerance) : ICheck
{
    /// <summary>Default: the split-step flows are unitary or norm-preserving, so only round-off (≈ 1e-13 over 10⁴ steps) remains.</summary>
    public const double DefaultTolerance = 1e-12;

    /// <inheritdoc />
    public string Id => "norm-conservation";
    /// <inheritdoc />
    public string Statement => "Lemma 2.1: the L² norm of each ψ_j is constant along the flow.";
    /// <summary>Largest allowed relative drift |‖ψ_j(t)‖ − ‖ψ_j(0)‖|/‖ψ_j(0)‖ over the samples.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var initial = context.Discrete.Initial.Select(p => Integrals.Norm(p, context.Discrete.Grid.CellVolume)).ToArray();
        var drift = new double[tr.Times.Count];
        for (var s = 0; s < tr.Times.Count; s++)
        {
            var worst = 0.0;
            for (var j = 0; j < tr.Oscillators; j++)
            {
                var norm = tr.States is not null
                    ? Integrals.Norm(tr.States[s][j], tr.Grid!.CellVolume)
                    : Math.Sqrt(tr.Z(s, j, j).Real);
                var d = Math.Abs(norm - initial[j]) / initial[j];
                worst = double.IsNaN(d) || double.IsNaN(worst) ? double.NaN : Math.Max(worst, d);
            }
            drift[s] = worst;
        }
        var max = MaxOrNaN(drift);
        var verdict = AtMost(max, Tolerance);
        return new CheckResult(Id, verdict,
            $"max relative norm drift {max:E3} over {tr.Times.Count} samples (tolerance {Tolerance:E1})",
            Evidence(("max_relative_norm_drift", max), ("tolerance", Tolerance)),
            [new PlotSpec("Norm drift (Lemma 2.1)", "t", "max_j |‖ψ_j(t)‖ − ‖ψ_j(0)‖| / ‖ψ_j(0)‖",
                [Curve("drift", tr.Times, drift), Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true)]);
    }
}
