using System.Numerics;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Ode;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.SchrodingerLohe;

namespace QuantumSync.Solvers.WignerLohe;

/// <summary>
/// Spectral splitting solver for the Wigner-Lohe system with identical potentials, in the complex form valid for all
/// j, k (docs/MATH.md; system (14) for N = 2):
///   ∂t w_jk + p·∇x w_jk + Θ[V] w_jk = (K/2N) Σ_l ( w_jl + w_lk − (z_jl + z_lk) w_jk ),  z_jk = ∫∫ w_jk dx dp,
/// for d = 1 or 2 on the grids of <see cref="PhaseSpaceGrid"/>. The three parts of the right-hand side are solved
/// exactly (the coupling to RK4 round-off level):
/// <list type="bullet">
/// <item>Transport ("Kinetic" stages): ŵ(k,p,τ) = e^{−i k·p τ} ŵ(k,p), a pointwise phase in (k,p).</item>
/// <item>Θ[V] ("Potential" stages): ∂t u = i[V(x + y/2) − V(x − y/2)] u, a pointwise phase in (x,y); V is evaluated
/// analytically at the half-grid points x ± y/2 (wrapped periodically into the box, as the S-L grid sees V).</item>
/// <item>The Lohe coupling ("Coupling" stages). Written for the N×N matrix W = (w_jk) at one phase-space point it is
/// ∂t W = B W + W B^†, B = (K/2N)(𝟙𝟙ᵀ − diag(Σ_l z_jl)), so its flow is W(τ) = Φ(τ) W(0) Φ(τ)^† with Φ' = B(z) Φ,
/// Φ(0) = I, and z = Φ G Φ^† (G = z at the start of the sub-step) closes the system: dz/dt = B z + z B^†, which is
/// exactly the correlation ODE dz_jk/dt = (K/2N) Σ_l (z_jl + z_lk)(1 − z_jk) when z_jj = 1. This holds for any
/// Hermitian data, mixed or pure; for pure data Φ = conj(C) with C the S-L mixing matrix. Φ is integrated with
/// classical RK4 in sub-steps of K·h ≤ <see cref="MaxCouplingSubstep"/> (local error ≈ (Kh)⁵/120 ≈ 3e-16), then W is
/// mixed pointwise. The mixing is the same linear map at every point, so it is applied in whatever representation
/// the fields are in.</item>
/// </list>
/// The transport and Θ[V] steps are the same linear map on every field and leave every z_jk unchanged, so with
/// identical potentials they commute with the coupling flow: the splitting error comes from transport versus Θ[V] only.
/// <para>
/// Storage and cost: the N² fields live in the (x,y) representation u = ∫ e^{−ip·y} w dp in one buffer; a transport
/// stage is one batched inverse FFT over all 2d axes of all N² fields, a phase multiplication, one batched forward FFT;
/// the Θ[V] and coupling stages between two transports act pointwise in (x,y) and are applied together in one
/// cache-blocked pass (for Strang with first-same-as-last: V/2 · C · V/2). All phase tables are precomputed per sub-step fraction (the FFT normalisation folded into the transport table);
/// steady-state stepping allocates nothing.
/// </para>
/// <para>
/// Grid ends. An entry at a Nyquist index stands for both ends of its range (WignerTransform stores at y = −L/2 the mean
/// of ±L/2); it is evolved with the mean of the two phases (a cosine factor per Nyquist axis), which keeps w_jj real
/// and the family Hermitian. Such entries carry no data when the data sit inside the monitored edges
/// (Models.WignerLohe.PhaseSpaceLeakage).
/// </para>
/// </summary>
public sealed class WignerLoheSolver : IDisposable
{
    /// <summary>Largest K·h of one RK4 sub-step of the coupling flow (local error ≈ (Kh)⁵/120 ≈ 3e-16).</summary>
    public const double MaxCouplingSubstep = 0.002;

    /// <summary>Points per chunk of the pointwise mixing W ← Φ W Φ^† (N² chunks of this size stay in cache).</summary>
    private const int MixChunk = 256;

    /// <summary>Most stages held in one pending group before it is applied.</summary>
    private const int MaxGroup = 8;

