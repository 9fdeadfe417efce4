using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using QuantumSync.Models.Potentials;
using QuantumSync.Numerics;

namespace QuantumSync.Models.Reductions;

/// <summary>
/// The exact propagator U(t) = exp(−iHt) of the semi-discrete Hamiltonian H = −½Δ_h + V for a separable potential
/// V(x) = Σ_a V_a(x_a) on a periodic box in d = 1, 2 or 3 (docs/MATH.md, "References off the easy case"). The
/// spectral Laplacian is a sum of 1-D operators, one per axis, so H = H_1 ⊕ … ⊕ H_d is a Kronecker sum and
/// U(t) = U_1(t) ⊗ … ⊗ U_d(t). Each 1-D H_a = −½ D2_a + diag(V_a(x_i)) is real symmetric and diagonalised once with
/// MathNet's dense symmetric eigensolver, H_a = Q_a Λ_a Q_aᵀ; U is applied axis by axis (Q_aᵀ, the phases e^{−iλt},
/// Q_a along every line of axis a). Exact in time up to round-off (about 1e-13 relative for M_a ≤ 256).
/// </summary>
/// <remarks>
/// What it shares with the split-step solver, and why that cannot hide the defects it targets: only the continuous
/// problem (box lengths, point counts, V). The 1-D second-derivative matrix D2_a is written from its closed form
/// (<see cref="SecondDerivative"/>: the Fourier differentiation matrix, Trefethen, Spectral Methods in MATLAB, ch. 3),
/// the grid points from x_i = −L_a/2 + i L_a/M_a, and V_a from the potential's parameters (<see cref="AxisTerms"/>): no FFT, no
/// <see cref="PeriodicGrid.Wavenumbers"/>, no <see cref="PeriodicGrid.Evaluate"/>. A solver whose wavenumbers, grid
/// coordinates or potential values are wrong on some axis therefore disagrees with it on any case where that axis
/// differs from the others (non-square box, unequal points, off-centre anisotropic V).
/// </remarks>
public sealed class SeparablePropagator : ILinearPropagator
{
    /// <summary>Dense eigendecomposition per axis is O(M_a³): above this size use a time-accurate solver instead.</summary>
    public const int MaximumSize = 1024;

    private readonly int[] _sizes;
    private readonly double[][] _q; // per axis, row-major M×M eigenvectors (columns)
    private readonly double[][] _lambda;
    private readonly int _count;

    /// <summary>Builds the propagator for a zero, constant or harmonic potential (see <see cref="AxisTerms"/>).</summary>
    public SeparablePropagator(IReadOnlyList<int> sizes, IReadOnlyList<double> lengths, Potential potential)
        : this(sizes, lengths, AxisTerms(potential, sizes?.Count ?? 0) ?? throw new ArgumentException($"The potential {potential} is not separable: no exact propagator.", nameof(potential)))
    {
    }

    /// <summary>
    /// V_a(x_a) with V = Σ_a V_a, written here from the potential's parameters (ω_a, c_a and the offset Ω of a harmonic potential; the value
    /// of a constant one, carried by axis 0), not through the potential's own evaluation: a defect in how V is evaluated
    /// on a grid is then not shared with this reference. Null for a potential that is neither zero, constant nor harmonic.
    /// </summary>
    public static Func<int, double, double>? AxisTerms(Potential potential, int dimension)
    {
        ArgumentNullException.ThrowIfNull(potential);
        if (potential.IsConstant)
        {
            var value = potential[new double[dimension]];
            return (a, _) => a == 0 ? value : 0.0;
        }
        if (potential.HarmonicOmegas is { Length: > 0 } omegas && potential.HarmonicCenter is { } center)
        {
            var offset = potential.HarmonicOffset;
            return (a, x) =>
            {
                var w = omegas[Math.Min(a, omegas.Length - 1)];
                var c = a < center.Length ? center[a] : 0.0;
                return w * w * (x - c) * (x - c) / 2 + (a == 0 ? offset : 0.0);
            };
        }
        return null;
    }

