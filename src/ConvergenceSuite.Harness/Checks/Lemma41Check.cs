using System.Numerics;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Reductions;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// Lemma 4.1 on the S-L solution for N = 2 (identical potentials, normalised data):
/// z12(t) = ((1 + z0) e^{Kt} − (1 − z0)) / ((1 + z0) e^{Kt} + (1 − z0)), z0 computed by the harness.
/// </summary>
public sealed class Lemma41Check(double tolerance) : ICheck
{
    /// <summary>Default: the acceptance bound of the foundation issue for the fourth-order scheme at dt = 1e-3.</summary>
    public const double DefaultTolerance = 1e-10;

    /// <inheritdoc />
    public string Id => "lemma-4.1";
    /// <inheritdoc />
    public string Statement => "Lemma 4.1: z12(t) = ((1+z0)e^{Kt} − (1−z0)) / ((1+z0)e^{Kt} + (1−z0)) for N = 2.";
    /// <summary>Largest allowed max_t |z12(t) − tanh(Kt/2 + artanh z0)|.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var z0 = context.InitialCorrelations[1];
        var k = context.Problem.Coupling;
        var error = tr.Times.Select((t, s) => Complex.Abs(tr.Z(s, 0, 1) - Lemma41.Z(z0, k, t))).ToArray();
        var max = MaxOrNaN(error);
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max_t |z12(t) − closed form| = {max:E3} over t ∈ [0, {tr.Times[^1]}] (tolerance {Tolerance:E1}); z0 = {z0.Real:G6}{(z0.Imaginary >= 0 ? "+" : "")}{z0.Imaginary:G6}i",
            Evidence(("max_abs_error", max), ("tolerance", Tolerance), ("z0_re", z0.Real), ("z0_im", z0.Imaginary)),
            [new PlotSpec("|z12(t) − Lemma 4.1|", "t", "|Δz|", [Curve("|z12 − closed form|", tr.Times, error),
                Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true)]);
    }
}
