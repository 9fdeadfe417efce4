using T = QuantumSync.Numerics.Ode.DormandPrince54Tableau;

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
    // Coefficients from the one tableau of the code base (order conditions tested there).
    private static readonly double C2 = T.C[1], C3 = T.C[2], C4 = T.C[3], C5 = T.C[4];
    private static readonly double A21 = T.A[1][0];
    private static readonly double A31 = T.A[2][0], A32 = T.A[2][1];
    private static readonly double A41 = T.A[3][0], A42 = T.A[3][1], A43 = T.A[3][2];
    private static readonly double A51 = T.A[4][0], A52 = T.A[4][1], A53 = T.A[4][2], A54 = T.A[4][3];
    private static readonly double A61 = T.A[5][0], A62 = T.A[5][1], A63 = T.A[5][2], A64 = T.A[5][3], A65 = T.A[5][4];
    private static readonly double B1 = T.B[0], B3 = T.B[2], B4 = T.B[3], B5 = T.B[4], B6 = T.B[5];
    private static readonly double E1 = T.E[0], E3 = T.E[2], E4 = T.E[3], E5 = T.E[4], E6 = T.E[5], E7 = T.E[6];

    private readonly int _n;
    private readonly double[] _k1, _k2, _k3, _k4, _k5, _k6, _k7, _stage, _next;

    /// <summary>An integrator for systems of <paramref name="dimension"/> equations with error tolerances atol = <paramref name="absoluteTolerance"/> (&gt; 0) and
    /// rtol = <paramref name="relativeTolerance"/> (≥ 0); the stage arrays are allocated once here.</summary>
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

    /// <summary>atol in the error norm err = RMS(e_i / (atol + rtol·max(|y_i|, |y_new,i|))); a step is accepted when err ≤ 1.</summary>
    public double AbsoluteTolerance { get; }
    /// <summary>rtol in the error norm err = RMS(e_i / (atol + rtol·max(|y_i|, |y_new,i|))).</summary>
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
