using System.Numerics;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Ode;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.Splitting;

namespace QuantumSync.Solvers.WignerLohe;

/// <summary>
/// The three operators of the Wigner-Lohe splitting (<see cref="WignerLoheSolver"/>) on the N² fields w_jk of one
/// problem, for <see cref="SplittingEngine"/>. The fields live in the (x,y) representation u = ∫ e^{−ip·y} w dp in
/// one buffer.
/// <list type="bullet">
/// <item>Transport ("Kinetic" stages): ŵ(k,p,τ) = e^{−i k·p τ} ŵ(k,p), a pointwise phase in (k,p): one batched inverse
/// FFT over all 2d axes of all N² fields, a phase multiplication, one batched forward FFT.</item>
/// <item>Θ[V] ("Potential" stages): ∂t u = i[V(x + y/2) − V(x − y/2)] u, a pointwise phase in (x,y); V is evaluated
/// analytically at the half-grid points x ± y/2 (wrapped periodically into the box, as the S-L grid sees V). The
/// stages of a group are applied together in one cache-blocked pass when the group ends.</item>
/// <item>The Lohe coupling: W(τ) = Φ(τ) W(0) Φ(τ)^† pointwise, Φ' = B(z) Φ, Φ(0) = I, B = (K/2N)(𝟙𝟙ᵀ − diag(Σ_l z_jl)),
/// z = Φ G Φ^† (G = z at the start of the sub-step), integrated with classical RK4 in sub-steps of
/// K·h ≤ <see cref="MaxCouplingSubstep"/>. Transport and Θ[V] are the same linear map on every field, so they commute
/// with the mixing: Φ is folded into a deferred Φ_total (z carried along as Φ z Φ^†) and applied once, when the fields
/// are read (<see cref="Materialise"/>).</item>
/// </list>
/// All phase tables are made once per sub-step fraction (the FFT normalisation folded into the transport table);
/// steady-state stepping allocates nothing. The tables come from protected virtual members and the coupling step is
/// virtual, so a variant composes with the same engine.
/// <para>
/// Grid ends. An entry at a Nyquist index stands for both ends of its range (WignerTransform stores at y = −L/2 the mean
/// of ±L/2); it is evolved with the mean of the two phases (a cosine factor per Nyquist axis), which keeps w_jj real
/// and the family Hermitian. Such entries carry no data when the data sit inside the monitored edges
/// (Models.WignerLohe.PhaseSpaceLeakage).
/// </para>
/// </summary>
public class WignerLoheOperators : ISplittingOperators, IDisposable
{
    /// <summary>Largest K·h of one RK4 sub-step of the coupling flow (local error ≈ (Kh)⁵/120 ≈ 3e-16).</summary>
    public const double MaxCouplingSubstep = 0.002;

    /// <summary>Points per chunk of the pointwise passes (N² chunks of this size stay in cache).</summary>
    private const int MixChunk = 256;

    /// <summary>Couplings folded into the deferred mixing before it is applied anyway, so that z is recomputed from the
    /// fields and round-off in their integrals never accumulates unseen over long runs (as in the S-L solver).</summary>
    private const int MaxDeferredCouplings = 32;

    private readonly int _n;
    private readonly int _count;
    private readonly IFftPlan _plan;
    private readonly ComplexBuffer _u;
    private readonly ComplexBuffer _output;
    private readonly Complex[] _mixScratch;
    private readonly Complex[] _row;
    private readonly Dictionary<double, Complex[]> _transport = [];
    private readonly Dictionary<double, Complex[]> _potential = [];
    /// <summary>The Θ[V] tables of the open group, applied in order when it ends.</summary>
    private readonly List<Complex[]> _groupPotentials = new(8);
    // Coupling work arrays (N×N, row-major).
    private readonly Complex[] _g, _tmp, _work, _phi;
    private readonly ComplexRk4 _rk4;
    private readonly ComplexDerivative _derivative;
    private readonly Complex[] _rowSums;
    /// <summary>Deferred mixing: the buffer holds W_phys and the fields are Φ W_phys Φ^†; _g then holds their z.</summary>
    private readonly Complex[] _phiTotal, _phiScratch;
    private bool _deferred;
    private int _deferredCount;
    private SplittingEngine? _engine;

