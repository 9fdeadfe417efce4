using System.Globalization;
using System.Numerics;
using QuantumSync.Models.Kuramoto;
using T = QuantumSync.Numerics.Ode.DormandPrince54Tableau;

namespace QuantumSync.Solvers.Kuramoto;

/// <summary>
/// Integrates the Kuramoto model, paper eq. (7): dθ_j/dt = Ω_j + (K/N) Σ_k sin(θ_k − θ_j), from t = 0 to the last
/// requested sample time, with any scheme of <see cref="KuramotoSchemes"/>. The state is the unwrapped phase vector.
/// The right-hand side is the O(N) mean-field form (<see cref="KuramotoMeanField"/>); all stage buffers are allocated
/// once per run, so the time loop allocates only the recorded samples.
/// </summary>
public static class KuramotoSolver
{
    /// <summary>Solves the problem and samples it at <paramref name="sampleTimes"/> (finite, ≥ 0, strictly increasing).</summary>
    /// <exception cref="ArgumentException">Invalid options or sample times.</exception>
    /// <exception cref="KuramotoNonFiniteStateException">The state became NaN/±∞; the exception names the time.</exception>
    /// <exception cref="InvalidOperationException">The adaptive step collapsed or MaxSteps was exceeded.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired (checked every step).</exception>
    public static KuramotoTrajectory Solve(KuramotoProblem problem, KuramotoScheme scheme, KuramotoSolverOptions options, IReadOnlyList<double> sampleTimes,
        CancellationToken cancellation = default) =>
        Solve(problem, scheme, options, sampleTimes, new KuramotoMeanField(problem), cancellation);

    /// <summary>As <see cref="Solve(KuramotoProblem, KuramotoScheme, KuramotoSolverOptions, IReadOnlyList{double}, CancellationToken)"/>
    /// with a right-hand side of the caller's (another coupling function, a model variant): integrates
    /// dθ/dt = <paramref name="rightHandSide"/>(θ) from the problem's initial phases.</summary>
    /// <exception cref="ArgumentException">The right-hand side's N differs from the problem's, or invalid options or sample times.</exception>
    public static KuramotoTrajectory Solve(KuramotoProblem problem, KuramotoScheme scheme, KuramotoSolverOptions options, IReadOnlyList<double> sampleTimes,
        IKuramotoRightHandSide rightHandSide, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sampleTimes);
        options.Validate(scheme);
        var times = ValidateSampleTimes(sampleTimes);
        var recorder = new Recorder(times, options.RecordPhases);
        ArgumentNullException.ThrowIfNull(rightHandSide);
        if (rightHandSide.Count != problem.Count)
            throw new ArgumentException($"The right-hand side is for N = {rightHandSide.Count} oscillators, the problem has {problem.Count}.", nameof(rightHandSide));
        var rhs = rightHandSide;
        var state = problem.InitialPhases.ToArray();

