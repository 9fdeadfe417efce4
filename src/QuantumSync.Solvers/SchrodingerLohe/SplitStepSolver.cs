using System.Numerics;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Ode;

namespace QuantumSync.Solvers.SchrodingerLohe;

/// <summary>
/// Split-step Fourier solver for the Schrödinger-Lohe system in its general (not necessarily normalised) form
///   i ∂t ψ_j = −½Δψ_j + V_j ψ_j + (iK/2N) Σ_k ( (n_j/n_k) ψ_k − z_kj/(n_j n_k) ψ_j ),  n_j = ||ψ_j||, z_kj = &lt;ψ_k, ψ_j&gt;
/// (eq. 4 for n_j = 1; eq. 1/3 print the first term garbled, docs/MATH.md). Three exactly or accurately solvable parts:
/// kinetic (exact in Fourier space), potential (exact pointwise phase), and the Lohe coupling, whose flow keeps every
/// ψ_j in the span of the current functions: ψ_j(τ) = Σ_m C_jm(τ) ψ_m(0) with
///   dC/dt = (K/2N)(A C − diag(d) C),  A_jk = n_j/n_k,  d_j = Σ_k z_kj/(n_j n_k),  z = conj(C) G Cᵀ,
/// G the Gram matrix at the start of the sub-step. C is integrated with classical RK4 in sub-steps of
/// K·h ≤ <see cref="MaxCouplingSubstep"/>, giving a local error ≲ (K h)⁵/120 ≈ 3e-16: never what limits the order.
/// All work buffers are allocated once; steady-state stepping allocates nothing.
/// <para>
/// Fused path (identical potentials, the common case): the kinetic and potential factors are the same linear map on every
/// ψ_j, so they commute with any mixing ψ ← Cψ and leave the Gram matrix unchanged. The coupling is therefore never
/// applied to the fields step by step: its mixing matrices are multiplied into a deferred N×N matrix M while the Gram
/// matrix of the mixed state is carried along exactly (G ← conj(C) G Cᵀ), and M is applied in one pass when the state is
/// read (a sample). Exact up to round-off; a Strang step is then one batched forward FFT, one kinetic product, one batched
/// inverse FFT and one potential product, whatever N.
/// </para>
/// </summary>
public sealed class SplitStepSolver : IDisposable
{
    /// <summary>Largest K·h of one RK4 sub-step of the coupling flow (local error ≈ (Kh)⁵/120 ≈ 3e-16).</summary>
    public const double MaxCouplingSubstep = 0.002;

    private readonly SchrodingerLoheProblem _problem;
    private readonly int _n;
    private readonly int _m;
    private readonly IFftPlan _plan;
    private ComplexBuffer _state;
    private ComplexBuffer _scratch;
    private readonly Dictionary<double, Complex[]> _kinetic = [];
    private readonly Dictionary<double, Complex[][]> _potential = [];
    private readonly int[] _potentialClass;
    private readonly double[][] _potentialValues;
    private readonly SplitStage[] _stages;
    // Fused path (identical potentials): the pending potential/coupling group and the Gram matrix from the kinetic pass.
    private readonly bool _fused;
    private double _groupPotential, _groupCoupling;
    private bool _groupPending, _gramValid;
    private readonly Complex[] _gramSum;
    // Deferred mixing (fused path): the buffer holds ψ_phys and the state is ψ = M ψ_phys; _gram is the Gram matrix of ψ.
    private readonly Complex[] _mix, _mixTmp;
    private bool _mixPending;
    private int _deferredCount;

    /// <summary>
    /// Couplings folded into the deferred mixing before it is applied anyway. Applying it recomputes the Gram matrix
    /// from the fields, which restores the coupling's feedback on the norms (its self term pulls ‖ψ_j‖ back to n_j);
    /// without that, FFT round-off in the norms would accumulate unseen over long runs (measured: 5e-13 over 10⁴
    /// Yoshida steps, against 1e-13 with feedback). 32 keeps the extra pass under 1/32 of a mixing per step.
    /// </summary>
    private const int MaxDeferredCouplings = 32;
    private readonly double[] _norms;
    // Coupling work arrays (N×N, row-major).
    private readonly Complex[] _gram, _c, _z, _gct;
    private readonly ComplexRk4 _rk4;
    private readonly ComplexDerivative _couplingDerivative;
    private readonly Complex[] _u, _v, _columnSums;
    /// <summary>Points per chunk of the fused passes (N chunks of this size stay in L2).</summary>
    private const int FusedChunk = 512;
    private SplitStage _pending;
    private bool _hasPending;
    private readonly SplitStepDefects _defects;

