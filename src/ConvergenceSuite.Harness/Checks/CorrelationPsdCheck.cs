using System.Numerics;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using MathNet.Numerics.LinearAlgebra;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// z(t) is a Gram matrix (z_jk = &lt;ψ_j, ψ_k&gt;, or ∫∫ w_jk for the W-L family of a density matrix), so at every sample
/// it must be Hermitian positive semidefinite and obey the Cauchy-Schwarz bound |z_jk| ≤ √(z_jj z_kk), which is
/// |z_jk| ≤ 1 for normalised data. Measured per sample: the anti-Hermitian part max |z_jk − conj z_kj|, the smallest
/// eigenvalue of the Hermitian part (z + z*)/2 (MathNet's Hermitian eigensolver; it must be ≥ −tolerance) and the
/// excess max (|z_jk| − √(z_jj z_kk)) (for normalised data max (|z_jk| − 1)), both ≤ tolerance.
/// The check needs nothing from the solver but its z, so it applies to any solver, including those that return no
/// states; it catches a coupling or transport step that pushes z out of the set of correlation matrices (a growth
/// of |z_jk| beyond 1 or a negative direction), which a z-only regression comparison cannot judge.
/// </summary>
public sealed class CorrelationPsdCheck(double tolerance, bool normalised) : ICheck
{
    /// <summary>
    /// Default: for a Gram matrix the eigenvalues are exact up to round-off (N·ε·max|z| ≈ 1e-15 for N ≤ 5), and the
    /// norms are conserved to <see cref="NormConservationCheck.DefaultTolerance"/> = 1e-12, which moves |z_jk| and
    /// z_jj by the same amount; a violation larger than this is a defect, not rounding.
    /// </summary>
    public const double DefaultTolerance = 1e-12;

    /// <inheritdoc />
    public string Id => "correlation-psd";
    /// <inheritdoc />
    public string Statement => "z(t) stays Hermitian positive semidefinite with |z_jk| ≤ √(z_jj z_kk) (≤ 1 for normalised data), as a Gram matrix must.";
    /// <summary>Allowed negative eigenvalue of z, excess of |z_jk| over its bound and anti-Hermitian part |z_jk − conj z_kj|.</summary>
    public double Tolerance { get; } = tolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var n = tr.Oscillators;
        var count = tr.Times.Count;
        var minEigen = new double[count];
        var excess = new double[count];
        var antiHermitian = new double[count];
        for (var s = 0; s < count; s++)
        {
            var z = tr.Correlations[s];
            if (z.Any(v => !double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary)))
            {
                minEigen[s] = excess[s] = antiHermitian[s] = double.NaN;
                continue;
            }
            var h = Matrix<Complex>.Build.Dense(n, n, (j, k) => 0.5 * (z[j * n + k] + Complex.Conjugate(z[k * n + j])));
            minEigen[s] = h.Evd(Symmetricity.Hermitian).EigenValues.Min(e => e.Real);
            double worstExcess = double.NegativeInfinity, worstAnti = 0;
            for (var j = 0; j < n; j++)
            for (var k = 0; k < n; k++)
            {
                var bound = normalised ? 1.0 : Math.Sqrt(Math.Max(0, z[j * n + j].Real) * Math.Max(0, z[k * n + k].Real));
                worstExcess = Math.Max(worstExcess, Complex.Abs(z[j * n + k]) - bound);
                worstAnti = Math.Max(worstAnti, Complex.Abs(z[j * n + k] - Complex.Conjugate(z[k * n + j])));
            }
            excess[s] = worstExcess;
            antiHermitian[s] = worstAnti;
        }
        var lowest = minEigen.Any(double.IsNaN) ? double.NaN : minEigen.Min();
        var maxExcess = MaxOrNaN(excess);
        var maxAnti = MaxOrNaN(antiHermitian);
        var pass = AtMost(-lowest, Tolerance) == Verdict.Pass && AtMost(maxExcess, Tolerance) == Verdict.Pass && AtMost(maxAnti, Tolerance) == Verdict.Pass;
        var boundText = normalised ? "|z_jk| − 1" : "|z_jk| − √(z_jj z_kk)";
        return new CheckResult(Id, pass ? Verdict.Pass : Verdict.Fail,
            $"over {count} samples: min eigenvalue of z = {lowest:E2} (≥ −{Tolerance:E0}), max ({boundText}) = {maxExcess:E2}, max |z_jk − conj z_kj| = {maxAnti:E2} (≤ {Tolerance:E0})",
            Evidence(("min_eigenvalue", lowest), ("max_modulus_excess", maxExcess), ("max_antihermitian_part", maxAnti), ("tolerance", Tolerance)),
            [new PlotSpec("Correlation matrix: smallest eigenvalue", "t", "λ_min(z)", [Curve("λ_min", tr.Times, minEigen),
                Curve("−tolerance", tr.Times, tr.Times.Select(_ => -Tolerance), reference: true)])]);
    }
}