    private readonly WignerLoheProblem _problem;
    private readonly PhaseSpaceGrid _grid;
    private readonly int _n;
    private readonly int _count;
    private readonly IFftPlan _plan;
    private readonly ComplexBuffer _u;
    private readonly ComplexBuffer _output;
    private readonly Complex[] _mixScratch;
    private readonly Complex[] _row;
    private readonly Dictionary<double, Complex[]> _transport = [];
    private readonly Dictionary<double, Complex[]> _potential = [];
    // Coupling work arrays (N×N, row-major).
    private readonly Complex[] _g, _tmp, _work;
    private readonly ComplexRk4 _rk4;
    private readonly ComplexDerivative _derivative;
    private readonly Complex[] _rowSums;
    private readonly SplitStage[] _stages;
    /// <summary>The pending group of Θ[V]/coupling stages, their mixing matrices and skip flags.</summary>
    private readonly SplitStage[] _pendingOps = new SplitStage[MaxGroup];
    private readonly Complex[][] _phis;
    private readonly bool[] _skip = new bool[MaxGroup];
    private int _pendingCount;
    /// <summary>Seeded defect only: z(0), used for the coupling coefficients at every later time; null in the correct solver.</summary>
    private readonly Complex[]? _frozenZ;
    /// <summary>Seeded defects of the transport and Θ[V] steps (<see cref="WignerLoheDefects.None"/> in the correct solver).</summary>
    private readonly WignerLoheDefects _defects;
    private bool _frozenFilled;
    /// <summary>Deferred mixing: the buffer holds W_phys and the fields are Φ W_phys Φ^†; _g then holds their z.</summary>
    private readonly Complex[] _phiTotal, _phiScratch;
    private bool _deferred;
    private int _deferredCount;

    /// <summary>Couplings folded into the deferred mixing before it is applied anyway, so that z is recomputed from the
    /// fields and round-off in their integrals never accumulates unseen over long runs (as in the S-L solver).</summary>
    private const int MaxDeferredCouplings = 32;

    public WignerLoheSolver(WignerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend = null)
        : this(problem, scheme, dt, backend, freezeCorrelations: false)
    {
    }

    /// <summary>
    /// Seeded-bug gallery only: with <paramref name="freezeCorrelations"/> the coupling coefficients keep z(0) instead of
    /// z(t) (the "z frozen in the W-L coupling" defect). False is the correct solver.
    /// </summary>
    internal WignerLoheSolver(WignerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend, bool freezeCorrelations,
        WignerLoheDefects? defects = null)
    {
        _defects = defects ?? WignerLoheDefects.None;
        _frozenZ = freezeCorrelations ? new Complex[problem.Oscillators * problem.Oscillators] : null;
        _phiTotal = new Complex[problem.Oscillators * problem.Oscillators];
        _phiScratch = new Complex[problem.Oscillators * problem.Oscillators];
        for (var j = 0; j < problem.Oscillators; j++) _phiTotal[j * problem.Oscillators + j] = 1;
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(scheme);
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentException($"dt must be finite and positive; got {dt}.", nameof(dt));
        _problem = problem;
        Scheme = scheme;
        TimeStep = dt;
        Backend = backend ?? problem.Grid.Backend;
        _grid = ReferenceEquals(Backend, problem.Grid.Backend) ? problem.Grid : new PhaseSpaceGrid(problem.Grid.XGrid, Backend);
        _n = problem.Oscillators;
        _count = _grid.Count;
        var sizes = _grid.XGrid.Sizes;
        _plan = Backend.Plan(sizes.Concat(sizes).ToArray(), _n * _n);
        _u = new ComplexBuffer(checked(_n * _n * _count));
        _output = new ComplexBuffer(_count);
        for (var f = 0; f < _n * _n; f++)
        {
            problem.Initial[f].CopyTo(_u.Slice(f * _count, _count));
            _grid.PToY(_u, f * _count);
        }
        foreach (var stage in scheme.Stages.Concat(FirstLastMerged(scheme)))
        {
            var tau = stage.Fraction * dt;
            if (stage.Operator == SplitOperator.Kinetic && !_transport.ContainsKey(stage.Fraction)) _transport[stage.Fraction] = TransportTable(tau);
            if (stage.Operator == SplitOperator.Potential && !_potential.ContainsKey(stage.Fraction)) _potential[stage.Fraction] = PotentialTable(tau);
        }
        var nn = _n * _n;
        _g = new Complex[nn]; _tmp = new Complex[nn];
        _phis = Enumerable.Range(0, MaxGroup).Select(_ => new Complex[nn]).ToArray();
        _stages = scheme.Stages.ToArray();
        _work = new Complex[nn];
        _rk4 = new ComplexRk4(nn);
        _derivative = Derivative; // cached: a method-group conversion per step would allocate
        _rowSums = new Complex[_n];
        _mixScratch = new Complex[nn * MixChunk];
        _row = new Complex[_grid.BlockSize];
    }