    /// <summary>Builds the propagator for V(x) = Σ_a axisTerm(a, x_a).</summary>
    public SeparablePropagator(IReadOnlyList<int> sizes, IReadOnlyList<double> lengths, Func<int, double, double> axisTerm)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(axisTerm);
        if (sizes.Count is < 1 or > 3 || lengths.Count != sizes.Count)
            throw new ArgumentException($"1 to 3 axes with one length each are needed; got {sizes.Count} sizes and {lengths.Count} lengths.");
        _sizes = sizes.ToArray();
        _count = 1;
        _q = new double[_sizes.Length][];
        _lambda = new double[_sizes.Length][];
        for (var a = 0; a < _sizes.Length; a++)
        {
            var m = _sizes[a];
            if (m < 2 || m > MaximumSize) throw new ArgumentException($"Axis {a} has {m} points; the dense eigendecomposition needs 2 ≤ M ≤ {MaximumSize}.");
            if (!(lengths[a] > 0) || double.IsInfinity(lengths[a])) throw new ArgumentException($"Axis {a} has length {lengths[a]}; a finite positive length is needed.");
            _count = checked(_count * m);
            var d2 = SecondDerivative(m, lengths[a]);
            var h = Matrix<double>.Build.Dense(m, m, (i, j) => -0.5 * d2[i, j]);
            for (var i = 0; i < m; i++) h[i, i] += axisTerm(a, -lengths[a] / 2 + i * lengths[a] / m);
            var evd = h.Evd(Symmetricity.Symmetric);
            _lambda[a] = evd.EigenValues.Select(c => c.Real).ToArray();
            var q = new double[m * m];
            for (var i = 0; i < m; i++)
            for (var j = 0; j < m; j++)
                q[i * m + j] = evd.EigenVectors[i, j];
            _q[a] = q;
        }
    }

    /// <summary>
    /// The periodic spectral second-derivative matrix on M points x_i = −L/2 + i L/M, in closed form:
    /// with h = 2π/M and j = i − i′ ≠ 0, D2_{ii′} = (2π/L)² · { −(−1)^j / (2 sin²(jh/2)) (M even);
    /// −(−1)^j cos(jh/2) / (2 sin²(jh/2)) (M odd) }, and D2_ii = (2π/L)² · { −π²/(3h²) − 1/6 (M even); −π²/(3h²) + 1/12
    /// (M odd) }. For even M it differentiates the Nyquist mode as cos(Mx/2) (eigenvalue −(πM/L)²), which is what
    /// multiplying by −k² with k = ±πM/L does.
    /// </summary>
    public static double[,] SecondDerivative(int m, double length)
    {
        if (m < 2) throw new ArgumentException($"At least 2 points are needed; got {m}.", nameof(m));
        var h = 2 * Math.PI / m;
        var scale = (2 * Math.PI / length) * (2 * Math.PI / length);
        var even = m % 2 == 0;
        var d = new double[m, m];
        for (var i = 0; i < m; i++)
        for (var k = 0; k < m; k++)
        {
            var j = i - k;
            double v;
            if (j == 0) v = -Math.PI * Math.PI / (3 * h * h) + (even ? -1.0 / 6 : 1.0 / 12);
            else
            {
                var s = Math.Sin(j * h / 2);
                var sign = (j & 1) == 0 ? 1.0 : -1.0;
                v = even ? -sign / (2 * s * s) : -sign * Math.Cos(j * h / 2) / (2 * s * s);
            }
            d[i, k] = scale * v;
        }
        return d;
    }

    /// <summary>Eigenvalues of the 1-D Hamiltonian of one axis (ascending).</summary>
    public IReadOnlyList<double> AxisEigenvalues(int axis) => _lambda[axis];

    /// <summary>e^{−iHt} ψ, one axis at a time.</summary>
    public Complex[] Apply(ReadOnlySpan<Complex> psi, double t)
    {
        if (psi.Length != _count) throw new ArgumentException($"ψ has {psi.Length} points; the propagator {_count}.");
        var re = new double[_count];
        var im = new double[_count];
        for (var i = 0; i < _count; i++)
        {
            re[i] = psi[i].Real;
            im[i] = psi[i].Imaginary;
        }
        for (var a = 0; a < _sizes.Length; a++) ApplyAxis(a, re, im, t);
        var result = new Complex[_count];
        for (var i = 0; i < _count; i++) result[i] = new Complex(re[i], im[i]);
        return result;
    }

    /// <summary>U_a(t) = Q_a e^{−iΛ_a t} Q_aᵀ along every line of axis a (row-major: the last axis fastest).</summary>
    private void ApplyAxis(int axis, double[] re, double[] im, double t)
    {
        var m = _sizes[axis];
        var stride = 1;
        for (var b = axis + 1; b < _sizes.Length; b++) stride *= _sizes[b];
        var outer = _count / (m * stride);
        var q = _q[axis];
        var cos = _lambda[axis].Select(l => Math.Cos(l * t)).ToArray();
        var sin = _lambda[axis].Select(l => -Math.Sin(l * t)).ToArray();
        var lr = new double[m];
        var li = new double[m];
        var cr = new double[m];
        var ci = new double[m];
        for (var o = 0; o < outer; o++)
        for (var s = 0; s < stride; s++)
        {
            var start = o * m * stride + s;
            for (var i = 0; i < m; i++)
            {
                lr[i] = re[start + i * stride];
                li[i] = im[start + i * stride];
            }
            // c = Q_aᵀ line, then c ← e^{−iλt} c.
            for (var j = 0; j < m; j++)
            {
                double sr = 0, si = 0;
                for (var i = 0; i < m; i++)
                {
                    var qij = q[i * m + j];
                    sr += qij * lr[i];
                    si += qij * li[i];
                }
                cr[j] = cos[j] * sr - sin[j] * si;
                ci[j] = cos[j] * si + sin[j] * sr;
            }
            // line = Q_a c.
            for (var i = 0; i < m; i++)
            {
                double sr = 0, si = 0;
                var row = i * m;
                for (var j = 0; j < m; j++)
                {
                    sr += q[row + j] * cr[j];
                    si += q[row + j] * ci[j];
                }
                re[start + i * stride] = sr;
                im[start + i * stride] = si;
            }
        }
    }
}