    public SplitStepSolver(SchrodingerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend = null)
        : this(problem, scheme, dt, backend, SplitStepDefects.None)
    {
    }

    /// <summary>A solver with one deliberate defect (seeded-bug gallery only); <see cref="SplitStepDefects.None"/> is the correct solver.</summary>
    internal SplitStepSolver(SchrodingerLoheProblem problem, SplittingScheme scheme, double dt, IFftBackend? backend, SplitStepDefects defects)
    {
        ArgumentNullException.ThrowIfNull(defects);
        _defects = defects;
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(scheme);
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentException($"dt must be finite and positive; got {dt}.", nameof(dt));
        _problem = problem;
        Scheme = scheme;
        TimeStep = dt;
        Backend = backend ?? FftBackends.Default;
        _n = problem.Oscillators;
        _m = problem.Grid.Count;
        _plan = Backend.Plan(problem.Grid.Sizes, _n);
        _state = new ComplexBuffer(_n * _m);
        _scratch = new ComplexBuffer(_n * _m);
        for (var j = 0; j < _n; j++) problem.Initial[j].CopyTo(_state.Slice(j * _m, _m));
        _norms = problem.Initial.Select(p => defects.UseNorms ? Integrals.Norm(p, problem.Grid.CellVolume) : 1.0).ToArray();

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
        // The unconjugated-Gram seeded defect lives in the general path's inner product; every other defect acts in both paths.
        _fused = classes.Count == 1 && defects.ConjugateGram;
        _stages = scheme.Stages.ToArray();
        var k2 = (defects.WavenumbersFromFirstAxis
            ? new PeriodicGrid(problem.Grid.Sizes, problem.Grid.Sizes.Select(_ => problem.Grid.Lengths[0]).ToArray())
            : problem.Grid).WavenumberSquared();
        // Path-confined seeded defects (1 in the correct solver).
        var kineticSign = _fused ? 1 : defects.GeneralKineticSign;
        var potentialWeight = _fused ? 1 : defects.GeneralPotentialWeight;
        foreach (var stage in scheme.Stages.Concat(FirstLastMerged(scheme)))
        {
            var tau = stage.Fraction * dt;
            if (stage.Operator == SplitOperator.Kinetic && !_kinetic.ContainsKey(stage.Fraction))
                _kinetic[stage.Fraction] = k2.Select(q => Complex.FromPolarCoordinates(1.0 / _m, -defects.KineticFactor * q * tau * kineticSign)).ToArray();
            if (stage.Operator == SplitOperator.Potential && !_potential.ContainsKey(stage.Fraction))
                _potential[stage.Fraction] = classes.Select(v => v.Select(x => Complex.FromPolarCoordinates(1, -x * tau * potentialWeight)).ToArray()).ToArray();
        }
        var nn = _n * _n;
        _gram = new Complex[nn]; _c = new Complex[nn]; _z = new Complex[nn]; _gct = new Complex[nn];
        _rk4 = new ComplexRk4(nn);
        _couplingDerivative = CouplingDerivative; // cached: a method-group conversion per step would allocate
        _u = new Complex[_n]; _v = new Complex[_n]; _columnSums = new Complex[_n];
        _gramSum = new Complex[nn];
        _mix = new Complex[nn]; _mixTmp = new Complex[nn];
        for (var j = 0; j < _n; j++) _mix[j * _n + j] = 1;
    }

    public SplittingScheme Scheme { get; }
    public double TimeStep { get; }
    public IFftBackend Backend { get; }
    /// <summary>Current time: steps taken × dt.</summary>
    public double Time => StepsTaken * TimeStep;
    public long StepsTaken { get; private set; }
    public int Oscillators => _n;
    public PeriodicGrid Grid => _problem.Grid;

