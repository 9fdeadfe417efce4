using System.Numerics;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Ode;

namespace QuantumSync.Models.Reductions;

/// <summary>
/// The exact factorised S-L solution for identical potentials (docs/MATH.md):
/// ψ_j(t) = U(t) Σ_m C_jm(t) ψ_m(0), where U is the linear propagator and C (N×N, C(0) = I) solves
///   dC/dt = (K/2N) (A C − diag(d) C),  A_jk = n_j/n_k,  d_j = Σ_k z_kj/(n_j n_k),  z = conj(C) G Cᵀ,
/// with G_mn = &lt;ψ_m(0), ψ_n(0)&gt; and n_j = ||ψ_j(0)|| (conserved, Lemma 2.1). For normalised data A = 𝟙𝟙ᵀ and
/// d_j = Σ_k z_kj, the form printed in docs/MATH.md; the general form follows from the coupling term for data that are
/// not normalised. C is integrated with adaptive DOPRI5 at 1e-14, so with U exact the reference is exact in time
/// for the semi-discrete problem and isolates the splitting error of a solver.
/// This code is deliberately separate from the split-step solver's coupling step.
/// Potentials equal up to constants, V_j = V + Ω_j (docs/MATH.md, "References off the easy case"): pass the offsets Ω_j;
/// then ψ_j(t) = e^{−iΩ_j t} U(t) Σ_m C_jm(t) ψ_m(0) with U the propagator of V and
///   dC_jm/dt = (K/2N) [ Σ_k A_jk e^{i(Ω_j−Ω_k)t} C_km − d_j C_jm ],  d_j = Σ_k z_kj(t)/(n_j n_k),
///   z_kj(t) = e^{i(Ω_k−Ω_j)t} (conj(C) G Cᵀ)_kj,
/// a state-level reference on the splitting solvers' general path (their potentials are not identical).
/// </summary>
public sealed class ExactFactorisedReference
{
    /// <summary>Tolerance of the C integrator (global error about 1e-13).</summary>
    public const double IntegratorTolerance = 1e-14;
    private readonly Complex[][] _initial;
    private readonly ILinearPropagator _propagator;
    private readonly double _cellVolume;
    private readonly int _n;
    private readonly double _coupling;
    private readonly Complex[] _gram;
    private readonly double[] _norms;
    private readonly double[] _offsets;

    /// <param name="initial">ψ_j(0).</param>
    /// <param name="coupling">K.</param>
    /// <param name="cellVolume">Quadrature weight of the grid.</param>
    /// <param name="propagator">U(t) of the common potential V.</param>
    /// <param name="offsets">Ω_j with V_j = V + Ω_j (null: all zero, identical potentials).</param>
    public ExactFactorisedReference(IReadOnlyList<Complex[]> initial, double coupling, double cellVolume, ILinearPropagator propagator,
        IReadOnlyList<double>? offsets = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _initial = initial.Select(a => a.ToArray()).ToArray();
        _n = _initial.Length;
        _coupling = coupling;
        _cellVolume = cellVolume;
        _propagator = propagator ?? throw new ArgumentNullException(nameof(propagator));
        _gram = new Complex[_n * _n];
        for (var m = 0; m < _n; m++)
        for (var k = 0; k < _n; k++)
            _gram[m * _n + k] = Integrals.Inner(_initial[m], _initial[k], cellVolume);
        _norms = Enumerable.Range(0, _n).Select(j => Math.Sqrt(_gram[j * _n + j].Real)).ToArray();
        if (_norms.Any(v => !(v > 0))) throw new ArgumentException("Every initial state needs a positive norm.");
        _offsets = offsets?.ToArray() ?? new double[_n];
        if (_offsets.Length != _n) throw new ArgumentException($"{_n} oscillators but {_offsets.Length} offsets Ω_j.", nameof(offsets));
        if (_offsets.Any(o => !double.IsFinite(o))) throw new ArgumentException("Every offset Ω_j must be finite.", nameof(offsets));
    }

    /// <summary>e^{i(Ω_k − Ω_j)t}: the factor between ⟨ψ_k, ψ_j⟩ and (conj(C) G Cᵀ)_kj.</summary>
    private Complex Phase(int k, int j, double t) => Complex.FromPolarCoordinates(1, (_offsets[k] - _offsets[j]) * t);

