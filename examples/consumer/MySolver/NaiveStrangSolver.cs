using System.Diagnostics;
using System.Numerics;
using ConvergenceSuite.Abstractions;

namespace MySolver;

/// <summary>
/// A small Schrödinger-Lohe solver of the kind a user brings: d = 1, Strang splitting
/// kinetic(h/2) · potential(h/2) · coupling(h) · potential(h/2) · kinetic(h/2), the kinetic part exact in Fourier space
/// through a plain O(M²) discrete Fourier transform of its own (no FFT library), the Lohe coupling by one classical
/// Runge–Kutta step per h. It shares nothing with ConvergenceSuite's solvers but the problem definition (grid points,
/// sampled potentials and initial data) that the harness hands every solver. It also runs 1-D Wigner-Lohe problems, by
/// the Strang splitting (and Yoshida's triple jump of it) in phase space, in <see cref="NaiveWignerStrang"/>.
/// </summary>
public sealed class NaiveStrangSolver : ISolverUnderTest
{
    public string Name => "my-naive-strang";

    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.SchrodingerLohe, ModelKind.WignerLohe];

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is WignerLoheSpec wigner) return NaiveWignerStrang.Run(Name, wigner, resolution, storeStates, sampleTimes, cancellation);
        if (problem is not SchrodingerLoheSpec spec || spec.Dimension != 1)
            throw new NotSupportedException($"{Name} solves 1-D Schrödinger-Lohe problems only.");
        if (resolution.Scheme != "strang")
            throw new NotSupportedException($"{Name} implements the Strang splitting only, not '{resolution.Scheme}'.");
        var p = spec.Discretise(resolution.GridPoints);
        var m = p.Grid.Count;
        var n = p.Oscillators;
        var dx = p.Grid.CellVolume;
        var length = p.Grid.Lengths[0];
        var h = resolution.TimeStep;
        var psi = p.Initial.Select(v => v.ToArray()).ToArray();
        var norms = psi.Select(v => Math.Sqrt(Inner(v, v, dx).Real)).ToArray();
        var dft = new Dft(m);
        var kineticHalf = new Complex[m];
        for (var q = 0; q < m; q++)
        {
            var k = 2 * Math.PI / length * (q < m / 2 ? q : q - m);
            kineticHalf[q] = Complex.FromPolarCoordinates(1, -0.5 * k * k * h / 2);
        }
        var potentialHalf = p.Potentials.Select(v => v.Select(x => Complex.FromPolarCoordinates(1, -x * h / 2)).ToArray()).ToArray();

        var times = sampleTimes ?? spec.SampleTimes;
        var correlations = new List<Complex[]>();
        var states = storeStates ? new List<Complex[][]>() : null;
        var watch = Stopwatch.StartNew();
        var t = 0.0;
        long steps = 0;
        foreach (var target in times)
        {
            var stepsTo = (long)Math.Round(target / h);
            if (Math.Abs(stepsTo * h - target) > 1e-9 * Math.Max(1, target))
                throw new ArgumentException($"sample time {target} is not a multiple of dt = {h}");
            for (; steps < stepsTo; steps++)
            {
                cancellation.ThrowIfCancellationRequested();
                foreach (var v in psi) dft.MultiplyInFourier(v, kineticHalf);
                for (var j = 0; j < n; j++) Multiply(psi[j], potentialHalf[j]);
                CouplingRk4(psi, norms, spec.Coupling, h, dx);
                for (var j = 0; j < n; j++) Multiply(psi[j], potentialHalf[j]);
                foreach (var v in psi) dft.MultiplyInFourier(v, kineticHalf);
                t += h;
            }
            var z = new Complex[n * n];
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++) z[j * n + k] = Inner(psi[j], psi[k], dx);
            correlations.Add(z);
            states?.Add(psi.Select(v => v.ToArray()).ToArray());
        }
        return new Trajectory(Name, "strang", "naive-dft", h, p.Grid, n, times, correlations, states, watch.Elapsed.TotalSeconds);
    }

    /// <summary>⟨f, g⟩ = Σ conj(f) g dx.</summary>
    private static Complex Inner(Complex[] f, Complex[] g, double dx)
    {
        var s = Complex.Zero;
        for (var i = 0; i < f.Length; i++) s += Complex.Conjugate(f[i]) * g[i];
        return s * dx;
    }

    private static void Multiply(Complex[] v, Complex[] factor)
    {
        for (var i = 0; i < v.Length; i++) v[i] *= factor[i];
    }

    /// <summary>dψ_j/dt = (K/2N) Σ_k ((n_j/n_k) ψ_k − z_kj/(n_j n_k) ψ_j), one RK4 step of length h.</summary>
    private static void CouplingRk4(Complex[][] psi, double[] norms, double coupling, double h, double dx)
    {
        var n = psi.Length;
        Complex[][] Rhs(Complex[][] u)
        {
            var r = new Complex[n][];
            for (var j = 0; j < n; j++)
            {
                r[j] = new Complex[u[j].Length];
                for (var k = 0; k < n; k++)
                {
                    var zkj = Inner(u[k], u[j], dx);
                    var a = norms[j] / norms[k];
                    var b = zkj / (norms[j] * norms[k]);
                    for (var i = 0; i < u[j].Length; i++) r[j][i] += a * u[k][i] - b * u[j][i];
                }
                for (var i = 0; i < r[j].Length; i++) r[j][i] *= coupling / (2.0 * n);
            }
            return r;
        }
        Complex[][] Add(Complex[][] u, Complex[][] du, double c) => u.Select((v, j) => v.Select((x, i) => x + c * du[j][i]).ToArray()).ToArray();
        var k1 = Rhs(psi);
        var k2 = Rhs(Add(psi, k1, h / 2));
        var k3 = Rhs(Add(psi, k2, h / 2));
        var k4 = Rhs(Add(psi, k3, h));
        for (var j = 0; j < n; j++)
            for (var i = 0; i < psi[j].Length; i++)
                psi[j][i] += h / 6 * (k1[j][i] + 2 * k2[j][i] + 2 * k3[j][i] + k4[j][i]);
    }

    /// <summary>The discrete Fourier transform by its definition, O(M²) with the M × M matrix of e^{−2πi qj/M} computed
    /// once: enough for the small grids of an example (the claims ledger's runs at M = 192 take ≈ 10⁵ steps).</summary>
    private sealed class Dft
    {
        private readonly Complex[] _forward;
        private readonly Complex[] _work;
        private readonly int _m;

        public Dft(int m)
        {
            _m = m;
            _forward = new Complex[m * m];
            for (var q = 0; q < m; q++)
                for (var i = 0; i < m; i++) _forward[q * m + i] = Complex.FromPolarCoordinates(1, -2 * Math.PI * ((long)q * i % m) / m);
            _work = new Complex[m];
        }

        /// <summary>v ← IDFT(factor · DFT(v)).</summary>
        public void MultiplyInFourier(Complex[] v, Complex[] factor)
        {
            var m = _m;
            for (var q = 0; q < m; q++)
            {
                var s = Complex.Zero;
                var row = q * m;
                for (var i = 0; i < m; i++) s += v[i] * _forward[row + i];
                _work[q] = s * factor[q];
            }
            // The inverse: the conjugate matrix, which is symmetric, so row i of it is conj of row i of the forward one.
            for (var i = 0; i < m; i++)
            {
                var s = Complex.Zero;
                var row = i * m;
                for (var q = 0; q < m; q++) s += _work[q] * Complex.Conjugate(_forward[row + q]);
                v[i] = s / m;
            }
        }
    }
}
