using System.Numerics;
using QuantumSync.Numerics;

namespace QuantumSync.Tests.Numerics.Wigner;

/// <summary>Wave functions with known Wigner transforms, and the closed forms themselves (ħ = m = ω = 1).</summary>
internal static class States
{
    /// <summary>
    /// Coherent (σ² = 1/2) or squeezed Gaussian ψ(x) = (2πσ²)^{−1/4} exp(−(x−x0)²/(4σ²) + i p0 (x−x0)), ‖ψ‖ = 1.
    /// </summary>
    public static Complex Gaussian(double x, double x0, double p0, double sigma) =>
        Math.Pow(2 * Math.PI * sigma * sigma, -0.25) * Math.Exp(-(x - x0) * (x - x0) / (4 * sigma * sigma))
        * Complex.Exp(Complex.ImaginaryOne * p0 * (x - x0));

    /// <summary>w[ψ](x,p) = (1/π) exp(−(x−x0)²/(2σ²) − 2σ²(p−p0)²) for the Gaussian above.</summary>
    public static double GaussianWigner(double x, double p, double x0, double p0, double sigma) =>
        Math.Exp(-(x - x0) * (x - x0) / (2 * sigma * sigma) - 2 * sigma * sigma * (p - p0) * (p - p0)) / Math.PI;

    /// <summary>
    /// Harmonic-oscillator eigenfunction ψ_n(x) = (2^n n! √π)^{−1/2} H_n(x) e^{−x²/2}, by the stable recurrence
    /// ψ_{n+1} = √(2/(n+1)) x ψ_n − √(n/(n+1)) ψ_{n−1}.
    /// </summary>
    public static double Oscillator(int n, double x)
    {
        var previous = 0.0;
        var current = Math.Pow(Math.PI, -0.25) * Math.Exp(-x * x / 2);
        for (var k = 0; k < n; k++)
        {
            var next = Math.Sqrt(2.0 / (k + 1)) * x * current - Math.Sqrt((double)k / (k + 1)) * previous;
            previous = current;
            current = next;
        }
        return current;
    }

    /// <summary>Laguerre polynomial L_n(t) by (k+1) L_{k+1} = (2k+1−t) L_k − k L_{k−1}.</summary>
    public static double Laguerre(int n, double t)
    {
        double previous = 0, current = 1;
        for (var k = 0; k < n; k++)
        {
            var next = ((2 * k + 1 - t) * current - k * previous) / (k + 1);
            previous = current;
            current = next;
        }
        return current;
    }

    /// <summary>w_n(x,p) = ((−1)^n / π) e^{−(x²+p²)} L_n(2(x²+p²)), the claimed Wigner function of ψ_n.</summary>
    public static double OscillatorWigner(int n, double x, double p)
    {
        var r2 = x * x + p * p;
        return (n % 2 == 0 ? 1 : -1) / Math.PI * Math.Exp(-r2) * Laguerre(n, 2 * r2);
    }

    /// <summary>Samples f on the (1-D) grid.</summary>
    public static Complex[] Sample(PeriodicGrid grid, Func<double, Complex> f) => grid.Coordinates(0).Select(f).ToArray();

    /// <summary>f̂(p) = Δx Σ_j e^{−i p x_j} f_j, the direct sum (no FFT), at the given momenta.</summary>
    public static Complex[] DirectFourier(PeriodicGrid grid, ReadOnlySpan<Complex> f, double[] momenta)
    {
        var x = grid.Coordinates(0);
        var result = new Complex[momenta.Length];
        for (var m = 0; m < momenta.Length; m++)
        {
            var sum = Complex.Zero;
            for (var j = 0; j < x.Length; j++) sum += Complex.Exp(-Complex.ImaginaryOne * momenta[m] * x[j]) * f[j];
            result[m] = sum * grid.Spacings[0];
        }
        return result;
    }
}
