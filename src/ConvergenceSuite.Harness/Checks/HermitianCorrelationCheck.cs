using System.Numerics;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Numerics;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// The correlation matrix the solver reports is Hermitian (z_kj = conj z_jk, z_jj real) and, when states are
/// returned, equals the harness's own &lt;ψ_j, ψ_k&gt; of those states (catches a solver whose inner product lacks
/// its conjugation).
/// </summary>
public sealed class HermitianCorrelationCheck(double tolerance) : ICheck
{
    /// <summary>Default: both sides are sums of the same products; they differ only by round-off (≈ 1e-15).</summary>
    public const double DefaultTolerance = 1e-12;

    /// <inheritdoc />
    public string Id => "hermitian-correlation";
    /// <inheritdoc />
    public string Statement => "z_jk = <ψ_j, ψ_k> is Hermitian with real diagonal (eq. 11) and consistent with the states.";
    /// <summary>Largest allowed |z_jk − conj z_kj|, |Im z_jj| and (when states are returned) |z − ⟨ψ, ψ⟩|.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var n = tr.Oscillators;
        double asym = 0, diagonal = 0, consistency = 0;
        var perSample = new double[tr.Times.Count];
        for (var s = 0; s < tr.Times.Count; s++)
        {
            double worst = 0;
            for (var j = 0; j < n; j++)
            {
                worst = Nan(worst, Math.Abs(tr.Z(s, j, j).Imaginary));
                diagonal = Nan(diagonal, Math.Abs(tr.Z(s, j, j).Imaginary));
                for (var k = 0; k < n; k++)
                {
                    var a = Complex.Abs(tr.Z(s, j, k) - Complex.Conjugate(tr.Z(s, k, j)));
                    asym = Nan(asym, a);
                    worst = Nan(worst, a);
                    if (tr.States is not null)
                    {
                        var c = Complex.Abs(tr.Z(s, j, k) - Integrals.Inner(tr.States[s][j], tr.States[s][k], tr.Grid!.CellVolume));
                        consistency = Nan(consistency, c);
                        worst = Nan(worst, c);
                    }
                }
            }
            perSample[s] = worst;
        }
        var max = MaxOrNaN([asym, diagonal, consistency]);
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max |z_jk − conj z_kj| = {asym:E2}, max |Im z_jj| = {diagonal:E2}, max |z − <ψ,ψ>| = {(tr.States is null ? "n/a" : consistency.ToString("E2", System.Globalization.CultureInfo.InvariantCulture))} (tolerance {Tolerance:E1})",
            Evidence(("max_antihermitian_part", asym), ("max_imag_diagonal", diagonal), ("max_state_inconsistency", tr.States is null ? double.NaN : consistency), ("tolerance", Tolerance)),
            [new PlotSpec("Correlation matrix consistency", "t", "max deviation", [Curve("deviation", tr.Times, perSample)], LogY: true)]);
    }

    private static double Nan(double current, double value) => double.IsNaN(current) || double.IsNaN(value) ? double.NaN : Math.Max(current, value);
}
