using System.Numerics;
using QuantumSync.Models.Hydrodynamics;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Wigner;

namespace ConvergenceSuite.Harness.Claims;

/// <summary>
/// The free Wigner operator of the left-hand sides of (2), (13), (14) on a 1-D phase-space grid:
/// 𝓛w = p·∂x w + Θ[V]w, with p·∂x w spectral in x (ŵ(k,p) · ik, then · p) and Θ[V]w = (2π)^{-1}∫ e^{ipy} (−i)[V(x+y/2) −
/// V(x−y/2)] u(x,y) dy, u = ∫ e^{−ipy} w dp (the definition printed in Section 3), V evaluated analytically at x ± y/2.
/// </summary>
public sealed class PhaseSpaceOperator : IDisposable
{
    private readonly double[] _p;
    private readonly double[] _k;
    private readonly double[] _dv;
    private readonly ComplexBuffer _a;
    private readonly ComplexBuffer _b;

    /// <summary>Precomputes p, the x-wavenumbers and V(x + y/2) − V(x − y/2) at every point of the 1-D <paramref name="grid"/>.</summary>
    public PhaseSpaceOperator(PhaseSpaceGrid grid, QuantumSync.Models.Potentials.Potential potential)
    {
        if (grid.Dimension != 1) throw new ArgumentException("The ledger's phase-space residuals are for d = 1.");
        Grid = grid;
        var m = grid.XGrid.Sizes[0];
        var x = grid.XGrid.Coordinates(0);
        var p = grid.Momenta(0);
        var k = grid.Wavenumbers(0);
        var y = grid.Displacements(0);
        _p = new double[grid.Count]; _k = new double[grid.Count]; _dv = new double[grid.Count];
        for (var j = 0; j < m; j++)
        for (var n = 0; n < m; n++)
        {
            var i = grid.Index(j, n);
            _p[i] = p[n];
            _k[i] = k[j];
            _dv[i] = potential[[x[j] + y[n] / 2]] - potential[[x[j] - y[n] / 2]];
        }
        _a = new ComplexBuffer(grid.Count);
        _b = new ComplexBuffer(grid.Count);
    }

    /// <summary>The phase-space grid the operator acts on.</summary>
    public PhaseSpaceGrid Grid { get; }

    /// <summary>(transport p·∂x w, Θ[V]w) of one field.</summary>
    public (Complex[] Transport, Complex[] Potential) Apply(ReadOnlySpan<Complex> w)
    {
        w.CopyTo(_a.Span);
        Grid.XToK(_a);
        var s = _a.Span;
        for (var i = 0; i < s.Length; i++) s[i] *= new Complex(0, _k[i]);
        Grid.KToX(_a);
        for (var i = 0; i < s.Length; i++) s[i] *= _p[i];
        w.CopyTo(_b.Span);
        Grid.PToY(_b);
        var t = _b.Span;
        for (var i = 0; i < t.Length; i++) t[i] *= new Complex(0, -_dv[i]);
        Grid.YToP(_b);
        return (_a.ToArray(), _b.ToArray());
    }

    /// <summary>Releases the FFT work buffers.</summary>
    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}

/// <summary>Which part of 𝓛w_jk a printed line equates to its right-hand side.</summary>
public enum WignerPart
{
    /// <summary>The complex field (lines for w_j and the complex w_12 of (14)).</summary>
    Complex,
    /// <summary>w⁺ = Re w (𝓛 is real, so 𝓛w⁺ = Re 𝓛w).</summary>
    Real,
    /// <summary>w⁻ = Im w.</summary>
    Imaginary,
}

/// <summary>The data a right-hand side reads at one time: the N² fields w_jk (row-major) and z_jk = ∫∫ w_jk.</summary>
public sealed record WignerState(int N, Complex[][] W, Complex[] Z, double Coupling);

/// <summary>
/// One printed line of (2), (13) or (14): for which (j,k) it is stated, which part of the field it evolves and its
/// right-hand side. The residual is Part(∂t w_jk + 𝓛 w_jk) − RHS; a complex RHS against a real part (the "−i" terms
/// printed in (13)) leaves a complex residual, whose modulus is measured.
/// </summary>
public sealed record WignerLine(string Label, string Equation, WignerPart Part, Func<int, int, bool> Applies, Func<WignerState, int, int, Complex[]> Rhs);

/// <summary>The printed lines of (2), (13), (14) and the complex form they split (docs/MATH.md).</summary>
public static class WignerLines
{
    private static Complex[] Accumulate(WignerState s, int j, int k, Func<int, int, Complex> pointTerm)
    {
        var r = new Complex[s.W[0].Length];
        for (var l = 0; l < s.N; l++)
        for (var i = 0; i < r.Length; i++) r[i] += pointTerm(l, i);
        return r;
    }

