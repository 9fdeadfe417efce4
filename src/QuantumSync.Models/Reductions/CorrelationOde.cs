using System.Numerics;
using QuantumSync.Numerics.Ode;

namespace QuantumSync.Models.Reductions;

/// <summary>
/// The correlation-matrix ODE for N identical oscillators with normalised data (docs/MATH.md; integrate the
/// W-L equation over phase space):  dz_jk/dt = (K/2N) (1 − z_jk) Σ_l (z_jl + z_lk).
/// For N = 2 it is eq. (16). Integrated with adaptive DOPRI5 at atol = rtol = 1e-14, stepping exactly onto
/// each output time.
/// </summary>
public static class CorrelationOde
{
    /// <summary>Tolerance of the adaptive integrator: global error about 1e-13 over t ≤ 20.</summary>
    public const double IntegratorTolerance = 1e-14;

    /// <summary>dz/dt for a row-major N×N matrix z.</summary>
    public static void Derivative(ReadOnlySpan<Complex> z, int n, double coupling, Span<Complex> dz)
    {
        var factor = coupling / (2.0 * n);
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            Complex sum = 0;
            for (var l = 0; l < n; l++) sum += z[j * n + l] + z[l * n + k];
            dz[j * n + k] = factor * (1 - z[j * n + k]) * sum;
        }
    }

    /// <summary>z at each of <paramref name="times"/> (ascending, ≥ 0) from z(0) = <paramref name="z0"/>.</summary>
    public static Complex[][] Solve(Complex[] z0, int n, double coupling, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(z0);
        ArgumentNullException.ThrowIfNull(times);
        if (z0.Length != n * n) throw new ArgumentException($"z0 has {z0.Length} entries; N×N = {n * n} expected.");
        var y = new double[2 * n * n];
        for (var i = 0; i < z0.Length; i++) { y[2 * i] = z0[i].Real; y[2 * i + 1] = z0[i].Imaginary; }
        var zBuffer = new Complex[n * n];
        var dzBuffer = new Complex[n * n];
        void Rhs(double t, ReadOnlySpan<double> state, Span<double> d)
        {
            for (var i = 0; i < zBuffer.Length; i++) zBuffer[i] = new Complex(state[2 * i], state[2 * i + 1]);
            Derivative(zBuffer, n, coupling, dzBuffer);
            for (var i = 0; i < dzBuffer.Length; i++) { d[2 * i] = dzBuffer[i].Real; d[2 * i + 1] = dzBuffer[i].Imaginary; }
        }
        var integrator = new DormandPrince54(y.Length, IntegratorTolerance, IntegratorTolerance);
        var result = new Complex[times.Count][];
        var t = 0.0;
        for (var s = 0; s < times.Count; s++)
        {
            if (times[s] < t) throw new ArgumentException("Sample times must be ascending and non-negative.");
            integrator.Integrate(Rhs, t, times[s], y);
            t = times[s];
            result[s] = new Complex[n * n];
            for (var i = 0; i < result[s].Length; i++) result[s][i] = new Complex(y[2 * i], y[2 * i + 1]);
        }
        return result;
    }
}
