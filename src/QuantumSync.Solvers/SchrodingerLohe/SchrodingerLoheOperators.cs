using System.Numerics;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.LinearAlgebra;
using QuantumSync.Numerics.Ode;
using QuantumSync.Solvers.Splitting;

namespace QuantumSync.Solvers.SchrodingerLohe;

/// <summary>
/// The three operators of the Schrödinger-Lohe splitting (<see cref="SplitStepSolver"/>) on the fields ψ_j of one
/// problem, for <see cref="SplittingEngine"/>:
/// <list type="bullet">
/// <item>kinetic ψ_j ← F⁻¹ e^{−i|k|²τ/2} F ψ_j, exact in Fourier space;</item>
/// <item>potential ψ_j ← e^{−iV_jτ} ψ_j, exact pointwise;</item>
/// <item>the Lohe coupling, whose flow keeps every ψ_j in the span of the current functions: ψ_j(τ) = Σ_m C_jm(τ) ψ_m(0)
/// with dC/dt = (K/2N)(A C − diag(d) C), A_jk = n_j/n_k, d_j = Σ_k z_kj/(n_j n_k), z = conj(C) G Cᵀ, G the Gram matrix
/// at the start of the sub-step. When K|τ| ≤ <see cref="MaxCouplingSubstep"/>, C is one step of classical RK4 (local error
/// ≲ (Kτ)⁵/120 ≈ 3e-16); longer coupling stages (large dt, N &lt; <see cref="DenseThreshold"/>) are summed as Taylor series
/// in pieces of K·h ≤ <see cref="MaxTaylorSubstep"/>, each to the order where two consecutive terms fall below
/// <see cref="TaylorTolerance"/> (far below round-off), which costs a few per cent of the RK4 sub-steps it replaces
/// (N ≥ <see cref="DenseThreshold"/>: RK4 sub-steps throughout). Neither limits the order of the splitting.</item>
/// </list>
/// Two paths. General (any potentials): each group of potential and coupling stages between two kinetic stages is
/// applied at its end: the potential before the coupling in one pass, the Gram matrix, C, and the mixing with the
/// potential after the coupling in one more pass (ψ_j ← e^{−iV_jτ'} Σ_m C_jm ψ_m). Fused (identical
/// potentials, the default when they are): the kinetic and potential factors are the same linear map on every ψ_j, so
/// they commute with any mixing ψ ← Cψ and leave the Gram matrix unchanged. The coupling is then never applied to the
/// fields step by step: its mixing matrices are multiplied into a deferred N×N matrix M while the Gram matrix of the
/// mixed state is carried along exactly (G ← conj(C) G Cᵀ), and M is applied in one pass when the state is read. Exact
/// up to round-off; a Strang step is then one batched forward FFT, one kinetic product, one batched inverse FFT and one
/// potential product, whatever N. All work buffers are allocated once; steady-state stepping allocates nothing.
/// <para>
/// The tables and coefficients are made by protected virtual members (<see cref="KineticMultiplier"/>,
/// <see cref="PotentialPhase"/>, <see cref="GramEntry"/>, <see cref="CouplingNorms"/>, <see cref="CouplingRate"/>,
/// <see cref="CarryGram"/>), called once per table or once per coupling stage, never per grid point: a model variant
/// (another dispersion relation, another inner product) derives from this class and composes with the same engine.
/// </para>
/// </summary>
public class SchrodingerLoheOperators : ISplittingOperators, IDisposable
{
    /// <summary>Largest K·h of one RK4 sub-step of the coupling flow (local error ≈ (Kh)⁵/120 ≈ 3e-16).</summary>
    public const double MaxCouplingSubstep = 0.002;

    /// <summary>
    /// Couplings folded into the deferred mixing before it is applied anyway. Applying it recomputes the Gram matrix
    /// from the fields, which restores the coupling's feedback on the norms (its self term pulls ‖ψ_j‖ back to n_j);
    /// without that, FFT round-off in the norms would accumulate unseen over long runs (measured: 5e-13 over 10⁴
    /// Yoshida steps, against 1e-13 with feedback). 32 keeps the extra pass under 1/32 of a mixing per step.
    /// </summary>
    private const int MaxDeferredCouplings = 32;

    /// <summary>Points per chunk of the fused passes (N chunks of this size stay in L2).</summary>
    private const int FusedChunk = 512;