    private static double Re(Complex c) => c.Real;
    private static double Im(Complex c) => c.Imaginary;

    /// <summary>(2)/(13) first line: ∂t w_j + p·∇x w_j + Θ[V]w_j = K/N Σ_k (w⁺_jk − r_jk w_j).</summary>
    public static WignerLine First { get; } = new("(2)/(13) line 1", "∂t w_j + p·∇x w_j + Θ[V]w_j = (K/N) Σ_k (w⁺_jk − r_jk w_j)", WignerPart.Complex,
        (j, k) => j == k, (s, j, _) =>
        {
            var f = s.Coupling / s.N;
            return Accumulate(s, j, j, (l, i) => f * (Re(s.W[j * s.N + l][i]) - Re(s.Z[j * s.N + l]) * s.W[j * s.N + j][i]));
        });

    /// <summary>Printed (2), second line (w⁺_jk, j ≠ k): K/2N Σ_l [w⁺_jl + w⁺_lk − (∫w⁺_jl + w⁺_lk) w⁺_jk + (∫w⁻_jl + w⁻_lk) w⁻_jk].</summary>
    public static WignerLine Eq2Line2 { get; } = SplitLine("(2) line 2", "∂t w⁺_jk + … = K/2N Σ_l [w⁺_jl + w⁺_lk − (∫(w⁺_jl + w⁺_lk)) w⁺_jk + (∫(w⁻_jl + w⁻_lk)) w⁻_jk]",
        WignerPart.Real, sTermSign: +1, sTermImaginary: false);

    /// <summary>Printed (2), third line (w⁻_jk): K/2N Σ_l [w⁻_jl + w⁻_lk − (∫w⁺…) w⁻_jk + (∫w⁻_jl + w⁻_lk) w⁺_jk].</summary>
    public static WignerLine Eq2Line3 { get; } = SplitLine("(2) line 3", "∂t w⁻_jk + … = K/2N Σ_l [w⁻_jl + w⁻_lk − (∫(w⁺_jl + w⁺_lk)) w⁻_jk + (∫(w⁻_jl + w⁻_lk)) w⁺_jk]",
        WignerPart.Imaginary, sTermSign: +1, sTermImaginary: false);

    /// <summary>Printed (13), second line: K/2N Σ_l [w⁺_jl + w⁺_lk − (r_jl + r_lk) w⁺_jk − i(s_jl + s_lk) w⁻_jk].</summary>
    public static WignerLine Eq13Line2 { get; } = SplitLine("(13) line 2", "∂t w⁺_jk + … = K/2N Σ_l [w⁺_jl + w⁺_lk − (r_jl + r_lk) w⁺_jk − i(s_jl + s_lk) w⁻_jk]",
        WignerPart.Real, sTermSign: -1, sTermImaginary: true);

    /// <summary>Printed (13), third line: K/2N Σ_l [w⁻_jl + w⁻_lk − (r_jl + r_lk) w⁻_jk − i(s_jl + s_lk) w⁺_jk].</summary>
    public static WignerLine Eq13Line3 { get; } = SplitLine("(13) line 3", "∂t w⁻_jk + … = K/2N Σ_l [w⁻_jl + w⁻_lk − (r_jl + r_lk) w⁻_jk − i(s_jl + s_lk) w⁺_jk]",
        WignerPart.Imaginary, sTermSign: -1, sTermImaginary: true);

    /// <summary>Harness finding: the real and imaginary parts of the complex form, w⁺: … + (s_jl + s_lk) w⁻_jk (as (2) line 2).</summary>
    public static WignerLine CorrectedLine2 { get; } = SplitLine("corrected line 2", "∂t w⁺_jk + … = K/2N Σ_l [w⁺_jl + w⁺_lk − (r_jl + r_lk) w⁺_jk + (s_jl + s_lk) w⁻_jk]",
        WignerPart.Real, sTermSign: +1, sTermImaginary: false);

    /// <summary>Harness finding: w⁻: … − (s_jl + s_lk) w⁺_jk.</summary>
    public static WignerLine CorrectedLine3 { get; } = SplitLine("corrected line 3", "∂t w⁻_jk + … = K/2N Σ_l [w⁻_jl + w⁻_lk − (r_jl + r_lk) w⁻_jk − (s_jl + s_lk) w⁺_jk]",
        WignerPart.Imaginary, sTermSign: -1, sTermImaginary: false);