    /// <summary>ψ_j at the current time (a view into the solver's buffer; valid until the next step).</summary>
    public ReadOnlySpan<Complex> State(int j)
    {
        Flush();
        return _state.Slice(j * _m, _m);
    }

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
    }

    /// <summary>The correlation matrix z_jk = &lt;ψ_j, ψ_k&gt; (row-major), every entry computed (no symmetry assumed).</summary>
    public void Correlations(Span<Complex> z)
    {
        Flush();
        if (z.Length != _n * _n) throw new ArgumentException($"z needs {_n * _n} entries.");
        for (var j = 0; j < _n; j++)
        for (var k = 0; k < _n; k++)
            z[j * _n + k] = Integrals.Inner(_state.Slice(j * _m, _m), _state.Slice(k * _m, _m), _problem.Grid.CellVolume);
    }

    /// <summary>Applies all stages still pending (merged first-same-as-last).</summary>
    private void Flush()
    {
        if (_fused)
        {
            FlushGroup();
            Materialise();
        }
        if (!_hasPending) return;
        _hasPending = false;
        Apply(_pending);
    }

    private void Push(SplitStage stage)
    {
        if (_fused)
        {
            PushFused(stage);
            return;
        }
        if (_hasPending && _pending.Operator == stage.Operator && stage.Operator == SplitOperator.Coupling)
        {
            _pending = _pending with { Fraction = _pending.Fraction + stage.Fraction };
            return;
        }
        if (_hasPending) Apply(_pending);
        _pending = stage;
        _hasPending = true;
    }

    private void Apply(SplitStage stage)
    {
        switch (stage.Operator)
        {
            case SplitOperator.Kinetic: Kinetic(_kinetic[stage.Fraction]); break;
            case SplitOperator.Potential: Potential(_potential[stage.Fraction]); break;
            default: Coupling(stage.Fraction * TimeStep); break;
        }
    }

    private void Kinetic(Complex[] multiplier)
    {
        _plan.Execute(_state, 0, FftDirection.Forward);
        var span = _state.Span;
        for (var j = 0; j < _n; j++)
        {
            var block = span.Slice(j * _m, _m);
            for (var i = 0; i < _m; i++) block[i] *= multiplier[i];
        }
        _plan.Execute(_state, 0, FftDirection.Inverse);
        CheckFinite(span[0]);
    }

    private void Potential(Complex[][] phases)
    {
        var span = _state.Span;
        for (var j = 0; j < _n; j++)
        {
            var block = span.Slice(j * _m, _m);
            var phase = phases[_potentialClass[j]];
            for (var i = 0; i < _m; i++) block[i] *= phase[i];
        }
    }

    private void Coupling(double tau)
    {
        if (_problem.Coupling == 0 || tau == 0) return;
        var dv = _problem.Grid.CellVolume;
        var span = _state.Span;
        for (var m = 0; m < _n; m++)
        {
            _gram[m * _n + m] = Inner(span.Slice(m * _m, _m), span.Slice(m * _m, _m), dv);
            for (var k = m + 1; k < _n; k++)
            {
                var g = Inner(span.Slice(m * _m, _m), span.Slice(k * _m, _m), dv);
                _gram[m * _n + k] = g;
                _gram[k * _n + m] = Complex.Conjugate(g);
            }
        }
        CheckFinite(_gram[0]);
        Array.Clear(_c);
        for (var j = 0; j < _n; j++) _c[j * _n + j] = 1;
        // |τ|: composition schemes (Yoshida) take negative sub-steps.
        var substeps = Math.Max(1, (int)Math.Ceiling(_problem.Coupling * Math.Abs(tau) / MaxCouplingSubstep));
        var h = tau / substeps;
        for (var s = 0; s < substeps; s++) Rk4(h);

        // ψ_j ← Σ_m C_jm ψ_m, into the scratch buffer, then swap.
        var target = _scratch.Span;
        for (var j = 0; j < _n; j++)
        {
            var dst = target.Slice(j * _m, _m);
            dst.Clear();
            for (var m = 0; m < _n; m++)
            {
                var c = _c[j * _n + m];
                var src = span.Slice(m * _m, _m);
                for (var i = 0; i < _m; i++) dst[i] += c * src[i];
            }
        }
        (_state, _scratch) = (_scratch, _state);
    }

    private void Rk4(double h) => _rk4.Step(_c, h, _couplingDerivative);

    /// <summary>
    /// dC/dt = (K/2N)(A C − diag(d) C) with z = conj(C) G Cᵀ, in O(N²): the needed sums factor as
    ///   (A C)_jm = n_j Σ_k C_km / n_k,   d_j = Σ_k z_kj/(n_j n_k) = (1/n_j) Σ_q v_q C_jq,
    ///   v_q = Σ_m u_m G_mq,   u_m = Σ_k conj(C_km) / n_k.
    /// </summary>
    private void CouplingDerivative(Complex[] c, Complex[] dc)
    {
        var n = _n;
        for (var m = 0; m < n; m++)
        {
            Complex u = 0, column = 0;
            for (var k = 0; k < n; k++)
            {
                var ckm = c[k * n + m];
                u += Complex.Conjugate(ckm) / _norms[k];
                column += ckm / _norms[k];
            }
            _u[m] = u;
            _columnSums[m] = column;
        }
        for (var q = 0; q < n; q++)
        {
            Complex v = 0;
            for (var m = 0; m < n; m++) v += _u[m] * _gram[m * n + q];
            _v[q] = v;
        }
        for (var j = 0; j < n; j++)
        {
            Complex dj = 0;
            for (var q = 0; q < n; q++) dj += _v[q] * c[j * n + q];
            _z[j] = dj / _norms[j];
        }
        var factor = _defects.CouplingSign * _problem.Coupling / (2.0 * n);
        for (var j = 0; j < n; j++)
        for (var m = 0; m < n; m++)
            dc[j * n + m] = factor * (_norms[j] * _columnSums[m] - _z[j] * c[j * n + m]);
    }

    /// <summary>Fused path: a kinetic stage applies the pending group, then itself; V and C stages join the group.</summary>
    private void PushFused(SplitStage stage)
    {
        switch (stage.Operator)
        {
            case SplitOperator.Kinetic:
                FlushGroup();
                KineticWithGram(_kinetic[stage.Fraction]);
                break;
            case SplitOperator.Potential:
                _groupPotential += stage.Fraction;
                _groupPending = true;
                break;
            default:
                _groupCoupling += stage.Fraction;
                _groupPending = true;
                break;
        }
    }

    /// <summary>⟨f, g⟩ = Σ conj(f) g dV (<see cref="Integrals.Inner"/>); without the conjugation only under the seeded defect.</summary>
    private Complex Inner(ReadOnlySpan<Complex> f, ReadOnlySpan<Complex> g, double dv)
    {
        if (_defects.ConjugateGram) return Integrals.Inner(f, g, dv);
        Complex sum = 0;
        for (var i = 0; i < f.Length; i++) sum += f[i] * g[i];
        return sum * dv;
    }

    /// <summary>
    /// ψ ← F⁻¹ m F ψ with the Gram matrix accumulated on the way (in Fourier space, before the unimodular factor m/M),
    /// chunk by chunk in a fixed order.
    /// </summary>
    private void KineticWithGram(Complex[] multiplier)
    {
        _plan.Execute(_state, 0, FftDirection.Forward);
        var span = _state.Span;
        // The Gram matrix is tracked through the deferred mixing; it is only recomputed from the buffer after a materialisation.
        var needGram = _problem.Coupling != 0 && !_gramValid && !_mixPending;
        if (needGram) Array.Clear(_gramSum);
        for (var start = 0; start < _m; start += FusedChunk)
        {
            var len = Math.Min(FusedChunk, _m - start);
            if (needGram) AccumulateGram(span, start, len);
            var factor = multiplier.AsSpan(start, len);
            for (var j = 0; j < _n; j++) ComplexKernels.Multiply(span.Slice(j * _m + start, len), factor);
        }
        if (needGram) FinishGram(_problem.Grid.CellVolume / _m);
        _plan.Execute(_state, 0, FftDirection.Inverse);
        CheckFinite(span[0]);
    }

    /// <summary>Upper triangle of Σ conj(ψ_m) ψ_k over [start, start + len), added to the running sums.</summary>
    private void AccumulateGram(ReadOnlySpan<Complex> span, int start, int len)
    {
        for (var m = 0; m < _n; m++)
        {
            var a = span.Slice(m * _m + start, len);
            for (var k = m; k < _n; k++) _gramSum[m * _n + k] += Integrals.Dot(a, span.Slice(k * _m + start, len));
        }
    }

    /// <summary>G = scale · sums, the lower triangle from Hermitian symmetry, diagonal real.</summary>
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
    /// Applies the pending group. The potential phase is one pass over the buffer; the coupling is not applied to the
    /// buffer at all: its mixing matrix C (RK4 on the tracked Gram matrix) is folded into the deferred mixing M ← C M and
    /// the Gram matrix of the state is carried along, G ← conj(C) G Cᵀ. With identical potentials the kinetic and
    /// potential factors are the same linear map on every ψ_j, so they commute with any mixing and M is applied once,
    /// when the state is read (<see cref="Materialise"/>): exact up to round-off, and the step costs only its FFTs and two
    /// pointwise products.
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
            var phase = PhaseTable(potential);
            for (var j = 0; j < _n; j++) ComplexKernels.Multiply(span.Slice(j * _m, _m), phase);
        }
        if (_problem.Coupling == 0 || tau == 0) return;
        if (!_gramValid)
        {
            Materialise();
            span = _state.Span;
            Array.Clear(_gramSum);
            for (var start = 0; start < _m; start += FusedChunk) AccumulateGram(span, start, Math.Min(FusedChunk, _m - start));
            FinishGram(_problem.Grid.CellVolume);
        }
        Array.Clear(_c);
        for (var j = 0; j < _n; j++) _c[j * _n + j] = 1;
        var substeps = Math.Max(1, (int)Math.Ceiling(_problem.Coupling * Math.Abs(tau) / MaxCouplingSubstep));
        var h = tau / substeps;
        for (var s = 0; s < substeps; s++) Rk4(h);
        // G ← conj(C) G Cᵀ (the Gram matrix of the mixed state), M ← C M.
        var n = _n;
        for (var m = 0; m < n; m++)
        for (var k = 0; k < n; k++)
        {
            Complex acc = 0;
            for (var q = 0; q < n; q++) acc += _gram[m * n + q] * _c[k * n + q];
            _gct[m * n + k] = acc;
        }
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            Complex acc = 0;
            for (var m = 0; m < n; m++) acc += (_defects.FusedGramConjugate ? Complex.Conjugate(_c[j * n + m]) : _c[j * n + m]) * _gct[m * n + k];
            _gram[j * n + k] = acc;
        }
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            Complex acc = 0;
            for (var m = 0; m < n; m++) acc += _c[j * n + m] * _mix[m * n + k];
            _mixTmp[j * n + k] = acc;
        }
        Array.Copy(_mixTmp, _mix, _mix.Length);
        _mixPending = true;
        CheckFinite(_gram[0]);
        if (++_deferredCount >= MaxDeferredCouplings) Materialise();
    }

    /// <summary>Applies the deferred mixing to the buffer, ψ_j ← Σ_m M_jm ψ_m (one chunked pass), and resets M = I; the
    /// Gram matrix is then recomputed from the buffer when next needed, so round-off in its tracking never accumulates
    /// across samples.</summary>
    private void Materialise()
    {
        if (!_mixPending) return;
        _mixPending = false;
        _deferredCount = 0;
        var span = _state.Span;
        var target = _scratch.Span;
        for (var start = 0; start < _m; start += FusedChunk)
            ComplexKernels.Mix(target, span, _m, start, Math.Min(FusedChunk, _m - start), _mix, default);
        (_state, _scratch) = (_scratch, _state);
        Array.Clear(_mix);
        for (var j = 0; j < _n; j++) _mix[j * _n + j] = 1;
        _gramValid = false;
        CheckFinite(_state.Span[0]);
    }

    /// <summary>e^{−iVτ} (identical potentials) for a summed fraction; tables are made once per fraction.</summary>
    private Complex[] PhaseTable(double fraction)
    {
        if (!_potential.TryGetValue(fraction, out var tables))
        {
            var tau = fraction * TimeStep;
            tables = _potentialValues.Select(v => v.Select(x => Complex.FromPolarCoordinates(1, -x * tau)).ToArray()).ToArray();
            _potential[fraction] = tables;
        }
        return tables[0];
    }

    private void CheckFinite(Complex probe)
    {
        if (!double.IsFinite(probe.Real) || !double.IsFinite(probe.Imaginary))
            throw new SolverDivergedException($"The S-L state became non-finite near t = {Time:R} (step {StepsTaken}).", Time);
    }

    private static IEnumerable<SplitStage> FirstLastMerged(SplittingScheme scheme)
    {
        var first = scheme.Stages[0];
        var last = scheme.Stages[^1];
        if (first.Operator == last.Operator) yield return first with { Fraction = first.Fraction + last.Fraction };
    }

    public void Dispose()
    {
        _state.Dispose();
        _scratch.Dispose();
    }
}

/// <summary>Thrown when a solver's state becomes NaN or infinite; carries the time it was detected.</summary>
public sealed class SolverDivergedException(string message, double time) : Exception(message)
{
    public double Time { get; } = time;
}
