using System.Numerics;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Ode;

namespace ConvergenceSuite.Harness.References;

/// <summary>
/// An independent reference for the spectral semi-discretisation of the S-L system with arbitrary (distinct)
/// potentials, integrated by a method that is not a splitting:
///   i ∂t ψ_j = −½Δψ_j + V_j ψ_j + (iK/2N) Σ_k ( (n_j/n_k) ψ_k − z_kj/(n_j n_k) ψ_j ),  n_j = ‖ψ_j(0)‖,
/// in the interaction picture of the free flow: a_j(k, t) = e^{+i|k|²t/2} ψ̂_j(k, t)/M, so the kinetic part is exact
/// and a_j obeys the non-stiff ODE
///   da_j/dt = e^{+i|k|²t/2} F[−i (V_j − c) ψ_j]/M + (K/2N) Σ_k ( (n_j/n_k) a_k − z_kj/(n_j n_k) a_j ),
/// with ψ_j = F⁻¹[e^{−i|k|²t/2} a_j] and z_kj = M·ΔV Σ conj(a_k) a_j (Parseval; the phases cancel). The whole
/// right-hand side — potential and Lohe coupling together, never separated — is integrated by adaptive DOPRI5
/// (<see cref="DormandPrince54"/>) at a tight tolerance, stepping exactly onto the output times. The constant
/// c = (max V + min V)/2 over all oscillators is a common gauge (every ψ_j gains the same phase e^{ict}, which leaves
/// z and the coupling unchanged and is removed at output); it halves the oscillation frequency the integrator resolves.
/// <para>
/// What it shares with the splitting solvers, and why that cannot hide their defects: the FFT backend (a wrong FFT
/// would break both, and is tested on its own against direct sums), the sampled potentials and initial data (the
/// problem's data, not the solver), and the formula k = 2π n/L for the wavenumbers, which it computes itself from the
/// sizes and lengths (not through PeriodicGrid.Wavenumbers). It shares no stepping code: no splitting scheme table, no
/// kinetic or potential phase arrays, no coupling sub-flow (ComplexRk4), no fused path or deferred mixing, no Gram
/// update. So a wrong sign or weight in a kinetic or potential step, a misplaced or misweighted coupling stage, a wrong
/// Gram matrix or a wrong norm in the coupling shows as a difference in states or z far above the integrator's error.
/// </para>
/// </summary>
public sealed class ReferenceIntegrator : IDisposable
{
    /// <summary>
    /// Default DOPRI5 tolerance (absolute and relative, on the Fourier amplitudes a): measured against the exact
    /// references (ReferenceIntegratorTests, t ≤ 2) the states agree to 1.4e-11 (identical harmonic, d = 1), 9.4e-12
    /// (free, d = 2, rectangular) and 1.7e-11 (V_j = V + Ω_j, d = 1), inside the 1e-10 the integrator must meet and
    /// below the splitting errors it is used to measure.
    /// </summary>
    public const double DefaultTolerance = 1e-13;

    private readonly int _n, _m;
    private readonly double _cellVolume, _coupling, _gauge;
    private readonly double[] _halfK2;
    private readonly double[][] _potentials;
    private readonly double[] _norms;
    private readonly IFftPlan _plan;
    private readonly ComplexBuffer _buffer;
    private readonly Complex[] _phase, _z;
    private readonly Complex[] _a;
    private readonly DormandPrince54 _dopri;
    private readonly double[] _y;
    private double _time;