    /// <summary>
    /// Largest K·h of one Taylor piece of the coupling flow. Its Taylor terms shrink roughly like (c K h)^p with c of
    /// order one for normalised fields (the flow's rate is K/2N times sums of N overlaps, cubic in C), so at K·h = 0.05
    /// about a dozen orders reach <see cref="TaylorTolerance"/>; longer pieces would need more orders, whose cost grows as
    /// their square.
    /// </summary>
    public const double MaxTaylorSubstep = 0.05;

    /// <summary>Taylor terms are added until two consecutive ones have entries (|Re| + |Im|, C = O(1)) below this: a
    /// hundredth of the double-precision unit round-off, so truncation stays far below the round-off of the sum.</summary>
    public const double TaylorTolerance = 1e-18;

    /// <summary>Most Taylor orders of one piece; a piece that has not converged by then (only with very unequal norms
    /// n_j, where the rate exceeds K) is integrated with RK4 sub-steps instead.</summary>
    private const int MaxTaylorOrder = 40;

    private readonly int _n;
    private readonly int _m;
    private readonly IFftPlan _plan;
    private ComplexBuffer _state;
    private ComplexBuffer _scratch;
    private readonly Dictionary<double, Complex[]> _kinetic = [];
    private readonly Dictionary<double, Complex[][]> _potential = [];
    private readonly int[] _potentialClass;
    private readonly double[][] _potentialValues;
    private double[]? _wavenumberSquared;
    private double[]? _norms;
    private SplittingEngine? _engine;
    // Fused path: the pending potential/coupling group and whether the tracked Gram matrix is current.
    private double _groupPotential, _groupCoupling;
    private bool _groupPending, _gramValid;
    private readonly Complex[] _gramSum;
    // Deferred mixing (fused path): the buffer holds ψ_phys and the state is ψ = M ψ_phys; _gram is the Gram matrix of ψ.
    private readonly Complex[] _mix, _mixTmp;
    private bool _mixPending;
    private int _deferredCount;
    // Coupling work arrays (N×N, row-major).
    private readonly Complex[] _gram, _c, _z, _gct;
    private readonly ComplexRk4 _rk4;
    private readonly ComplexDerivative _couplingDerivative;
    private readonly Complex[] _u, _v, _columnSums;
    // Taylor coefficients of the coupling flow (N < DenseThreshold): S_p = C^(p) h^p (N×N each), v^(p), d^(p) (N each).
    private readonly Complex[]? _taylor, _taylorV, _taylorD;
    // General path: the pending group, potential before and after its coupling.
    private double _generalPre, _generalCoupling, _generalPost;
    private bool _generalCoupled;

    /// <summary>
    /// From this many oscillators on, the coupling's dense products (the fused path's N×N updates, its Gram matrix from
    /// the fields and the deferred mixing applied to them, and the general path's mixing) go through
    /// <see cref="DenseBackends.Default"/> (OpenBLAS when installed). Below it the hand-written loops stay: those products
    /// cost O(N²M) and O(N³) ≪ the N FFTs of a step, and a library call per product costs more than it saves there. Fixed,
    /// so that a given N always takes the same arithmetic, whatever libraries the machine has.
    /// </summary>
    public const int DenseThreshold = 16;

    /// <summary>Dense backend for N ≥ <see cref="DenseThreshold"/> with K ≠ 0; null otherwise.</summary>
    private readonly IDenseBackend? _dense;