    public SplittingScheme Scheme { get; }
    public double TimeStep { get; }
    public IFftBackend Backend { get; }
    public PhaseSpaceGrid Grid => _grid;
    public int Oscillators => _n;
    public long StepsTaken { get; private set; }
    /// <summary>Current time: steps taken × dt.</summary>
    public double Time => StepsTaken * TimeStep;

    /// <summary>Steps between two looks at the cancellation token in <see cref="AdvanceTo(double, CancellationToken)"/>: a step costs
    /// microseconds to milliseconds, so 16 steps keep a cancel well under a second.</summary>
    public const long CancellationCheckSteps = 16;

    /// <summary>Takes <paramref name="steps"/> steps of dt.</summary>
    public void Advance(long steps)
    {
        for (long s = 0; s < steps; s++)
        {
            foreach (var stage in _stages) Push(stage);
            StepsTaken++;
        }
    }

    /// <summary>Advances to t = steps·dt; <paramref name="time"/> must be an integer multiple of dt (to 1e-9 relative).</summary>
    public void AdvanceTo(double time) => AdvanceTo(time, CancellationToken.None);

    /// <summary>As <see cref="AdvanceTo(double)"/>, checking <paramref name="cancellation"/> every
    /// <see cref="CancellationCheckSteps"/> steps. The steps are the same loop, so the result is bit-identical.</summary>
    /// <exception cref="OperationCanceledException">The token fired; the solver is then between two steps.</exception>
    public void AdvanceTo(double time, CancellationToken cancellation)
    {
        var exact = time / TimeStep;
        var steps = (long)Math.Round(exact);
        if (Math.Abs(exact - steps) > 1e-9 * Math.Max(1, exact))
            throw new ArgumentException($"t = {time:R} is not a multiple of dt = {TimeStep:R}.");
        if (steps < StepsTaken) throw new ArgumentException($"t = {time:R} lies before the current time {Time:R}.");
        while (steps - StepsTaken > CancellationCheckSteps)
        {
            cancellation.ThrowIfCancellationRequested();
            Advance(CancellationCheckSteps);
        }
        cancellation.ThrowIfCancellationRequested();
        Advance(steps - StepsTaken);
        Flush();
        Materialise();
    }

    /// <summary>z_jk = ∫∫ w_jk dx dp = ∫ u_jk(x, y = 0) dx for every j, k (row-major), none assumed from symmetry.</summary>
    public void Correlations(Span<Complex> z)
    {
        Flush();
        Materialise();
        if (z.Length != _n * _n) throw new ArgumentException($"z needs {_n * _n} entries.");
        CorrelationsOfState(z);
    }

    /// <summary>w_jk at the current time in the (x,p) layout of <see cref="Grid"/>, written to <paramref name="destination"/>.</summary>
    public void Field(int j, int k, Span<Complex> destination)
    {
        Flush();
        Materialise();
        if ((uint)j >= (uint)_n || (uint)k >= (uint)_n) throw new ArgumentOutOfRangeException(nameof(j), $"Oscillators are 0…{_n - 1}.");
        if (destination.Length != _count) throw new ArgumentException($"A field has {_count} entries; got {destination.Length}.");
        _output.CopyFrom(_u.Slice((j * _n + k) * _count, _count));
        _grid.YToP(_output);
        _output.Span.CopyTo(destination);
    }

    /// <summary>w_jk at the current time as a new array ((x,p) layout).</summary>
    public Complex[] Field(int j, int k)
    {
        var result = new Complex[_count];
        Field(j, k, result);
        return result;
    }

    public void Dispose()
    {
        _u.Dispose();
        _output.Dispose();
    }

    private void CorrelationsOfState(Span<Complex> z)
    {
        var block = _grid.BlockSize;
        var span = _u.Span;
        for (var f = 0; f < _n * _n; f++)
        {
            var field = span.Slice(f * _count, _count);
            for (var i = 0; i < block; i++) _row[i] = field[i * block];
            z[f] = Integrals.Sum(_row, _grid.XGrid.CellVolume);
        }
    }