    /// <summary>Prepares the interaction-picture system for <paramref name="problem"/> at time 0; <paramref name="tolerance"/> is DOPRI5's absolute and relative error tolerance.</summary>
    public ReferenceIntegrator(SchrodingerLoheProblem problem, double tolerance = DefaultTolerance, IFftBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!(tolerance > 0)) throw new ArgumentException($"The integrator tolerance must be positive; got {tolerance}.", nameof(tolerance));
        var grid = problem.Grid;
        _n = problem.Oscillators;
        _m = grid.Count;
        _cellVolume = grid.CellVolume;
        _coupling = problem.Coupling;
        _halfK2 = HalfWavenumberSquared(grid.Sizes, grid.Lengths);
        var max = problem.Potentials.Max(v => v.Max());
        var min = problem.Potentials.Min(v => v.Min());
        _gauge = 0.5 * (max + min);
        _potentials = problem.Potentials.Select(v => v.Select(x => x - _gauge).ToArray()).ToArray();
        _norms = problem.Initial.Select(p => Math.Sqrt(p.Sum(v => v.Real * v.Real + v.Imaginary * v.Imaginary) * _cellVolume)).ToArray();
        Backend = backend ?? FftBackends.Default;
        _plan = Backend.Plan(grid.Sizes, _n);
        _buffer = new ComplexBuffer(_n * _m);
        _phase = new Complex[_m];
        _z = new Complex[_n * _n];
        _a = new Complex[_n * _m];
        _dopri = new DormandPrince54(2 * _n * _m, tolerance, tolerance);
        Tolerance = tolerance;
        // a(0) = F[ψ(0)]/M.
        for (var j = 0; j < _n; j++) problem.Initial[j].CopyTo(_buffer.Slice(j * _m, _m));
        _plan.Execute(_buffer, 0, FftDirection.Forward);
        _y = new double[2 * _n * _m];
        var span = _buffer.Span;
        for (var i = 0; i < _n * _m; i++)
        {
            _y[2 * i] = span[i].Real / _m;
            _y[2 * i + 1] = span[i].Imaginary / _m;
        }
    }

    /// <summary>The FFT backend of the interaction-picture transforms.</summary>
    public IFftBackend Backend { get; }
    /// <summary>DOPRI5's absolute and relative error tolerance.</summary>
    public double Tolerance { get; }
    /// <summary>Accepted and rejected DOPRI5 steps so far.</summary>
    public (long Accepted, long Rejected) Steps => (_dopri.AcceptedSteps, _dopri.RejectedSteps);

    /// <summary>ψ_j at each of <paramref name="times"/> (ascending, ≥ the current time): [sample][oscillator][point].</summary>
    public Complex[][][] States(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var result = new Complex[times.Count][][];
        for (var s = 0; s < times.Count; s++)
        {
            if (times[s] < _time) throw new ArgumentException($"Output times must ascend; {times[s]} < {_time}.");
            _dopri.Integrate(Rhs, _time, times[s], _y);
            _time = times[s];
            result[s] = Physical(_y, _time);
        }
        return result;
    }

    /// <summary>The states of <see cref="States"/> and their correlations z_jk = &lt;ψ_j, ψ_k&gt; (row-major).</summary>
    public static Complex[] Correlations(Complex[][] states, double cellVolume)
    {
        var n = states.Length;
        var z = new Complex[n * n];
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            Complex sum = 0;
            for (var i = 0; i < states[j].Length; i++) sum += Complex.Conjugate(states[j][i]) * states[k][i];
            z[j * n + k] = sum * cellVolume;
        }
        return z;
    }

    private Complex[][] Physical(ReadOnlySpan<double> y, double t)
    {
        Load(y, t);
        _plan.Execute(_buffer, 0, FftDirection.Inverse);
        var gauge = Complex.FromPolarCoordinates(1, -_gauge * t);
        var span = _buffer.Span;
        var result = new Complex[_n][];
        for (var j = 0; j < _n; j++)
        {
            var psi = new Complex[_m];
            for (var i = 0; i < _m; i++) psi[i] = span[j * _m + i] * gauge;
            result[j] = psi;
        }
        return result;
    }

    /// <summary>_a ← y; buffer ← a_j e^{−i|k|²t/2}; _phase ← e^{+i|k|²t/2}.</summary>
    private void Load(ReadOnlySpan<double> y, double t)
    {
        for (var i = 0; i < _m; i++)
        {
            var (sin, cos) = Math.SinCos(_halfK2[i] * t);
            _phase[i] = new Complex(cos, sin);
        }
        var span = _buffer.Span;
        for (var j = 0; j < _n; j++)
        for (var i = 0; i < _m; i++)
        {
            var a = new Complex(y[2 * (j * _m + i)], y[2 * (j * _m + i) + 1]);
            _a[j * _m + i] = a;
            span[j * _m + i] = a * Complex.Conjugate(_phase[i]);
        }
    }

    private void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        Load(y, t);
        // z_kj = <ψ_k, ψ_j> = M ΔV Σ conj(a_k) a_j.
        for (var k = 0; k < _n; k++)
        for (var j = 0; j < _n; j++)
        {
            Complex sum = 0;
            for (var i = 0; i < _m; i++) sum += Complex.Conjugate(_a[k * _m + i]) * _a[j * _m + i];
            _z[k * _n + j] = sum * (_m * _cellVolume);
        }
        // Potential term: −i (V_j − c) ψ_j in physical space, back to the interaction picture.
        _plan.Execute(_buffer, 0, FftDirection.Inverse);
        var span = _buffer.Span;
        for (var j = 0; j < _n; j++)
        {
            var v = _potentials[j];
            for (var i = 0; i < _m; i++)
            {
                var psi = span[j * _m + i];
                span[j * _m + i] = new Complex(v[i] * psi.Imaginary, -v[i] * psi.Real) / _m;
            }
        }
        _plan.Execute(_buffer, 0, FftDirection.Forward);
        var factor = _coupling / (2.0 * _n);
        for (var j = 0; j < _n; j++)
        {
            // Σ_k z_kj/(n_j n_k): the coefficient of a_j in the coupling.
            Complex self = 0;
            for (var k = 0; k < _n; k++) self += _z[k * _n + j] / (_norms[j] * _norms[k]);
            for (var i = 0; i < _m; i++)
            {
                var d = span[j * _m + i] * _phase[i];
                if (factor != 0)
                {
                    Complex mix = 0;
                    for (var k = 0; k < _n; k++) mix += _norms[j] / _norms[k] * _a[k * _m + i];
                    d += factor * (mix - self * _a[j * _m + i]);
                }
                dydt[2 * (j * _m + i)] = d.Real;
                dydt[2 * (j * _m + i) + 1] = d.Imaginary;
            }
        }
    }

    /// <summary>|k|²/2 in FFT order, row-major, from k = 2π n/L with n = 0, 1, …, ⌈M/2⌉ − 1, −⌊M/2⌋, …, −1 (own code).</summary>
    private static double[] HalfWavenumberSquared(int[] sizes, double[] lengths)
    {
        var count = sizes.Aggregate(1, (p, s) => p * s);
        var result = new double[count];
        for (var flat = 0; flat < count; flat++)
        {
            var rest = flat;
            double k2 = 0;
            for (var a = sizes.Length - 1; a >= 0; a--)
            {
                var i = rest % sizes[a];
                rest /= sizes[a];
                var n = 2 * i < sizes[a] ? i : i - sizes[a];
                var k = 2 * Math.PI * n / lengths[a];
                k2 += k * k;
            }
            result[flat] = 0.5 * k2;
        }
        return result;
    }

    /// <summary>Releases the FFT buffer.</summary>
    public void Dispose() => _buffer.Dispose();
}