    /// <summary>The operators on <paramref name="problem"/>'s initial fields for a step of <paramref name="dt"/>.</summary>
    /// <param name="problem">The discretised problem (its fields are copied).</param>
    /// <param name="dt">The time step the stages' fractions refer to.</param>
    /// <param name="backend">FFT backend (null: the process default).</param>
    /// <param name="fuseIdenticalPotentials">True (default): the fused path when all potentials are pointwise equal.
    /// False: always the general path (the two paths agree to round-off; this compares them).</param>
    /// <param name="dense">Dense backend for the coupling's products when N ≥ <see cref="DenseThreshold"/> (null: the
    /// process default, <see cref="DenseBackends.Default"/>).</param>
    public SchrodingerLoheOperators(SchrodingerLoheProblem problem, double dt, IFftBackend? backend = null, bool fuseIdenticalPotentials = true,
        IDenseBackend? dense = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        SplittingEngine.CheckTimeStep(dt);
        Problem = problem;
        TimeStep = dt;
        Backend = backend ?? FftBackends.Default;
        _n = problem.Oscillators;
        _m = problem.Grid.Count;
        _plan = Backend.Plan(problem.Grid.Sizes, _n);
        _state = new ComplexBuffer(_n * _m);
        _scratch = new ComplexBuffer(_n * _m);
        for (var j = 0; j < _n; j++) problem.Initial[j].CopyTo(_state.Slice(j * _m, _m));

        // Oscillators with pointwise-equal potentials share their phase arrays.
        _potentialClass = new int[_n];
        var classes = new List<double[]>();
        for (var j = 0; j < _n; j++)
        {
            var idx = classes.FindIndex(p => p.AsSpan().SequenceEqual(problem.Potentials[j]));
            if (idx < 0) { classes.Add(problem.Potentials[j]); idx = classes.Count - 1; }
            _potentialClass[j] = idx;
        }
        _potentialValues = classes.ToArray();
        Fused = classes.Count == 1 && fuseIdenticalPotentials;
        var nn = _n * _n;
        _gram = new Complex[nn]; _c = new Complex[nn]; _z = new Complex[nn]; _gct = new Complex[nn];
        _rk4 = new ComplexRk4(nn);
        _couplingDerivative = CouplingDerivative; // cached: a method-group conversion per step would allocate
        _u = new Complex[_n]; _v = new Complex[_n]; _columnSums = new Complex[_n];
        _gramSum = new Complex[nn];
        _mix = new Complex[nn]; _mixTmp = new Complex[nn];
        for (var j = 0; j < _n; j++) _mix[j * _n + j] = 1;
        _dense = _n >= DenseThreshold && problem.Coupling != 0 ? dense ?? DenseBackends.Default : null;
        if (_n < DenseThreshold && problem.Coupling != 0)
        {
            _taylor = new Complex[(MaxTaylorOrder + 1) * nn];
            _taylorV = new Complex[(MaxTaylorOrder + 1) * _n];
            _taylorD = new Complex[(MaxTaylorOrder + 1) * _n];
        }
    }

    /// <summary>The dense backend that runs the coupling's products, or "loops" below <see cref="DenseThreshold"/>.</summary>
    public string DenseBackend => _dense?.Name ?? "loops";

    /// <summary>The problem the fields started from.</summary>
    public SchrodingerLoheProblem Problem { get; }

    /// <summary>The time step the stage fractions refer to.</summary>
    public double TimeStep { get; }

    /// <summary>The FFT backend of the kinetic step.</summary>
    public IFftBackend Backend { get; }

    /// <summary>True on the fused path (identical potentials, deferred mixing), false on the general path.</summary>
    public bool Fused { get; }

    /// <summary>N.</summary>
    public int Oscillators => _n;

    /// <summary>ψ_j as stored (call <see cref="Materialise"/> first for the current state).</summary>
    public ReadOnlySpan<Complex> Field(int j) => _state.Slice(j * _m, _m);

    /// <summary>Ties the operators to the engine that runs them (for the time in error messages). Once only.</summary>
    internal void Bind(SplittingEngine engine)
    {
        if (_engine is not null) throw new InvalidOperationException("These operators already belong to a solver; make new ones for another.");
        _engine = engine;
    }

    /// <inheritdoc />
    public void Kinetic(double fraction)
    {
        if (!_kinetic.TryGetValue(fraction, out var multiplier))
            _kinetic[fraction] = multiplier = KineticMultiplier(fraction * TimeStep);
        if (Fused) KineticWithGram(multiplier);
        else
        {
            FlushGeneral();
            KineticOnFields(multiplier);
        }
    }

    /// <inheritdoc />
    public void Potential(double fraction)
    {
        if (Fused)
        {
            _groupPotential += fraction;
            _groupPending = true;
            return;
        }
        if (_generalCoupled) _generalPost += fraction;
        else _generalPre += fraction;
    }

    /// <inheritdoc />
    public void Coupling(double fraction)
    {
        if (Fused)
        {
            _groupCoupling += fraction;
            _groupPending = true;
            return;
        }
        // A coupling after the group's second potential stage: the group so far is applied first (C does not commute with V).
        if (_generalCoupled && _generalPost != 0) FlushGeneral();
        _generalCoupling += fraction;
        _generalCoupled = true;
    }

    /// <inheritdoc />
    public void EndGroup()
    {
        if (Fused) FlushGroup();
        else FlushGeneral();
    }