    private void Flush()
    {
        if (_pendingCount == 0) return;
        ApplyGroup();
    }

    /// <summary>
    /// Queues a stage. Consecutive Θ[V] and coupling stages form one group applied in a single cache-blocked pass over
    /// the fields (they all act pointwise in (x,y)); consecutive coupling stages merge, also across steps
    /// (first-same-as-last). A transport stage applies the group, then itself.
    /// </summary>
    private void Push(SplitStage stage)
    {
        if (stage.Operator == SplitOperator.Kinetic)
        {
            Flush();
            Transport(_transport[stage.Fraction]);
            return;
        }
        if (_pendingCount > 0 && stage.Operator == SplitOperator.Coupling && _pendingOps[_pendingCount - 1].Operator == SplitOperator.Coupling)
        {
            _pendingOps[_pendingCount - 1] = _pendingOps[_pendingCount - 1] with { Fraction = _pendingOps[_pendingCount - 1].Fraction + stage.Fraction };
            return;
        }
        if (_pendingCount == _pendingOps.Length) Flush();
        _pendingOps[_pendingCount++] = stage;
    }

    private void Transport(Complex[] phase)
    {
        _plan.Execute(_u, 0, FftDirection.Inverse);
        var span = _u.Span;
        for (var f = 0; f < _n * _n; f++) ComplexKernels.Multiply(span.Slice(f * _count, _count), phase);
        _plan.Execute(_u, 0, FftDirection.Forward);
        var probe = _u[0];
        if (!double.IsFinite(probe.Real) || !double.IsFinite(probe.Imaginary))
            throw new SolverDivergedException($"The W-L fields became non-finite near t = {Time:R} (step {StepsTaken}).", Time);
    }

    /// <summary>
    /// Applies the pending Θ[V]/coupling group. First, on the N×N level, the mixing matrix Φ_i of every coupling stage
    /// (z at its start follows from the previous ones: z ← Φ z Φ^†; Θ[V] leaves z unchanged); then one pass over the
    /// fields in chunks of <see cref="MixChunk"/> points applies the stages in order.
    /// </summary>
    private void ApplyGroup()
    {
        var count = _pendingCount;
        _pendingCount = 0;
        var haveZ = false;
        for (var s = 0; s < count; s++)
        {
            var op = _pendingOps[s];
            _skip[s] = op.Operator == SplitOperator.Coupling && (_problem.Coupling == 0 || op.Fraction == 0);
            if (op.Operator != SplitOperator.Coupling || _skip[s]) continue;
            if (!haveZ)
            {
                if (_frozenZ is null)
                {
                    if (!_deferred) CorrelationsOfState(_g); // otherwise _g already holds z of the mixed fields
                }
                else
                {
                    if (!_frozenFilled) CorrelationsOfState(_frozenZ);
                    _frozenFilled = true;
                    Array.Copy(_frozenZ, _g, _g.Length);
                }
                haveZ = true;
            }
            var tau = op.Fraction * TimeStep;
            var phi = _phis[s];
            Array.Clear(phi);
            for (var j = 0; j < _n; j++) phi[j * _n + j] = 1;
            var substeps = Math.Max(1, (int)Math.Ceiling(_problem.Coupling * Math.Abs(tau) / MaxCouplingSubstep)); // |τ|: Yoshida has negative sub-steps
            var h = tau / substeps;
            for (var k = 0; k < substeps; k++) Rk4(phi, h);
            Defer(phi);
            if (_frozenZ is not null) continue;
            Conjugate(phi, _g, _tmp);
            Array.Copy(_tmp, _g, _g.Length);
        }
        var span = _u.Span;
        var nn = _n * _n;
        for (var start = 0; start < _count; start += MixChunk)
        {
            var len = Math.Min(MixChunk, _count - start);
            for (var s = 0; s < count; s++)
            {
                if (_skip[s]) continue;
                var op = _pendingOps[s];
                if (op.Operator == SplitOperator.Potential)
                {
                    var table = _potential[op.Fraction].AsSpan(start, len);
                    for (var f = 0; f < nn; f++) ComplexKernels.Multiply(span.Slice(f * _count + start, len), table);
                }
                // Coupling stages were folded into the deferred mixing (Defer) and touch no field here.
            }
        }
        if (_deferredCount >= MaxDeferredCouplings) Materialise();
    }