    /// <summary>The operators on <paramref name="problem"/>'s initial fields for a step of <paramref name="dt"/>.</summary>
    /// <param name="problem">The discretised problem (its fields are copied).</param>
    /// <param name="dt">The time step the stages' fractions refer to.</param>
    /// <param name="backend">FFT backend (null: the problem grid's).</param>
    public WignerLoheOperators(WignerLoheProblem problem, double dt, IFftBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        SplittingEngine.CheckTimeStep(dt);
        Problem = problem;
        TimeStep = dt;
        Backend = backend ?? problem.Grid.Backend;
        Grid = ReferenceEquals(Backend, problem.Grid.Backend) ? problem.Grid : new PhaseSpaceGrid(problem.Grid.XGrid, Backend);
        _n = problem.Oscillators;
        _count = Grid.Count;
        var nn = _n * _n;
        _phiTotal = new Complex[nn];
        _phiScratch = new Complex[nn];
        for (var j = 0; j < _n; j++) _phiTotal[j * _n + j] = 1;
        var sizes = Grid.XGrid.Sizes;
        _plan = Backend.Plan(sizes.Concat(sizes).ToArray(), nn);
        _u = new ComplexBuffer(checked(nn * _count));
        _output = new ComplexBuffer(_count);
        for (var f = 0; f < nn; f++)
        {
            problem.Initial[f].CopyTo(_u.Slice(f * _count, _count));
            Grid.PToY(_u, f * _count);
        }
        _g = new Complex[nn]; _tmp = new Complex[nn]; _work = new Complex[nn]; _phi = new Complex[nn];
        _rk4 = new ComplexRk4(nn);
        _derivative = Derivative; // cached: a method-group conversion per step would allocate
        _rowSums = new Complex[_n];
        _mixScratch = new Complex[nn * MixChunk];
        _row = new Complex[Grid.BlockSize];
    }

    /// <summary>The problem the fields started from.</summary>
    public WignerLoheProblem Problem { get; }

    /// <summary>The phase-space grid (on <see cref="Backend"/>).</summary>
    public PhaseSpaceGrid Grid { get; }

    /// <summary>The time step the stage fractions refer to.</summary>
    public double TimeStep { get; }

    /// <summary>The FFT backend of the transport step.</summary>
    public IFftBackend Backend { get; }

    /// <summary>N.</summary>
    public int Oscillators => _n;

    /// <summary>Ties the operators to the engine that runs them (for the time in error messages). Once only.</summary>
    internal void Bind(SplittingEngine engine)
    {
        if (_engine is not null) throw new InvalidOperationException("These operators already belong to a solver; make new ones for another.");
        _engine = engine;
    }

    /// <inheritdoc />
    public void Kinetic(double fraction)
    {
        if (!_transport.TryGetValue(fraction, out var phase))
            _transport[fraction] = phase = TransportTable(fraction * TimeStep);
        _plan.Execute(_u, 0, FftDirection.Inverse);
        var span = _u.Span;
        for (var f = 0; f < _n * _n; f++) ComplexKernels.Multiply(span.Slice(f * _count, _count), phase);
        _plan.Execute(_u, 0, FftDirection.Forward);
        var probe = _u[0];
        if (!double.IsFinite(probe.Real) || !double.IsFinite(probe.Imaginary))
        {
            var time = _engine?.Time ?? double.NaN;
            throw new SolverDivergedException($"The W-L fields became non-finite near t = {time:R} (step {_engine?.StepsTaken ?? -1}).", time);
        }
    }

    /// <inheritdoc />
    public void Potential(double fraction)
    {
        if (!_potential.TryGetValue(fraction, out var table))
            _potential[fraction] = table = PotentialTable(fraction * TimeStep);
        _groupPotentials.Add(table);
    }