    /// <summary>(14) lines 1–2 (N = 2): ∂t w_j + … = K/2 (w⁺_12 − r12 w_j).</summary>
    public static WignerLine System14Diagonal { get; } = new("(14) lines 1–2", "∂t w_j + p·∇x w_j + Θ[V]w_j = K/2 (w⁺_12 − r12 w_j), j = 1, 2", WignerPart.Complex,
        (j, k) => j == k, (s, j, _) =>
        {
            var w12 = s.W[1];
            var r12 = s.Z[1].Real;
            var wj = s.W[j * 2 + j];
            return wj.Select((v, i) => s.Coupling / 2 * (w12[i].Real - r12 * v)).ToArray();
        });

    /// <summary>(14) line 3 (N = 2): ∂t w_12 + … = K/4 (w_1 + w_2 − 2 z12 w_12).</summary>
    public static WignerLine System14OffDiagonal { get; } = new("(14) line 3", "∂t w12 + p·∇x w12 + Θ[V]w12 = K/4 (w1 + w2 − 2 z12 w12)", WignerPart.Complex,
        (j, k) => j == 0 && k == 1, (s, _, _) =>
        {
            var z12 = s.Z[1];
            return s.W[1].Select((v, i) => s.Coupling / 4 * (s.W[0][i] + s.W[3][i] - 2 * z12 * v)).ToArray();
        });

    private static WignerLine SplitLine(string label, string equation, WignerPart part, int sTermSign, bool sTermImaginary) =>
        new(label, equation, part, (j, k) => j != k, (s, j, k) =>
        {
            var n = s.N;
            var f = s.Coupling / (2.0 * n);
            var wjk = s.W[j * n + k];
            Func<Complex, double> same = part == WignerPart.Real ? Re : Im;
            Func<Complex, double> other = part == WignerPart.Real ? Im : Re;
            var r = new Complex[wjk.Length];
            for (var l = 0; l < n; l++)
            {
                var wjl = s.W[j * n + l];
                var wlk = s.W[l * n + k];
                var rr = s.Z[j * n + l].Real + s.Z[l * n + k].Real;
                var ss = s.Z[j * n + l].Imaginary + s.Z[l * n + k].Imaginary;
                var sCoefficient = sTermImaginary ? new Complex(0, sTermSign * ss) : new Complex(sTermSign * ss, 0);
                for (var i = 0; i < r.Length; i++)
                    r[i] += f * (same(wjl[i]) + same(wlk[i]) - rr * same(wjk[i]) + sCoefficient * other(wjk[i]));
            }
            return r;
        });
}

/// <summary>Produces the N² Wigner fields w_jk (row-major) at given times, sampled with step dt.</summary>
public delegate Complex[][][] FieldSource(double dt, IReadOnlyList<double> times);

/// <summary>
/// Phase-space snapshots around evaluation times for a ladder of sample spacings δ (dt = δ/4), as
/// <see cref="Hydrodynamics.HydrodynamicLadder"/> does for (19); any printed line is then evaluated on the same data.
/// </summary>
public sealed class WignerLadder : IDisposable
{
    /// <summary>Solver steps per sample spacing (as for the hydrodynamic ladder).</summary>
    public const int StepsPerSample = 4;

    private readonly Complex[][][][][] _stencils; // [level][eval][stencil point][field]
    private readonly PhaseSpaceOperator _operator;

    private WignerLadder(PhaseSpaceGrid grid, PhaseSpaceOperator op, int n, double coupling, double[] deltas, int order, Complex[][][][][] stencils)
    {
        Grid = grid; _operator = op; N = n; Coupling = coupling; Deltas = deltas; Order = order; _stencils = stencils;
    }

    /// <summary>The phase-space grid of the fields.</summary>
    public PhaseSpaceGrid Grid { get; }
    /// <summary>N: the number of oscillators.</summary>
    public int N { get; }
    /// <summary>K: the coupling strength of the data.</summary>
    public double Coupling { get; }
    /// <summary>Sample spacing δ of each level (halving per level).</summary>
    public double[] Deltas { get; }
    /// <summary>Order of the central-difference time stencil.</summary>
    public int Order { get; }

    /// <summary>S-L route: fields w[ψ_j, ψ_k] (Definition 1.1, discrete Wigner transform) of the S-L solver under test's solution.</summary>
    public static FieldSource FromSchrodinger(SlData data, PhaseSpaceGrid grid, string scheme) => (dt, times) =>
    {
        var states = ClaimRuns.SplitStep(data, scheme, dt, times);
        using var wigner = new WignerTransform(grid);
        return states.Select(s =>
        {
            var f = new Complex[data.N * data.N][];
            for (var j = 0; j < data.N; j++)
            for (var k = 0; k < data.N; k++)
                f[j * data.N + k] = wigner.Transform(s[j], s[k]);
            return f;
        }).ToArray();
    };

