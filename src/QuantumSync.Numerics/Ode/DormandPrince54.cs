namespace QuantumSync.Numerics.Ode;

/// <summary>Right-hand side y' = f(t, y), written into <c>dydt</c> (no allocation expected).</summary>
public delegate void OdeRightHandSide(double t, ReadOnlySpan<double> y, Span<double> dydt);

/// <summary>
/// Adaptive Dormand–Prince 5(4) (the DOPRI5 tableau, Hairer–Nørsett–Wanner, Solving ODEs I, Table 5.2),
/// local extrapolation on the 5th-order solution, mixed absolute/relative error control
/// err = RMS(e_i / (atol + rtol·max(|y_i|, |y_new,i|))), PI-free standard step controller with safety 0.9.
/// The integrator steps exactly onto each requested output time, so outputs carry no interpolation error.
/// With atol = rtol = 1e-14 the global error on the smooth reductions used here measures about 1e-13
/// (see the tests against Lemma 4.1's closed form).
/// </summary>
public sealed class DormandPrince54
{
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
    // Error coefficients: 5th-order weights minus the embedded 4th-order weights.
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

    private readonly int _n;
    private readonly double[] _k1, _k2, _k3, _k4, _k5, _k6, _k7, _stage, _next;

    public DormandPrince54(int dimension, double absoluteTolerance = 1e-14, double relativeTolerance = 1e-14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!(absoluteTolerance > 0) || !(relativeTolerance >= 0)) throw new ArgumentException("Tolerances must be positive.");
        _n = dimension;
        AbsoluteTolerance = absoluteTolerance;
        RelativeTolerance = relativeTolerance;
        _k1 = new double[dimension]; _k2 = new double[dimension]; _k3 = new double[dimension];
        _k4 = new double[dimension]; _k5 = new double[dimension]; _k6 = new double[dimension];
        _k7 = new double[dimension]; _stage = new double[dimension]; _next = new double[dimension];
    }

    public double AbsoluteTolerance { get; }
    public double RelativeTolerance { get; }
    /// <summary>Accepted steps over the lifetime of this integrator.</summary>
    public long AcceptedSteps { get; private set; }
    /// <summary>Rejected steps over the lifetime of this integrator.</summary>
    public long RejectedSteps { get; private set; }

    /// <summary>Integrates y in place from t0 to t1 (t1 ≥ t0).</summary>
    public void Integrate(OdeRightHandSide f, double t0, double t1, Span<double> y, double initialStep = 0)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (y.Length != _n) throw new ArgumentException($"State has {y.Length} entries, integrator {_n}.");
        if (t1 < t0) throw new ArgumentException("Only forward integration is supported.");
        if (t1 == t0) return;
        var t = t0;
        var h = initialStep > 0 ? initialStep : Math.Min(t1 - t0, 1e-3);
        f(t, y, _k1);
        var rejectedInRow = 0;
        while (t < t1)
        {
            var last = false;
            if (t + h >= t1 || t + 1.01 * h >= t1)
            {
                h = t1 - t;
                last = true;
            }
            Stage(f, t, h, y);
            var err = ErrorNorm(y);
            if (double.IsNaN(err)) throw new ArithmeticException($"DOPRI5: non-finite state at t = {t:R}.");
            if (err <= 1.0)
            {
                t = last ? t1 : t + h;
                _next.CopyTo(y);
                _k7.CopyTo(_k1.AsSpan()); // FSAL
                AcceptedSteps++;
                rejectedInRow = 0;
                var factor = err == 0 ? 5.0 : Math.Min(5.0, Math.Max(0.2, 0.9 * Math.Pow(err, -0.2)));
                h *= factor;
            }
            else
            {
                RejectedSteps++;
                if (++rejectedInRow > 50) throw new ArithmeticException($"DOPRI5: step size underflow at t = {t:R}.");
                h *= Math.Max(0.1, 0.9 * Math.Pow(err, -0.2));
            }
            if (h < 1e-15 * Math.Max(1.0, Math.Abs(t))) throw new ArithmeticException($"DOPRI5: step size underflow at t = {t:R}.");
        }
    }

    private void Stage(OdeRightHandSide f, double t, double h, ReadOnlySpan<double> y)
    {
        for (var i = 0; i < _n; i++) _stage[i] = y[i] + h * A21 * _k1[i];
        f(t + C2 * h, _stage, _k2);
        for (var i = 0; i < _n; i++) _stage[i] = y[i] + h * (A31 * _k1[i] + A32 * _k2[i]);
        f(t + C3 * h, _stage, _k3);
        for (var i = 0; i < _n; i++) _stage[i] = y[i] + h * (A41 * _k1[i] + A42 * _k2[i] + A43 * _k3[i]);
        f(t + C4 * h, _stage, _k4);
        for (var i = 0; i < _n; i++) _stage[i] = y[i] + h * (A51 * _k1[i] + A52 * _k2[i] + A53 * _k3[i] + A54 * _k4[i]);
        f(t + C5 * h, _stage, _k5);
        for (var i = 0; i < _n; i++) _stage[i] = y[i] + h * (A61 * _k1[i] + A62 * _k2[i] + A63 * _k3[i] + A64 * _k4[i] + A65 * _k5[i]);
        f(t + h, _stage, _k6);
        for (var i = 0; i < _n; i++) _next[i] = y[i] + h * (B1 * _k1[i] + B3 * _k3[i] + B4 * _k4[i] + B5 * _k5[i] + B6 * _k6[i]);
        f(t + h, _next, _k7);
        for (var i = 0; i < _n; i++)
            _stage[i] = h * (E1 * _k1[i] + E3 * _k3[i] + E4 * _k4[i] + E5 * _k5[i] + E6 * _k6[i] + E7 * _k7[i]);
    }

    private double ErrorNorm(ReadOnlySpan<double> y)
    {
        double sum = 0;
        for (var i = 0; i < _n; i++)
        {
            var scale = AbsoluteTolerance + RelativeTolerance * Math.Max(Math.Abs(y[i]), Math.Abs(_next[i]));
            var e = _stage[i] / scale;
            sum += e * e;
        }
        return Math.Sqrt(sum / _n);
    }
}