    /// <summary>Applies the deferred mixing to the buffer, ψ_j ← Σ_m M_jm ψ_m (one chunked pass), and resets M = I; the
    /// Gram matrix is then recomputed from the buffer when next needed, so round-off in its tracking never accumulates
    /// across samples. Nothing to do on the general path.</summary>
    public void Materialise()
    {
        FlushGeneral();
        if (!_mixPending) return;
        _mixPending = false;
        _deferredCount = 0;
        ApplyDeferredMixing();
        Array.Clear(_mix);
        for (var j = 0; j < _n; j++) _mix[j * _n + j] = 1;
        _gramValid = false;
        CheckFinite(_state.Span[0]);
    }

    /// <summary>|k|² at every grid point (FFT order), from <see cref="PeriodicGrid.WavenumberSquared"/>.</summary>
    protected virtual double[] WavenumberSquared() => Problem.Grid.WavenumberSquared();

    /// <summary>The kinetic factor e^{−i|k|²τ/2}/M at every grid point (the 1/M undoes the unnormalised FFT round trip).</summary>
    protected virtual Complex[] KineticMultiplier(double tau)
    {
        _wavenumberSquared ??= WavenumberSquared();
        return _wavenumberSquared.Select(q => Complex.FromPolarCoordinates(1.0 / _m, -0.5 * q * tau)).ToArray();
    }

    /// <summary>The potential factor e^{−iVτ} at every grid point for the potential values <paramref name="v"/>.</summary>
    protected virtual Complex[] PotentialPhase(double[] v, double tau) => v.Select(x => Complex.FromPolarCoordinates(1, -x * tau)).ToArray();

    /// <summary>One Gram entry of the general path's coupling, ⟨f, g⟩ = Σ conj(f) g dV (<see cref="Integrals.Inner"/>).</summary>
    protected virtual Complex GramEntry(ReadOnlySpan<Complex> f, ReadOnlySpan<Complex> g, double dv) => Integrals.Inner(f, g, dv);

    /// <summary>The n_j of the coupling: the norms ‖ψ_j(0)‖ of the initial fields (conserved by the flow, Lemma 2.1).</summary>
    protected virtual double[] CouplingNorms() => Problem.Initial.Select(p => Integrals.Norm(p, Problem.Grid.CellVolume)).ToArray();

    /// <summary>The coupling rate K/2N of eq. (4).</summary>
    protected virtual double CouplingRate => Problem.Coupling / (2.0 * _n);