    /// <summary>W-L route: the W-L solver under test (a second level) from the pure data w[ψ_j(0), ψ_k(0)].</summary>
    public static FieldSource FromWignerSolver(SlData data, PhaseSpaceGrid grid, string scheme) => (dt, times) =>
    {
        if (!grid.XGrid.Equals(data.Grid)) throw new ArgumentException($"the phase-space grid over {grid.XGrid} is not over the data's grid {data.Grid}");
        return ClaimRuns.Wigner(data, scheme, dt, times).Fields;
    };

    /// <summary>Samples the source for every level (δ halves per level; evaluation times multiples of the coarsest δ).</summary>
    public static WignerLadder Build(SlData data, PhaseSpaceGrid grid, FieldSource source, double coarsestDelta, int levels, double[] evaluationTimes, int order = 6)
    {
        var q = CentralDifference.HalfWidth(order);
        var deltas = Enumerable.Range(0, levels).Select(l => coarsestDelta / (1 << l)).ToArray();
        var stencils = new Complex[levels][][][][];
        for (var l = 0; l < levels; l++)
        {
            var delta = deltas[l];
            var centres = evaluationTimes.Select(t => (long)Math.Round(t / delta)).ToArray();
            var steps = centres.SelectMany(c => Enumerable.Range(-q, 2 * q + 1).Select(m => c + m)).Distinct().Order().ToArray();
            var fields = source(delta / StepsPerSample, steps.Select(n => n * delta).ToArray());
            var index = steps.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
            stencils[l] = centres.Select(c => Enumerable.Range(-q, 2 * q + 1).Select(m => fields[index[c + m]]).ToArray()).ToArray();
        }
        return new WignerLadder(grid, new PhaseSpaceOperator(grid, data.Potential), data.N, data.Coupling, deltas, order, stencils);
    }

    /// <summary>Per level, the largest relative residual ‖R‖/(‖∂t part‖ + ‖𝓛 part‖ + ‖RHS‖) of the line over its (j,k) and the evaluation times.</summary>
    public double[] Residuals(WignerLine line)
    {
        var result = new double[Deltas.Length];
        for (var l = 0; l < Deltas.Length; l++)
        {
            var worst = 0.0;
            foreach (var stencil in _stencils[l])
            {
                var centre = stencil[stencil.Length / 2];
                var z = centre.Select(f => Grid.Integral(f)).ToArray();
                var state = new WignerState(N, centre, z, Coupling);
                for (var j = 0; j < N; j++)
                for (var k = 0; k < N; k++)
                {
                    if (!line.Applies(j, k)) continue;
                    var idx = j * N + k;
                    var dt = TimeDerivative(stencil, idx, Deltas[l]);
                    var (transport, potential) = _operator.Apply(centre[idx]);
                    var rhs = line.Rhs(state, j, k);
                    var res = new Complex[rhs.Length];
                    double nd = 0, nl = 0, nr = 0, nres = 0;
                    for (var i = 0; i < res.Length; i++)
                    {
                        var a = Part(line.Part, dt[i]);
                        var b = Part(line.Part, transport[i] + potential[i]);
                        res[i] = a + b - rhs[i];
                        nd += (a * Complex.Conjugate(a)).Real; nl += (b * Complex.Conjugate(b)).Real;
                        nr += (rhs[i] * Complex.Conjugate(rhs[i])).Real; nres += (res[i] * Complex.Conjugate(res[i])).Real;
                    }
                    var rel = Math.Sqrt(nres) / (Math.Sqrt(nd) + Math.Sqrt(nl) + Math.Sqrt(nr));
                    worst = Math.Max(worst, rel);
                }
            }
            result[l] = worst;
        }
        return result;
    }

    /// <summary>Largest |Im z_jk| at the evaluation times (finest level): the s-terms of (2)/(13) matter only where s ≠ 0.</summary>
    public double MaxImaginaryCorrelation() =>
        _stencils[^1].Max(st => st[st.Length / 2].Max(f => Math.Abs(Grid.Integral(f).Imaginary)));

    private static Complex Part(WignerPart part, Complex c) => part switch
    {
        WignerPart.Real => c.Real,
        WignerPart.Imaginary => c.Imaginary,
        _ => c,
    };

    private Complex[] TimeDerivative(Complex[][][] stencil, int field, double delta)
    {
        var w = CentralDifference.Weights(Order);
        var n = stencil[0][field].Length;
        var r = new Complex[n];
        for (var m = 0; m < w.Length; m++)
        {
            if (w[m] == 0) continue;
            var f = stencil[m][field];
            for (var i = 0; i < n; i++) r[i] += w[m] * f[i];
        }
        for (var i = 0; i < n; i++) r[i] /= delta;
        return r;
    }

    /// <summary>Releases the phase-space operator.</summary>
    public void Dispose() => _operator.Dispose();
}
