using System.Numerics;
using ConvergenceSuite.Abstractions;

namespace MySolver;

/// <summary>
/// The Wigner-Lohe part of <see cref="NaiveStrangSolver"/>: d = 1, the complex form of the W-L system (the paper,
/// Section 3, before (13)),
/// ∂t w_jk + p ∂x w_jk + Θ[V] w_jk = (K/2N) Σ_l (w_jl + w_lk − (z_jl + z_lk) w_jk),  z_jk = ∫∫ w_jk dx dp,
/// split into three exactly solvable parts, as the numpy example verification/examples/wl_split_step.py does (ported from
/// its description, not from ConvergenceSuite's C# solver):
/// transport ∂t w = −p ∂x w, exact along x in Fourier space (ŵ(k,p) ← e^{−ikpτ} ŵ);
/// Θ[V] ∂t w = −Θ[V] w, exact along p in the dual variable y (u(x,y) ← e^{iτ[V(x+y/2) − V(x−y/2)]} u);
/// coupling, linear in w for fixed z and the same at every phase-space point, with z obeying the same equation: one
/// N²×N² map per sub-step, integrated by classical RK4 in pieces with K·h ≤ <see cref="MaxCouplingSubstep"/>.
/// Strang = C(τ/2) Θ(τ/2) T(τ) Θ(τ/2) C(τ/2); Yoshida-4 = three Strang steps with the triple-jump weights. The Fourier
/// transforms are plain O(M²) DFTs by matrix (no FFT library), applied to every row or column of the M × M field.
/// </summary>
internal static class NaiveWignerStrang
{
    /// <summary>Largest K·h of one RK4 piece of the coupling flow: local error ≈ (Kh)⁵/120 ≈ 3e-16.</summary>
    public const double MaxCouplingSubstep = 0.002;