    /// <summary>The mixing matrix C at each time (row-major N×N).</summary>
    public Complex[][] Mixing(IReadOnlyList<double> times)
    {
        var n = _n;
        var y = new double[2 * n * n];
        for (var j = 0; j < n; j++) y[2 * (j * n + j)] = 1;
        var c = new Complex[n * n];
        var z = new Complex[n * n];
        var gct = new Complex[n * n];
        void Rhs(double t, ReadOnlySpan<double> state, Span<double> d)
        {
            for (var i = 0; i < c.Length; i++) c[i] = new Complex(state[2 * i], state[2 * i + 1]);
            // G Cᵀ, then z = conj(C) (G Cᵀ).
            for (var m = 0; m < n; m++)
            for (var k = 0; k < n; k++)
            {
                Complex s = 0;
                for (var q = 0; q < n; q++) s += _gram[m * n + q] * c[k * n + q];
                gct[m * n + k] = s;
            }
            for (var j = 0; j < n; j++)
            for (var k = 0; k < n; k++)
            {
                Complex s = 0;
                for (var m = 0; m < n; m++) s += Complex.Conjugate(c[j * n + m]) * gct[m * n + k];
                z[j * n + k] = s;
            }
            var factor = _coupling / (2.0 * n);
            for (var j = 0; j < n; j++)
            {
                Complex dj = 0;
                for (var k = 0; k < n; k++) dj += Phase(k, j, t) * z[k * n + j] / (_norms[j] * _norms[k]);
                for (var m = 0; m < n; m++)
                {
                    Complex ac = 0;
                    for (var k = 0; k < n; k++) ac += _norms[j] / _norms[k] * Phase(j, k, t) * c[k * n + m];
                    var v = factor * (ac - dj * c[j * n + m]);
                    d[2 * (j * n + m)] = v.Real;
                    d[2 * (j * n + m) + 1] = v.Imaginary;
                }
            }
        }
        var integrator = new DormandPrince54(y.Length, IntegratorTolerance, IntegratorTolerance);
        var result = new Complex[times.Count][];
        var t = 0.0;
        for (var s = 0; s < times.Count; s++)
        {
            if (times[s] < t) throw new ArgumentException("Times must be ascending and non-negative.");
            integrator.Integrate(Rhs, t, times[s], y);
            t = times[s];
            result[s] = new Complex[n * n];
            for (var i = 0; i < n * n; i++) result[s][i] = new Complex(y[2 * i], y[2 * i + 1]);
        }
        return result;
    }

    /// <summary>ψ_j(t) for every oscillator at every time: result[sample][oscillator][point].</summary>
    public Complex[][][] States(IReadOnlyList<double> times)
    {
        var mixing = Mixing(times);
        var m = _initial[0].Length;
        var result = new Complex[times.Count][][];
        for (var s = 0; s < times.Count; s++)
        {
            result[s] = new Complex[_n][];
            for (var j = 0; j < _n; j++)
            {
                var phi = new Complex[m];
                for (var q = 0; q < _n; q++)
                {
                    var c = mixing[s][j * _n + q];
                    var src = _initial[q];
                    for (var i = 0; i < m; i++) phi[i] += c * src[i];
                }
                var evolved = _propagator.Apply(phi, times[s]);
                if (_offsets[j] != 0)
                {
                    var phase = Complex.FromPolarCoordinates(1, -_offsets[j] * times[s]);
                    for (var i = 0; i < m; i++) evolved[i] *= phase;
                }
                result[s][j] = evolved;
            }
        }
        return result;
    }

    /// <summary>The correlation matrix z(t) = conj(C) G Cᵀ at each time (row-major N×N).</summary>
    public Complex[][] Correlations(IReadOnlyList<double> times) =>
        Mixing(times).Select((c, sample) =>
        {
            var n = _n;
            var z = new Complex[n * n];
            for (var j = 0; j < n; j++)
            for (var k = 0; k < n; k++)
            {
                Complex s = 0;
                for (var m = 0; m < n; m++)
                for (var q = 0; q < n; q++)
                    s += Complex.Conjugate(c[j * n + m]) * _gram[m * n + q] * c[k * n + q];
                z[j * n + k] = Phase(j, k, times[sample]) * s;
            }
            return z;
        }).ToArray();
}