    /// <summary>Fused path: the Gram matrix of the mixed state, G ← conj(C) G Cᵀ (N×N, row-major), with
    /// <paramref name="work"/> as scratch.</summary>
    protected virtual void CarryGram(Complex[] c, Complex[] gram, Complex[] work)
    {
        var n = _n;
        if (_dense is not null)
        {
            // G Hermitian: conj(G) = Gᵀ, so conj(conj(C) G Cᵀ) = C Gᵀ Cᴴ = C·(Gᵀ Cᴴ); two products, then conjugate.
            _dense.Gemm(MatrixOp.Transpose, MatrixOp.ConjugateTranspose, n, n, n, 1, gram, n, c, n, 0, work, n);
            _dense.Gemm(MatrixOp.None, MatrixOp.None, n, n, n, 1, c, n, work, n, 0, gram, n);
            for (var i = 0; i < gram.Length; i++) gram[i] = Complex.Conjugate(gram[i]);
            return;
        }
        for (var m = 0; m < n; m++)
        for (var k = 0; k < n; k++)
        {
            Complex acc = 0;
            for (var q = 0; q < n; q++) acc += gram[m * n + q] * c[k * n + q];
            work[m * n + k] = acc;
        }
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            Complex acc = 0;
            for (var m = 0; m < n; m++) acc += Complex.Conjugate(c[j * n + m]) * work[m * n + k];
            gram[j * n + k] = acc;
        }
    }

    /// <summary>General path: ψ ← F⁻¹ m F ψ.</summary>
    private void KineticOnFields(Complex[] multiplier)
    {
        _plan.Execute(_state, 0, FftDirection.Forward);
        var span = _state.Span;
        for (var j = 0; j < _n; j++) ComplexKernels.Multiply(span.Slice(j * _m, _m), multiplier);
        _plan.Execute(_state, 0, FftDirection.Inverse);
        CheckFinite(span[0]);
    }

    /// <summary>General path: G_mk = ⟨ψ_m, ψ_k⟩ over the upper triangle, the lower one from Hermitian symmetry.</summary>
    private void GeneralGram()
    {
        var dv = Problem.Grid.CellVolume;
        var span = _state.Span;
        for (var m = 0; m < _n; m++)
        {
            _gram[m * _n + m] = GramEntry(span.Slice(m * _m, _m), span.Slice(m * _m, _m), dv);
            for (var k = m + 1; k < _n; k++)
            {
                var g = GramEntry(span.Slice(m * _m, _m), span.Slice(k * _m, _m), dv);
                _gram[m * _n + k] = g;
                _gram[k * _n + m] = Complex.Conjugate(g);
            }
        }
        CheckFinite(_gram[0]);
    }

    /// <summary>
    /// General path: applies the pending group V(pre) C(τ) V(post) (engine fractions): the potential before the coupling
    /// in one pass, then the Gram matrix, C, and ψ_j ← e^{−iV_j·post·dt} Σ_m C_jm ψ_m in one pass (<see cref="MixFields"/>).
    /// Without a coupling to apply, the two potential fractions are one pass.
    /// </summary>
    private void FlushGeneral()
    {
        if (Fused) return;
        var pre = _generalPre;
        var post = _generalPost;
        var tau = _generalCoupling * TimeStep;
        var coupled = _generalCoupled;
        _generalPre = _generalPost = _generalCoupling = 0;
        _generalCoupled = false;
        if (!coupled || Problem.Coupling == 0 || tau == 0)
        {
            if (pre + post != 0) ApplyPotential(pre + post);
            return;
        }
        if (pre != 0) ApplyPotential(pre);
        GeneralGram();
        MixingMatrix(tau);
        MixFields(post);
        CheckFinite(_state.Span[0]);
    }

    /// <summary>General path: ψ_j ← e^{−iV_j·fraction·dt} ψ_j, one pass.</summary>
    private void ApplyPotential(double fraction)
    {
        var phases = PhaseTables(fraction);
        var span = _state.Span;
        for (var j = 0; j < _n; j++) ComplexKernels.Multiply(span.Slice(j * _m, _m), phases[_potentialClass[j]]);
    }

    /// <summary>General path: ψ_j ← e^{−iV_j·post·dt} Σ_m C_jm ψ_m (no phase when <paramref name="post"/> is 0), into the
    /// scratch buffer chunk by chunk (the N source chunks stay in cache), then swap.</summary>
    private void MixFields(double post)
    {
        var span = _state.Span;
        var target = _scratch.Span;
        if (_dense is not null)
        {
            _dense.Gemm(MatrixOp.None, MatrixOp.None, _n, _m, _n, 1, _c, _n, span, _m, 0, target, _m);
            (_state, _scratch) = (_scratch, _state);
            if (post != 0) ApplyPotential(post);
            return;
        }
        var phases = post != 0 ? PhaseTables(post) : null;
        for (var start = 0; start < _m; start += FusedChunk)
        {
            var len = Math.Min(FusedChunk, _m - start);
            for (var j = 0; j < _n; j++)
            {
                ReadOnlySpan<Complex> t = phases is null ? default : phases[_potentialClass[j]].AsSpan(start, len);
                ComplexKernels.Combine(target.Slice(j * _m + start, len), span, _m, start, _c.AsSpan(j * _n, _n), t);
            }
        }
        (_state, _scratch) = (_scratch, _state);
    }

    /// <summary>C = the coupling flow's mixing matrix over τ, from the Gram matrix in _gram: RK4 from C = I in sub-steps
    /// of K·|h| ≤ <see cref="MaxCouplingSubstep"/> (|τ|: composition schemes take negative sub-steps).</summary>
    private void MixingMatrix(double tau)
    {
        _norms ??= CouplingNorms();
        Array.Clear(_c);
        for (var j = 0; j < _n; j++) _c[j * _n + j] = 1;
        var kTau = Problem.Coupling * Math.Abs(tau);
        if (_taylor is not null && kTau > MaxCouplingSubstep)
        {
            var pieces = Math.Max(1, (int)Math.Ceiling(kTau / MaxTaylorSubstep));
            for (var p = 0; p < pieces; p++)
                if (!TaylorStep(_c, tau / pieces)) Rk4Steps(_c, tau / pieces);
            return;
        }
        Rk4Steps(_c, tau);
    }

    /// <summary>C ← the coupling flow over <paramref name="tau"/> from C, by RK4 in sub-steps of K·h ≤ <see cref="MaxCouplingSubstep"/>.</summary>
    private void Rk4Steps(Complex[] c, double tau)
    {
        var substeps = Math.Max(1, (int)Math.Ceiling(Problem.Coupling * Math.Abs(tau) / MaxCouplingSubstep));
        var h = tau / substeps;
        for (var s = 0; s < substeps; s++) _rk4.Step(c, h, _couplingDerivative);
    }

    /// <summary>
    /// C ← C(h), the coupling flow's Taylor series from C, summed to the order where two consecutive terms are below
    /// <see cref="TaylorTolerance"/>; false (C unchanged) if that takes more than <see cref="MaxTaylorOrder"/> orders.
    /// The series follows from <see cref="CouplingDerivative"/>'s factorisation with S_p = C^(p) h^p:
    ///   s^(p)_m = Σ_k S_p,km / n_k,   v^(p)_q = Σ_m conj(s^(p)_m) G_mq,   d^(p)_j = (1/n_j) Σ_{a ≤ p} Σ_q v^(a)_q S_{p−a},jq,
    ///   S_{p+1},jm = (rate·h/(p+1)) (n_j s^(p)_m − Σ_{a ≤ p} d^(a)_j S_{p−a},jm)
    /// (h real, so the series of conj(s) is conj of the series of s; the products of series are Cauchy products).
    /// </summary>
    private bool TaylorStep(Complex[] c, double h)
    {
        var n = _n;
        var nn = n * n;
        var norms = _norms!;
        var s = _taylor!;
        var vs = _taylorV!;
        var ds = _taylorD!;
        var rateH = CouplingRate * h;
        Array.Copy(c, s, nn);
        var converged = -1;
        var previousSmall = false;
        for (var p = 0; p < MaxTaylorOrder; p++)
        {
            var sp = s.AsSpan(p * nn, nn);
            // s^(p) into _columnSums, v^(p) into vs[p].
            Array.Clear(_columnSums);
            for (var k = 0; k < n; k++)
            {
                var nk = norms[k];
                for (var m = 0; m < n; m++) _columnSums[m] += sp[k * n + m] / nk;
            }
            var vp = vs.AsSpan(p * n, n);
            vp.Clear();
            for (var m = 0; m < n; m++)
            {
                var um = Complex.Conjugate(_columnSums[m]);
                var gram = _gram.AsSpan(m * n, n);
                for (var q = 0; q < n; q++) vp[q] += um * gram[q];
            }
            var dp = ds.AsSpan(p * n, n);
            for (var j = 0; j < n; j++)
            {
                Complex e = 0;
                for (var a = 0; a <= p; a++)
                {
                    var va = vs.AsSpan(a * n, n);
                    var row = s.AsSpan((p - a) * nn + j * n, n);
                    for (var q = 0; q < n; q++) e += va[q] * row[q];
                }
                dp[j] = e / norms[j];
            }
            var next = s.AsSpan((p + 1) * nn, nn);
            var factor = rateH / (p + 1);
            var size = 0.0;
            for (var j = 0; j < n; j++)
            for (var m = 0; m < n; m++)
            {
                Complex acc = 0;
                for (var a = 0; a <= p; a++) acc += ds[a * n + j] * s[(p - a) * nn + j * n + m];
                var value = factor * (norms[j] * _columnSums[m] - acc);
                next[j * n + m] = value;
                size = Math.Max(size, Math.Abs(value.Real) + Math.Abs(value.Imaginary));
            }
            var small = size <= TaylorTolerance;
            if (small && previousSmall)
            {
                converged = p + 1;
                break;
            }
            previousSmall = small;
        }
        if (converged < 0) return false;
        // Smallest terms first.
        for (var i = 0; i < nn; i++)
        {
            Complex sum = 0;
            for (var p = converged; p >= 0; p--) sum += s[p * nn + i];
            c[i] = sum;
        }
        return true;
    }

    /// <summary>
    /// dC/dt = (K/2N)(A C − diag(d) C) with z = conj(C) G Cᵀ, in O(N²): the needed sums factor as
    ///   (A C)_jm = n_j Σ_k C_km / n_k,   d_j = Σ_k z_kj/(n_j n_k) = (1/n_j) Σ_q v_q C_jq,
    ///   v_q = Σ_m u_m G_mq,   u_m = Σ_k conj(C_km) / n_k.
    /// </summary>
    private void CouplingDerivative(Complex[] c, Complex[] dc)
    {
        // Every loop runs along rows (contiguous memory; at N = 256 the column-wise order cost 10× more); each sum still
        // adds its terms in the same order (k, then m, then q ascending), so the values are those of any nesting.
        var n = _n;
        var norms = _norms!;
        Array.Clear(_u);
        Array.Clear(_columnSums);
        for (var k = 0; k < n; k++)
        {
            var row = c.AsSpan(k * n, n);
            var nk = norms[k];
            for (var m = 0; m < n; m++)
            {
                // conj(C_km)/n_k = conj(C_km/n_k) exactly (a real divisor divides each part): one division serves both.
                var scaled = row[m] / nk;
                _u[m] += Complex.Conjugate(scaled);
                _columnSums[m] += scaled;
            }
        }
        Array.Clear(_v);
        for (var m = 0; m < n; m++)
        {
            var um = _u[m];
            var gram = _gram.AsSpan(m * n, n);
            for (var q = 0; q < n; q++) _v[q] += um * gram[q];
        }
        for (var j = 0; j < n; j++)
        {
            Complex dj = 0;
            for (var q = 0; q < n; q++) dj += _v[q] * c[j * n + q];
            _z[j] = dj / norms[j];
        }
        var factor = CouplingRate;
        for (var j = 0; j < n; j++)
        for (var m = 0; m < n; m++)
            dc[j * n + m] = factor * (norms[j] * _columnSums[m] - _z[j] * c[j * n + m]);
    }

    /// <summary>
    /// Fused path: ψ ← F⁻¹ m F ψ with the Gram matrix accumulated on the way (in Fourier space, before the unimodular
    /// factor m/M), chunk by chunk in a fixed order.
    /// </summary>
    private void KineticWithGram(Complex[] multiplier)
    {
        _plan.Execute(_state, 0, FftDirection.Forward);
        var span = _state.Span;
        // The Gram matrix is tracked through the deferred mixing; it is only recomputed from the buffer after a materialisation.
        var needGram = Problem.Coupling != 0 && !_gramValid && !_mixPending;
        if (needGram) Array.Clear(_gramSum);
        if (needGram && _dense is not null)
        {
            DenseGram(span);
            FinishGram(Problem.Grid.CellVolume / _m);
            needGram = false;
        }
        for (var start = 0; start < _m; start += FusedChunk)
        {
            var len = Math.Min(FusedChunk, _m - start);
            if (needGram) AccumulateGram(span, start, len);
            var factor = multiplier.AsSpan(start, len);
            for (var j = 0; j < _n; j++) ComplexKernels.Multiply(span.Slice(j * _m + start, len), factor);
        }
        if (needGram) FinishGram(Problem.Grid.CellVolume / _m);
        _plan.Execute(_state, 0, FftDirection.Inverse);
        CheckFinite(span[0]);
    }

    /// <summary>Fused path: upper triangle of Σ conj(ψ_m) ψ_k over [start, start + len), added to the running sums.</summary>
    private void AccumulateGram(ReadOnlySpan<Complex> span, int start, int len)
    {
        for (var m = 0; m < _n; m++)
        {
            var a = span.Slice(m * _m + start, len);
            for (var k = m; k < _n; k++) _gramSum[m * _n + k] += Integrals.Dot(a, span.Slice(k * _m + start, len));
        }
    }

    /// <summary>Fused path, N ≥ <see cref="DenseThreshold"/>: the upper triangle of Σ conj(ψ_m) ψ_k over the whole buffer
    /// into the sums, from H = Ψ Ψᴴ (H_mk = Σ ψ_m conj(ψ_k), a Hermitian rank-M update) conjugated.</summary>
    private void DenseGram(ReadOnlySpan<Complex> span)
    {
        _dense!.HermitianRankK(_n, _m, 1.0, span, _m, 0.0, _gramSum, _n);
        for (var m = 0; m < _n; m++)
        for (var k = m; k < _n; k++)
            _gramSum[m * _n + k] = Complex.Conjugate(_gramSum[m * _n + k]);
    }

    /// <summary>Fused path: G = scale · sums, the lower triangle from Hermitian symmetry, diagonal real.</summary>
    private void FinishGram(double scale)
    {
        for (var m = 0; m < _n; m++)
        {
            _gram[m * _n + m] = new Complex(_gramSum[m * _n + m].Real * scale, 0);
            for (var k = m + 1; k < _n; k++)
            {
                var g = _gramSum[m * _n + k] * scale;
                _gram[m * _n + k] = g;
                _gram[k * _n + m] = Complex.Conjugate(g);
            }
        }
        CheckFinite(_gram[0]);
        _gramValid = true;
    }

    /// <summary>
    /// Fused path: applies the pending group. The potential phase is one pass over the buffer; the coupling is not
    /// applied to the buffer at all: its mixing matrix C (RK4 on the tracked Gram matrix) is folded into the deferred
    /// mixing M ← C M and the Gram matrix of the state is carried along (<see cref="CarryGram"/>). With identical
    /// potentials the kinetic and potential factors are the same linear map on every ψ_j, so they commute with any mixing
    /// and M is applied once, when the state is read (<see cref="Materialise"/>): exact up to round-off.
    /// </summary>
    private void FlushGroup()
    {
        if (!_groupPending) return;
        _groupPending = false;
        var potential = _groupPotential;
        var tau = _groupCoupling * TimeStep;
        _groupPotential = 0;
        _groupCoupling = 0;
        var span = _state.Span;
        if (potential != 0)
        {
            var phase = PhaseTables(potential)[0];
            for (var j = 0; j < _n; j++) ComplexKernels.Multiply(span.Slice(j * _m, _m), phase);
        }
        if (Problem.Coupling == 0 || tau == 0) return;
        if (!_gramValid)
        {
            Materialise();
            span = _state.Span;
            Array.Clear(_gramSum);
            if (_dense is not null) DenseGram(span);
            else for (var start = 0; start < _m; start += FusedChunk) AccumulateGram(span, start, Math.Min(FusedChunk, _m - start));
            FinishGram(Problem.Grid.CellVolume);
        }
        MixingMatrix(tau);
        CarryGram(_c, _gram, _gct);
        DeferMixing();
        CheckFinite(_gram[0]);
        if (++_deferredCount >= MaxDeferredCouplings) Materialise();
    }

    /// <summary>Fused path: ψ_j ← Σ_m M_jm ψ_m over the whole buffer (chunked), into the scratch buffer, then swap.</summary>
    private void ApplyDeferredMixing()
    {
        var span = _state.Span;
        var target = _scratch.Span;
        if (_dense is not null) _dense.Gemm(MatrixOp.None, MatrixOp.None, _n, _m, _n, 1, _mix, _n, span, _m, 0, target, _m);
        else
        for (var start = 0; start < _m; start += FusedChunk)
            ComplexKernels.Mix(target, span, _m, start, Math.Min(FusedChunk, _m - start), _mix, default);
        (_state, _scratch) = (_scratch, _state);
    }

    /// <summary>Fused path: M ← C M (N×N).</summary>
    private void DeferMixing()
    {
        var n = _n;
        if (_dense is not null) _dense.Gemm(MatrixOp.None, MatrixOp.None, n, n, n, 1, _c, n, _mix, n, 0, _mixTmp, n);
        else
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            Complex acc = 0;
            for (var m = 0; m < n; m++) acc += _c[j * n + m] * _mix[m * n + k];
            _mixTmp[j * n + k] = acc;
        }
        Array.Copy(_mixTmp, _mix, _mix.Length);
        _mixPending = true;
    }

    /// <summary>e^{−iV_cτ} per potential class for a (possibly summed) fraction; tables are made once per fraction.</summary>
    private Complex[][] PhaseTables(double fraction)
    {
        if (!_potential.TryGetValue(fraction, out var tables)) _potential[fraction] = tables = MakePhaseTables(fraction * TimeStep);
        return tables;
    }

    /// <summary>The tables of <see cref="PhaseTables"/> (a method of its own: the lambda's closure would otherwise be
    /// allocated on every lookup).</summary>
    private Complex[][] MakePhaseTables(double tau) => _potentialValues.Select(v => PotentialPhase(v, tau)).ToArray();

    private void CheckFinite(Complex probe)
    {
        if (!double.IsFinite(probe.Real) || !double.IsFinite(probe.Imaginary))
        {
            var time = _engine?.Time ?? double.NaN;
            throw new SolverDivergedException($"The S-L state became non-finite near t = {time:R} (step {_engine?.StepsTaken ?? -1}).", time);
        }
    }

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
        _state.Dispose();
        _scratch.Dispose();
    }
}