    /// <summary>Runs a 1-D W-L problem with "strang" or "yoshida4" and returns z and, when asked, every field.</summary>
    public static Trajectory Run(string name, WignerLoheSpec spec, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes,
        CancellationToken cancellation)
    {
        if (spec.Dimension != 1) throw new NotSupportedException($"{name} solves 1-D Wigner-Lohe problems only.");
        double[] weights = resolution.Scheme switch
        {
            "strang" => [1.0],
            "yoshida4" => YoshidaWeights(),
            _ => throw new NotSupportedException($"{name} implements the Strang splitting (and Yoshida's triple jump of it) for W-L, not '{resolution.Scheme}'."),
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var problem = spec.Discretise(resolution.GridPoints);
        var grid = problem.Grid;
        var m = grid.XGrid.Sizes[0];
        var length = grid.XGrid.Lengths[0];
        var dx = length / m;
        var n = problem.Oscillators;
        var cell = grid.CellVolume;
        var h = resolution.TimeStep;
        var fields = problem.Initial.Select(f => f.ToArray()).ToArray();
        var dft = new MatrixDft(m);
        var x = Enumerable.Range(0, m).Select(j => -length / 2 + j * dx).ToArray();
        var p = Enumerable.Range(0, m).Select(i => (i - m / 2) * 2 * Math.PI / length).ToArray();
        var modes = Enumerable.Range(0, m).Select(q => q < m / 2 ? q : q - m).ToArray(); // FFT order; q = M/2 is the Nyquist index
        var potential = problem.Potential;
        double V(double at) => potential[[at]];

        // Tables per sub-step length τ (Strang uses τ/2 and τ for each weight).
        var transport = new Dictionary<double, Complex[]>();
        var theta = new Dictionary<double, Complex[]>();
        Complex[] Transport(double tau)
        {
            if (transport.TryGetValue(tau, out var t)) return t;
            t = new Complex[m * m]; // [k index q][p index]
            for (var q = 0; q < m; q++)
            for (var i = 0; i < m; i++)
            {
                var phase = -2 * Math.PI * modes[q] / length * p[i] * tau;
                t[q * m + i] = q == m / 2 ? Math.Cos(phase) : Complex.FromPolarCoordinates(1, phase); // Nyquist: mean of ±k
            }
            return transport[tau] = t;
        }
        Complex[] Theta(double tau)
        {
            if (theta.TryGetValue(tau, out var t)) return t;
            t = new Complex[m * m]; // [x index][y index, FFT order]
            for (var j = 0; j < m; j++)
            for (var s = 0; s < m; s++)
            {
                var y = modes[s] * dx;
                var factor = Complex.FromPolarCoordinates(1, tau * (V(x[j] + y / 2) - V(x[j] - y / 2)));
                if (s == m / 2) // y = −L/2 stands for ±L/2: the mean of both
                    factor = (factor + Complex.FromPolarCoordinates(1, tau * (V(x[j] - y / 2) - V(x[j] + y / 2)))) / 2;
                t[j * m + s] = factor;
            }
            return theta[tau] = t;
        }

        void Strang(double tau)
        {
            Couple(fields, n, problem.Coupling, cell, tau / 2);
            var half = Theta(tau / 2);
            var full = Transport(tau);
            foreach (var w in fields)
            {
                dft.AlongP(w, half);
                dft.AlongX(w, full);
                dft.AlongP(w, half);
            }
            Couple(fields, n, problem.Coupling, cell, tau / 2);
        }

        var times = sampleTimes ?? spec.SampleTimes;
        var correlations = new List<Complex[]>();
        var stored = storeStates ? new List<Complex[][]>() : null;
        long steps = 0;
        foreach (var target in times)
        {
            var stepsTo = (long)Math.Round(target / h);
            if (Math.Abs(stepsTo * h - target) > 1e-9 * Math.Max(1, target))
                throw new ArgumentException($"sample time {target} is not a multiple of dt = {h}");
            for (; steps < stepsTo; steps++)
            {
                cancellation.ThrowIfCancellationRequested();
                foreach (var weight in weights) Strang(weight * h);
            }
            correlations.Add(fields.Select(f => Sum(f) * cell).ToArray());
            stored?.Add(fields.Select(f => f.ToArray()).ToArray());
        }
        return new Trajectory(name, resolution.Scheme, "naive-dft", h, grid.XGrid, n, times, correlations, null, watch.Elapsed.TotalSeconds)
        {
            Payload = new WignerLohePayload(grid, problem, stored),
        };
    }

    private static double[] YoshidaWeights()
    {
        var w1 = 1 / (2 - Math.Cbrt(2));
        return [w1, 1 - 2 * w1, w1];
    }

    private static Complex Sum(Complex[] f)
    {
        var s = Complex.Zero;
        foreach (var v in f) s += v;
        return s;
    }

    /// <summary>
    /// The coupling flow over τ. For fixed z the right-hand side L(z)[x]_jk = (K/2N)(Σ_l x_jl + Σ_l x_lk − Σ_l (z_jl + z_lk) x_jk)
    /// is linear in the N×N matrix x and the same at every phase-space point, and z = ∫∫ w obeys dz/dt = L(z)[z]. So the flow
    /// is one linear map P on N×N matrices: integrate dP/dt = L(z) P with dz/dt = L(z) z by RK4, then apply P pointwise.
    /// </summary>
    private static void Couple(Complex[][] fields, int n, double coupling, double cell, double tau)
    {
        if (coupling == 0 || tau == 0) return;
        var nn = n * n;
        // State: columns 0..N²−1 are P[E_ab] (each an N×N matrix, flat), column N² is z.
        var y = new Complex[nn + 1][];
        for (var c = 0; c < nn; c++)
        {
            y[c] = new Complex[nn];
            y[c][c] = 1;
        }
        y[nn] = fields.Select(f => Sum(f) * cell).ToArray();
        var pieces = Math.Max(1, (int)Math.Ceiling(Math.Abs(coupling * tau) / MaxCouplingSubstep));
        var h = tau / pieces;
        Complex[][] Rhs(Complex[][] u)
        {
            var z = u[nn];
            var damping = new Complex[nn];
            for (var j = 0; j < n; j++)
            for (var k = 0; k < n; k++)
            {
                var d = Complex.Zero;
                for (var l = 0; l < n; l++) d += z[j * n + l] + z[l * n + k];
                damping[j * n + k] = d;
            }
            var f = coupling / (2.0 * n);
            return u.Select(xm =>
            {
                var r = new Complex[nn];
                for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                {
                    var s = Complex.Zero;
                    for (var l = 0; l < n; l++) s += xm[j * n + l] + xm[l * n + k];
                    r[j * n + k] = f * (s - damping[j * n + k] * xm[j * n + k]);
                }
                return r;
            }).ToArray();
        }
        Complex[][] Add(Complex[][] u, Complex[][] du, double c) => u.Select((v, i) => v.Select((a, e) => a + c * du[i][e]).ToArray()).ToArray();
        for (var piece = 0; piece < pieces; piece++)
        {
            var k1 = Rhs(y);
            var k2 = Rhs(Add(y, k1, h / 2));
            var k3 = Rhs(Add(y, k2, h / 2));
            var k4 = Rhs(Add(y, k3, h));
            for (var c = 0; c <= nn; c++)
            for (var e = 0; e < nn; e++) y[c][e] += h / 6 * (k1[c][e] + 2 * k2[c][e] + 2 * k3[c][e] + k4[c][e]);
        }
        // w_jk ← Σ_ab P[E_ab]_jk w_ab at every point.
        var count = fields[0].Length;
        var result = new Complex[nn][];
        for (var e = 0; e < nn; e++)
        {
            var r = new Complex[count];
            for (var c = 0; c < nn; c++)
            {
                var coefficient = y[c][e];
                if (coefficient == Complex.Zero) continue;
                var src = fields[c];
                for (var i = 0; i < count; i++) r[i] += coefficient * src[i];
            }
            result[e] = r;
        }
        for (var e = 0; e < nn; e++) fields[e] = result[e];
    }

    /// <summary>The DFT of every row or column of an M × M field (x index slowest) by the M × M matrix of e^{−2πi qj/M}.</summary>
    private sealed class MatrixDft
    {
        private readonly Complex[] _forward;
        private readonly Complex[] _work;
        private readonly int _m;

        public MatrixDft(int m)
        {
            _m = m;
            _forward = new Complex[m * m];
            for (var q = 0; q < m; q++)
                for (var i = 0; i < m; i++) _forward[q * m + i] = Complex.FromPolarCoordinates(1, -2 * Math.PI * ((long)q * i % m) / m);
            _work = new Complex[m * m];
        }

        /// <summary>Each column (fixed p): DFT over x, times factor[q, p], inverse DFT.</summary>
        public void AlongX(Complex[] w, Complex[] factor)
        {
            var m = _m;
            var g = _work;
            Array.Clear(g);
            for (var q = 0; q < m; q++)
            {
                var gq = g.AsSpan(q * m, m);
                for (var j = 0; j < m; j++)
                {
                    var c = _forward[q * m + j];
                    var row = w.AsSpan(j * m, m);
                    for (var i = 0; i < m; i++) gq[i] += c * row[i];
                }
                for (var i = 0; i < m; i++) gq[i] *= factor[q * m + i];
            }
            Array.Clear(w);
            for (var j = 0; j < m; j++)
            {
                var wj = w.AsSpan(j * m, m);
                for (var q = 0; q < m; q++)
                {
                    var c = Complex.Conjugate(_forward[j * m + q]) / m;
                    var row = g.AsSpan(q * m, m);
                    for (var i = 0; i < m; i++) wj[i] += c * row[i];
                }
            }
        }

        /// <summary>Each row (fixed x): DFT over p (the output index is y in FFT order), times factor[x, y], inverse DFT.
        /// The DFT's phase (−1)^n against u = ∫ e^{−ipy} w dp with p from −π/Δx is a diagonal factor and cancels.</summary>
        public void AlongP(Complex[] w, Complex[] factor)
        {
            var m = _m;
            var u = new Complex[m];
            for (var j = 0; j < m; j++)
            {
                var row = w.AsSpan(j * m, m);
                for (var s = 0; s < m; s++)
                {
                    var sum = Complex.Zero;
                    var f = _forward.AsSpan(s * m, m);
                    for (var i = 0; i < m; i++) sum += f[i] * row[i];
                    u[s] = sum * factor[j * m + s];
                }
                for (var i = 0; i < m; i++)
                {
                    var sum = Complex.Zero;
                    var f = _forward.AsSpan(i * m, m);
                    for (var s = 0; s < m; s++) sum += Complex.Conjugate(f[s]) * u[s];
                    row[i] = sum / m;
                }
            }
        }
    }
}