        (long accepted, long rejected) = scheme.Name switch
        {
            "rk4" => IntegrateRk4(rhs, state, options, recorder, cancellation),
            "dopri5" => IntegrateDormandPrince(rhs, state, options, recorder, cancellation),
            _ => throw new ArgumentException($"Scheme '{scheme.Name}' is not implemented by {nameof(KuramotoSolver)}.", nameof(scheme)),
        };
        return new KuramotoTrajectory(scheme.Name, times, recorder.Phases, recorder.OrderParameter, state, accepted, rejected, rhs.Evaluations);
    }

    /// <summary>Fixed-step convenience overload: <c>Solve(problem, KuramotoSchemes.Rk4, dt, times)</c>.</summary>
    public static KuramotoTrajectory Solve(KuramotoProblem problem, KuramotoScheme scheme, double timeStep, IReadOnlyList<double> sampleTimes) =>
        Solve(problem, scheme, KuramotoSolverOptions.FixedStep(timeStep), sampleTimes);

    /// <summary>Uniform sample times 0, Δ, 2Δ, …, count·Δ (computed as i·Δ, no accumulation).</summary>
    public static double[] UniformTimes(double endTime, int intervals)
    {
        if (!double.IsFinite(endTime) || endTime <= 0) throw new ArgumentOutOfRangeException(nameof(endTime), endTime, "End time must be positive and finite.");
        if (intervals <= 0) throw new ArgumentOutOfRangeException(nameof(intervals), intervals, "Need at least one interval.");
        var t = new double[intervals + 1];
        for (var i = 0; i <= intervals; i++) t[i] = endTime * i / intervals;
        t[intervals] = endTime;
        return t;
    }

    private static double[] ValidateSampleTimes(IReadOnlyList<double> sampleTimes)
    {
        if (sampleTimes.Count == 0) throw new ArgumentException("At least one sample time is needed.", nameof(sampleTimes));
        var times = sampleTimes.ToArray();
        for (var i = 0; i < times.Length; i++)
        {
            if (!double.IsFinite(times[i]) || times[i] < 0)
                throw new ArgumentException(Invariant($"Sample time {i} is {times[i]}; sample times must be finite and ≥ 0 (the run starts at t = 0)."), nameof(sampleTimes));
            if (i > 0 && !(times[i] > times[i - 1]))
                throw new ArgumentException(Invariant($"Sample times must increase strictly: t[{i - 1}] = {times[i - 1]}, t[{i}] = {times[i]}."), nameof(sampleTimes));
        }
        return times;
    }

    private static (long Accepted, long Rejected) IntegrateRk4(IKuramotoRightHandSide rhs, double[] y, KuramotoSolverOptions options, Recorder recorder, CancellationToken cancellation)
    {
        var n = y.Length;
        var k1 = new double[n];
        var k2 = new double[n];
        var k3 = new double[n];
        var k4 = new double[n];
        var stage = new double[n];
        long steps = 0;
        var t = 0.0;
        recorder.RecordUpTo(t, y);
        foreach (var target in recorder.Times)
        {
            if (target <= t) continue;
            var span = target - t;
            // n equal steps of h = span/n ≤ dt; the relative slack absorbs rounding when span is a multiple of dt.
            var count = Math.Max(1L, (long)Math.Ceiling(span / options.TimeStep * (1 - 1e-12)));
            var h = span / count;
            var start = t;
            for (long m = 1; m <= count; m++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (++steps > options.MaxSteps)
                    throw new InvalidOperationException(Invariant($"RK4 exceeded MaxSteps = {options.MaxSteps} at t = {t}."));
                rhs.Evaluate(y, k1);
                for (var j = 0; j < n; j++) stage[j] = y[j] + 0.5 * h * k1[j];
                rhs.Evaluate(stage, k2);
                for (var j = 0; j < n; j++) stage[j] = y[j] + 0.5 * h * k2[j];
                rhs.Evaluate(stage, k3);
                for (var j = 0; j < n; j++) stage[j] = y[j] + h * k3[j];
                rhs.Evaluate(stage, k4);
                var sixth = h / 6;
                for (var j = 0; j < n; j++) y[j] += sixth * (k1[j] + 2 * (k2[j] + k3[j]) + k4[j]);
                var next = m == count ? target : start + m * h;
                RequireFinite(y, t, next);
                t = next;
            }
            recorder.RecordUpTo(t, y);
        }
        return (steps, 0);
    }

    private static (long Accepted, long Rejected) IntegrateDormandPrince(IKuramotoRightHandSide rhs, double[] y, KuramotoSolverOptions options, Recorder recorder, CancellationToken cancellation)
    {
        // Step-size controller constants (standard choices, HNW I §II.4): safety factor and growth/shrink bounds.
        const double Safety = 0.9;
        const double MinFactor = 0.2;
        const double MaxFactor = 10;
        // A step shorter than this multiple of the unit roundoff of t cannot advance t reliably.
        const double StepUnderflowFactor = 1e-14;

        var n = y.Length;
        var callerState = y;
        var k = new double[7][];
        for (var s = 0; s < 7; s++) k[s] = new double[n];
        var stage = new double[n];
        var yNew = new double[n];
        var dense = new double[n];
        var atol = options.AbsoluteTolerance;
        var rtol = options.RelativeTolerance;
        var tEnd = recorder.Times[^1];
        var t = 0.0;
        recorder.RecordUpTo(t, y);
        if (tEnd == 0) return (0, 0);

        rhs.Evaluate(y, k[0]);
        var h = options.InitialStep ?? InitialStep(rhs, y, k[0], stage, k[1], atol, rtol);
        h = Math.Min(h, tEnd);
        long accepted = 0, rejected = 0;
        var justRejected = false;
        while (t < tEnd)
        {
            cancellation.ThrowIfCancellationRequested();
            if (accepted + rejected >= options.MaxSteps)
                throw new InvalidOperationException(Invariant($"DOPRI5 exceeded MaxSteps = {options.MaxSteps} at t = {t}."));
            var last = t + h >= tEnd;
            if (last) h = tEnd - t;
            if (h <= StepUnderflowFactor * Math.Max(1, Math.Abs(t)))
                throw new InvalidOperationException(Invariant($"DOPRI5 step size underflow (h = {h}) at t = {t}; the tolerances cannot be met."));

            for (var s = 1; s < 6; s++)
            {
                var row = T.A[s];
                for (var j = 0; j < n; j++)
                {
                    var sum = 0.0;
                    for (var q = 0; q < s; q++) sum += row[q] * k[q][j];
                    stage[j] = y[j] + h * sum;
                }
                rhs.Evaluate(stage, k[s]);
            }
            for (var j = 0; j < n; j++)
                yNew[j] = y[j] + h * (T.B[0] * k[0][j] + T.B[2] * k[2][j] + T.B[3] * k[3][j] + T.B[4] * k[4][j] + T.B[5] * k[5][j]);
            var tNew = last ? tEnd : t + h;
            RequireFinite(yNew, t, tNew);
            rhs.Evaluate(yNew, k[6]);

            var errorSquares = 0.0;
            for (var j = 0; j < n; j++)
            {
                var e = h * (T.E[0] * k[0][j] + T.E[2] * k[2][j] + T.E[3] * k[3][j] + T.E[4] * k[4][j] + T.E[5] * k[5][j] + T.E[6] * k[6][j]);
                var scale = atol + rtol * Math.Max(Math.Abs(y[j]), Math.Abs(yNew[j]));
                var ratio = e / scale;
                errorSquares += ratio * ratio;
            }
            var error = Math.Sqrt(errorSquares / n);
            if (double.IsNaN(error))
                throw new KuramotoNonFiniteStateException(t, tNew, 0);

            if (error <= 1)
            {
                accepted++;
                recorder.RecordDense(t, tNew, h, y, yNew, k, dense);
                (y, yNew) = (yNew, y);
                (k[0], k[6]) = (k[6], k[0]); // FSAL: f(y_new) is the first stage of the next step.
                t = tNew;
                var grow = error == 0 ? MaxFactor : Math.Min(MaxFactor, Math.Max(MinFactor, Safety * Math.Pow(error, -0.2)));
                if (justRejected) grow = Math.Min(grow, 1);
                h *= grow;
                justRejected = false;
            }
            else
            {
                rejected++;
                h *= Math.Max(MinFactor, Safety * Math.Pow(error, -0.2));
                justRejected = true;
            }
        }
        // After the buffer swaps y may be the scratch array; the caller's array must hold the final state.
        if (!ReferenceEquals(y, callerState)) Array.Copy(y, callerState, n);
        return (accepted, rejected);
    }

    /// <summary>Starting step after Hairer, Nørsett &amp; Wanner I §II.4: compare ‖y₀‖, ‖f₀‖ and a difference estimate of ‖f′‖.</summary>
    private static double InitialStep(IKuramotoRightHandSide rhs, double[] y, double[] f0, double[] stage, double[] f1, double atol, double rtol)
    {
        var n = y.Length;
        double d0 = 0, d1 = 0;
        for (var j = 0; j < n; j++)
        {
            var sc = atol + rtol * Math.Abs(y[j]);
            d0 += y[j] / sc * (y[j] / sc);
            d1 += f0[j] / sc * (f0[j] / sc);
        }
        d0 = Math.Sqrt(d0 / n);
        d1 = Math.Sqrt(d1 / n);
        var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        for (var j = 0; j < n; j++) stage[j] = y[j] + h0 * f0[j];
        rhs.Evaluate(stage, f1);
        double d2 = 0;
        for (var j = 0; j < n; j++)
        {
            var sc = atol + rtol * Math.Abs(y[j]);
            var diff = (f1[j] - f0[j]) / sc;
            d2 += diff * diff;
        }
        d2 = Math.Sqrt(d2 / n) / h0;
        var dMax = Math.Max(d1, d2);
        var h1 = dMax <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dMax, 0.2);
        var h = Math.Min(100 * h0, h1);
        // Norms of huge but finite states (|f| ~ 1e308) overflow; fall back to the first-guess step then.
        return h > 0 && double.IsFinite(h) ? h : h0;
    }

    private static void RequireFinite(double[] y, double lastFiniteTime, double time)
    {
        for (var j = 0; j < y.Length; j++)
        {
            if (!double.IsFinite(y[j])) throw new KuramotoNonFiniteStateException(lastFiniteTime, time, j);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Collects samples in time order.</summary>
    private sealed class Recorder
    {
        private readonly bool _recordPhases;
        private int _next;

        public Recorder(double[] times, bool recordPhases)
        {
            Times = times;
            _recordPhases = recordPhases;
            Phases = recordPhases ? new double[times.Length][] : [];
            OrderParameter = new Complex[times.Length];
        }

        public double[] Times { get; }
        public double[][] Phases { get; }
        public Complex[] OrderParameter { get; }

        /// <summary>Records every pending sample with t_i ≤ time (used when the integrator sits exactly on sample times).</summary>
        public void RecordUpTo(double time, double[] y)
        {
            while (_next < Times.Length && Times[_next] <= time) Store(y);
        }

        /// <summary>Records the samples in (t, tNew] with the DOPRI5 continuous extension (exact end value at tNew).</summary>
        public void RecordDense(double t, double tNew, double h, double[] y0, double[] y1, double[][] k, double[] dense)
        {
            var n = y0.Length;
            while (_next < Times.Length && Times[_next] <= tNew)
            {
                var ts = Times[_next];
                if (ts == tNew)
                {
                    Store(y1);
                    continue;
                }
                var theta = (ts - t) / h;
                var theta1 = 1 - theta;
                for (var j = 0; j < n; j++)
                {
                    var delta = y1[j] - y0[j];
                    var r3 = h * k[0][j] - delta;
                    var r4 = delta - h * k[6][j] - r3;
                    var r5 = h * (T.D[0] * k[0][j] + T.D[2] * k[2][j] + T.D[3] * k[3][j] + T.D[4] * k[4][j] + T.D[5] * k[5][j] + T.D[6] * k[6][j]);
                    dense[j] = y0[j] + theta * (delta + theta1 * (r3 + theta * (r4 + theta1 * r5)));
                }
                Store(dense);
            }
        }

        private void Store(double[] y)
        {
            if (_recordPhases) Phases[_next] = (double[])y.Clone();
            OrderParameter[_next] = KuramotoOrderParameter.Compute(y);
            _next++;
        }
    }
}