    /// <summary>Φ_total ← Φ Φ_total. Transport and Θ[V] are the same linear map on every field, so they commute with the
    /// mixing W ← Φ W Φ^†; it is applied once, when the fields are read (<see cref="Materialise"/>), exactly up to
    /// round-off, and a step costs its FFTs and pointwise phase products only.</summary>
    private void Defer(Complex[] phi)
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

    /// <summary>Applies the deferred mixing to the stored fields (one chunked pass) and resets it to the identity.</summary>
    private void Materialise()
    {
        if (!_deferred) return;
        _deferred = false;
        _deferredCount = 0;
        var span = _u.Span;
        for (var start = 0; start < _count; start += MixChunk) Mix(span, start, Math.Min(MixChunk, _count - start), _phiTotal);
        Array.Clear(_phiTotal);
        for (var j = 0; j < _n; j++) _phiTotal[j * _n + j] = 1;
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

    private void Rk4(Complex[] phi, double h) => _rk4.Step(phi, h, _derivative);

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
        // Σ_l z_jl = Σ_l Σ_m Φ_jm work_ml (the frozen-z seeded defect uses Σ_l z_jl(0) instead)
        for (var j = 0; j < n; j++)
        {
            if (_frozenZ is not null)
            {
                Complex frozen = 0;
                for (var l = 0; l < n; l++) frozen += _g[j * n + l];
                _rowSums[j] = frozen;
                continue;
            }
            Complex s = 0;
            for (var m = 0; m < n; m++)
            {
                Complex rowSum = 0;
                for (var l = 0; l < n; l++) rowSum += _work[m * n + l];
                s += phi[j * n + m] * rowSum;
            }
            _rowSums[j] = s;
        }
        var factor = _problem.Coupling / (2.0 * n);
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
    private Complex[] TransportTable(double tau)
    {
        var d = _grid.Dimension;
        var sizes = _grid.XGrid.Sizes;
        var factors = new Complex[d][];
        var norm = 1.0 / ((double)_grid.BlockSize * _grid.BlockSize);
        for (var a = 0; a < d; a++)
        {
            var m = sizes[a];
            var k = _grid.Wavenumbers(a);
            var dp = _grid.MomentumSpacings[a];
            factors[a] = new Complex[m * m];
            for (var i = 0; i < m; i++)
            for (var q = 0; q < m; q++)
            {
                var p = (q < m / 2 ? q : q - m) * dp;
                var angle = _defects.TransportSign * k[i] * p * tau;
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
    private Complex[] PotentialTable(double tau)
    {
        var d = _grid.Dimension;
        var sizes = _grid.XGrid.Sizes;
        var lengths = _grid.XGrid.Lengths;
        var xs = Enumerable.Range(0, d).Select(_grid.XGrid.Coordinates).ToArray();
        var ys = Enumerable.Range(0, d).Select(_grid.Displacements).ToArray();
        var v = _problem.Potential;
        var plus = new double[d];
        var minus = new double[d];
        var xi = new int[d];
        var yi = new int[d];
        var table = new Complex[_count];
        var block = _grid.BlockSize;
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
                        plus[a] = Wrap(xs[a][xi[a]] + y * _defects.HalfDisplacement, lengths[a]);
                        minus[a] = Wrap(xs[a][xi[a]] - y * _defects.HalfDisplacement, lengths[a]);
                    }
                    sum += Complex.FromPolarCoordinates(1, tau * (v[plus] - v[minus]));
                    terms++;
                }
                table[i * block + n] = sum / terms;
            }
        }
        return table;
    }

    private static void Unflatten(int flat, int[] sizes, int[] index)
    {
        for (var a = sizes.Length - 1; a >= 0; a--)
        {
            index[a] = flat % sizes[a];
            flat /= sizes[a];
        }
    }

    /// <summary>x wrapped into the box [−L/2, L/2).</summary>
    private static double Wrap(double x, double length) => x - length * Math.Floor((x + length / 2) / length);

    private static IEnumerable<SplitStage> FirstLastMerged(SplittingScheme scheme)
    {
        var first = scheme.Stages[0];
        var last = scheme.Stages[^1];
        if (first.Operator == last.Operator) yield return first with { Fraction = first.Fraction + last.Fraction };
    }
}
