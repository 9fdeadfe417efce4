using System.Numerics;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Reductions;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// The S-L correlations against the correlation-matrix ODE dz_jk/dt = (K/2N)(1 − z_jk) Σ_l (z_jl + z_lk),
/// integrated by the harness (DOPRI5, 1e-14) from the harness's z(0). Identical potentials, normalised data.
/// </summary>
public sealed class CorrelationOdeCheck(double tolerance) : ICheck
{
    /// <summary>Default: the acceptance bound for N = 4 (the ODE itself is integrated to about 1e-13).</summary>
    public const double DefaultTolerance = 1e-9;

    /// <inheritdoc />
    public string Id => "correlation-ode";
    /// <inheritdoc />
    public string Statement => "Finite-dimensional reduction: z_jk(t) solves dz_jk/dt = (K/2N)(1 − z_jk) Σ_l (z_jl + z_lk).";
    /// <summary>Largest allowed max_t max_jk |z_jk − z_jk^ODE| against the integrated correlation ODE.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var n = tr.Oscillators;
        var expected = CorrelationOde.Solve(context.InitialCorrelations, n, context.Problem.Coupling, tr.Times);
        var error = tr.Times.Select((_, s) => MaxOrNaN(Enumerable.Range(0, n * n).Select(i => Complex.Abs(tr.Correlations[s][i] - expected[s][i])))).ToArray();
        var max = MaxOrNaN(error);
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max_t max_jk |z_jk − ODE| = {max:E3} for N = {n} (tolerance {Tolerance:E1})",
            Evidence(("max_abs_error", max), ("tolerance", Tolerance), ("oscillators", n)),
            [new PlotSpec("|z(t) − correlation ODE|", "t", "max_jk |Δz_jk|", [Curve("S-L vs ODE", tr.Times, error),
                Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true)]);
    }
}