    /// <summary>
    /// The coupling for <paramref name="fraction"/> · dt: the mixing matrix Φ by RK4 from the z of the current fields (from
    /// the stored fields when no mixing is deferred, else the carried one), folded into the deferred mixing, and z carried
    /// along, z ← Φ z Φ^†. Touches no field.
    /// </summary>
    public virtual void Coupling(double fraction)
    {
        if (Problem.Coupling == 0 || fraction == 0) return;
        if (!_deferred) StoredCorrelations(_g); // otherwise _g already holds z of the mixed fields
        var tau = fraction * TimeStep;
        Array.Clear(_phi);
        for (var j = 0; j < _n; j++) _phi[j * _n + j] = 1;
        var substeps = Math.Max(1, (int)Math.Ceiling(Problem.Coupling * Math.Abs(tau) / MaxCouplingSubstep)); // |τ|: Yoshida has negative sub-steps
        var h = tau / substeps;
        for (var k = 0; k < substeps; k++) _rk4.Step(_phi, h, _derivative);
        DeferMixing(_phi);
        Conjugate(_phi, _g, _tmp);
        Array.Copy(_tmp, _g, _g.Length);
    }

    /// <summary>Applies the group's Θ[V] stages in order in one pass over the fields in chunks of <see cref="MixChunk"/>
    /// points (the couplings were folded into the deferred mixing), then applies that mixing if it holds
    /// <see cref="MaxDeferredCouplings"/> couplings.</summary>
    public void EndGroup()
    {
        if (_groupPotentials.Count > 0)
        {
            var span = _u.Span;
            var nn = _n * _n;
            for (var start = 0; start < _count; start += MixChunk)
            {
                var len = Math.Min(MixChunk, _count - start);
                foreach (var potential in _groupPotentials)
                {
                    var table = potential.AsSpan(start, len);
                    for (var f = 0; f < nn; f++) ComplexKernels.Multiply(span.Slice(f * _count + start, len), table);
                }
            }
            _groupPotentials.Clear();
        }
        if (_deferredCount >= MaxDeferredCouplings) Materialise();
    }

    /// <summary>Applies the deferred mixing to the stored fields (one chunked pass) and resets it to the identity.</summary>
    public void Materialise()
    {
        if (!_deferred) return;
        _deferred = false;
        _deferredCount = 0;
        var span = _u.Span;
        for (var start = 0; start < _count; start += MixChunk) Mix(span, start, Math.Min(MixChunk, _count - start), _phiTotal);
        Array.Clear(_phiTotal);
        for (var j = 0; j < _n; j++) _phiTotal[j * _n + j] = 1;
    }

    /// <summary>z_jk = ∫∫ w_jk dx dp = ∫ u_jk(x, y = 0) dx of the stored fields (the current ones after
    /// <see cref="Materialise"/>), every entry computed (row-major).</summary>
    public void StoredCorrelations(Span<Complex> z)
    {
        var block = Grid.BlockSize;
        var span = _u.Span;
        for (var f = 0; f < _n * _n; f++)
        {
            var field = span.Slice(f * _count, _count);
            for (var i = 0; i < block; i++) _row[i] = field[i * block];
            z[f] = Integrals.Sum(_row, Grid.XGrid.CellVolume);
        }
    }

    /// <summary>The stored w_jk (the current one after <see cref="Materialise"/>) in the (x,p) layout of <see cref="Grid"/>.</summary>
    public void StoredField(int j, int k, Span<Complex> destination)
    {
        _output.CopyFrom(_u.Slice((j * _n + k) * _count, _count));
        Grid.YToP(_output);
        _output.Span.CopyTo(destination);
    }

    /// <summary>Φ_total ← Φ Φ_total. Transport and Θ[V] are the same linear map on every field, so they commute with the
    /// mixing W ← Φ W Φ^†; it is applied once, when the fields are read (<see cref="Materialise"/>), exactly up to
    /// round-off, and a step costs its FFTs and pointwise phase products only.</summary>
    protected void DeferMixing(Complex[] phi)
    {
        var n = _n;
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            Complex acc = 0;
            for (var m = 0; m < n; m++) acc += phi[j * n + m] * _phiTotal[m * n + k];
            _phiScratch[j * n + k] = acc;
        }
        Array.Copy(_phiScratch, _phiTotal, _phiTotal.Length);
        _deferred = true;
        _deferredCount++;
    }

    /// <summary>W ← Φ W Φ^† on the points [start, start + len): first T = Φ W, then W = T Φ^†.</summary>
    private void Mix(Span<Complex> span, int start, int len, Complex[] phi)
    {
        var n = _n;
        var t = _mixScratch.AsSpan();
        for (var j = 0; j < n; j++)
        for (var q = 0; q < n; q++)
        {
            var dst = t.Slice((j * n + q) * MixChunk, len);
            for (var m = 0; m < n; m++)
            {
                var src = span.Slice((m * n + q) * _count + start, len);
                if (m == 0) ComplexKernels.Scale(dst, phi[j * n + m], src);
                else ComplexKernels.MultiplyAdd(dst, phi[j * n + m], src);
            }
        }
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            var dst = span.Slice((j * n + k) * _count + start, len);
            for (var q = 0; q < n; q++)
            {
                var src = t.Slice((j * n + q) * MixChunk, len);
                var c = Complex.Conjugate(phi[k * n + q]);
                if (q == 0) ComplexKernels.Scale(dst, c, src);
                else ComplexKernels.MultiplyAdd(dst, c, src);
            }
        }
    }

    /// <summary>result = Φ G Φ^† (N×N).</summary>
    private void Conjugate(Complex[] phi, Complex[] g, Complex[] result)
    {
        var n = _n;
        for (var m = 0; m < n; m++)
        for (var k = 0; k < n; k++)
        {
            Complex s = 0;
            for (var q = 0; q < n; q++) s += g[m * n + q] * Complex.Conjugate(phi[k * n + q]);
            _work[m * n + k] = s;
        }
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            Complex s = 0;
            for (var m = 0; m < n; m++) s += phi[j * n + m] * _work[m * n + k];
            result[j * n + k] = s;
        }
    }

    /// <summary>Φ' = (K/2N)(𝟙𝟙ᵀ Φ − diag(Σ_l z_jl) Φ) with z = Φ G Φ^†.</summary>
    private void Derivative(Complex[] phi, Complex[] dphi)
    {
        var n = _n;
        // work = G Φ^†: work_mk = Σ_q G_mq conj(Φ_kq)
        for (var m = 0; m < n; m++)
        for (var k = 0; k < n; k++)
        {
            Complex s = 0;
            for (var q = 0; q < n; q++) s += _g[m * n + q] * Complex.Conjugate(phi[k * n + q]);
            _work[m * n + k] = s;
        }
        // Σ_l z_jl = Σ_l Σ_m Φ_jm work_ml
        for (var j = 0; j < n; j++)
        {
            Complex s = 0;
            for (var m = 0; m < n; m++)
            {
                Complex rowSum = 0;
                for (var l = 0; l < n; l++) rowSum += _work[m * n + l];
                s += phi[j * n + m] * rowSum;
            }
            _rowSums[j] = s;
        }
        var factor = Problem.Coupling / (2.0 * n);
        for (var m = 0; m < n; m++)
        {
            Complex column = 0;
            for (var l = 0; l < n; l++) column += phi[l * n + m];
            for (var j = 0; j < n; j++) dphi[j * n + m] = factor * (column - _rowSums[j] * phi[j * n + m]);
        }
    }

    /// <summary>
    /// e^{−i k·p τ} / (Π M_a)² at (k, p) in the raw FFT layout: the x-axes as <see cref="PhaseSpaceGrid.Wavenumbers"/>,
    /// the p-axes unshifted (index m ↔ p = m·Δp for m &lt; M/2, (m − M)·Δp otherwise, so M/2 ↔ −π/Δx as in
    /// <see cref="PhaseSpaceGrid.Momenta"/>). A Nyquist k_a stands for ±π/Δx: its factor is cos(k_a p_a τ).
    /// The 1/(Π M_a)² undoes the unnormalised FFT round trip.
    /// </summary>
    protected virtual Complex[] TransportTable(double tau)
    {
        var d = Grid.Dimension;
        var sizes = Grid.XGrid.Sizes;
        var factors = new Complex[d][];
        var norm = 1.0 / ((double)Grid.BlockSize * Grid.BlockSize);
        for (var a = 0; a < d; a++)
        {
            var m = sizes[a];
            var k = Grid.Wavenumbers(a);
            var dp = Grid.MomentumSpacings[a];
            factors[a] = new Complex[m * m];
            for (var i = 0; i < m; i++)
            for (var q = 0; q < m; q++)
            {
                var p = (q < m / 2 ? q : q - m) * dp;
                var angle = k[i] * p * tau;
                factors[a][i * m + q] = i == m / 2 ? new Complex(Math.Cos(angle), 0) : Complex.FromPolarCoordinates(1, -angle);
            }
        }
        var table = new Complex[_count];
        if (d == 1)
        {
            for (var i = 0; i < _count; i++) table[i] = norm * factors[0][i];
            return table;
        }
        int m1 = sizes[0], m2 = sizes[1];
        for (var i1 = 0; i1 < m1; i1++)
        for (var i2 = 0; i2 < m2; i2++)
        for (var q1 = 0; q1 < m1; q1++)
        for (var q2 = 0; q2 < m2; q2++)
            table[((i1 * m2 + i2) * m1 + q1) * m2 + q2] = norm * factors[0][i1 * m1 + q1] * factors[1][i2 * m2 + q2];
        return table;
    }

    /// <summary>
    /// e^{iτ[V(x + y/2) − V(x − y/2)]} at (x, y) (y in FFT order, <see cref="PhaseSpaceGrid.Displacements"/>), V analytic
    /// at the wrapped half-grid points; at a Nyquist y_a the mean over y_a = ±L_a/2.
    /// </summary>
    protected virtual Complex[] PotentialTable(double tau)
    {
        var d = Grid.Dimension;
        var sizes = Grid.XGrid.Sizes;
        var lengths = Grid.XGrid.Lengths;
        var xs = Enumerable.Range(0, d).Select(Grid.XGrid.Coordinates).ToArray();
        var ys = Enumerable.Range(0, d).Select(Grid.Displacements).ToArray();
        var v = Problem.Potential;
        var plus = new double[d];
        var minus = new double[d];
        var xi = new int[d];
        var yi = new int[d];
        var table = new Complex[_count];
        var block = Grid.BlockSize;
        for (var i = 0; i < block; i++)
        {
            Unflatten(i, sizes, xi);
            for (var n = 0; n < block; n++)
            {
                Unflatten(n, sizes, yi);
                var ends = 0;
                for (var a = 0; a < d; a++) if (yi[a] == sizes[a] / 2) ends |= 1 << a;
                Complex sum = 0;
                var terms = 0;
                for (var signs = 0; signs < 1 << d; signs++)
                {
                    if ((signs & ~ends) != 0) continue; // flip only axes at their Nyquist end
                    for (var a = 0; a < d; a++)
                    {
                        var y = ys[a][yi[a]] * ((signs >> a & 1) == 1 ? -1 : 1);
                        plus[a] = Wrap(xs[a][xi[a]] + y * 0.5, lengths[a]);
                        minus[a] = Wrap(xs[a][xi[a]] - y * 0.5, lengths[a]);
                    }
                    sum += Complex.FromPolarCoordinates(1, tau * (v[plus] - v[minus]));
                    terms++;
                }
                table[i * block + n] = sum / terms;
            }
        }
        return table;
    }

    /// <summary>The row-major multi-index of <paramref name="flat"/> over axes of the given sizes.</summary>
    protected static void Unflatten(int flat, int[] sizes, int[] index)
    {
        for (var a = sizes.Length - 1; a >= 0; a--)
        {
            index[a] = flat % sizes[a];
            flat /= sizes[a];
        }
    }

    /// <summary>x wrapped into the box [−L/2, L/2).</summary>
    protected static double Wrap(double x, double length) => x - length * Math.Floor((x + length / 2) / length);

    /// <summary>Releases the field buffers.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the field buffers (<paramref name="disposing"/>: called from <see cref="Dispose()"/>).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        _u.Dispose();
        _output.Dispose();
    }
}
