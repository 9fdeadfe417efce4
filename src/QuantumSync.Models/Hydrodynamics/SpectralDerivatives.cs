using System.Numerics;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;

namespace QuantumSync.Models.Hydrodynamics;

/// <summary>
/// A 1-D wave function on a periodic grid with its first three space derivatives, each computed spectrally:
/// ∂x^n f = F⁻¹ (i k)^n F f. The Nyquist mode (k = −π/Δx) is dropped from the odd derivatives (its derivative is not
/// representable as a real-symmetric mode); data the ledger uses have coefficients there below 1e-14.
/// </summary>
public sealed class WaveDerivatives
{
    private WaveDerivatives(Complex[] f, Complex[] d1, Complex[] d2, Complex[] d3)
    {
        F = f; D1 = d1; D2 = d2; D3 = d3;
    }

    /// <summary>f.</summary>
    public Complex[] F { get; }
    /// <summary>∂x f.</summary>
    public Complex[] D1 { get; }
    /// <summary>∂x² f.</summary>
    public Complex[] D2 { get; }
    /// <summary>∂x³ f.</summary>
    public Complex[] D3 { get; }

    /// <summary>f and its spectral derivatives of order 1, 2, 3 on the 1-D <paramref name="grid"/>.</summary>
    public static WaveDerivatives Of(PeriodicGrid grid, ReadOnlySpan<Complex> f)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.Dimension != 1) throw new ArgumentException("Hydrodynamic fields are computed in d = 1.", nameof(grid));
        var m = grid.Count;
        if (f.Length != m) throw new ArgumentException($"f has {f.Length} points; the grid {m}.");
        var k = grid.Wavenumbers(0);
        var nyquist = m % 2 == 0 ? m / 2 : -1;
        var plan = FftBackends.Default.Plan(grid.Sizes, 3);
        using var buffer = new ComplexBuffer(3 * m);
        var span = buffer.Span;
        f.CopyTo(span[..m]);
        plan.Execute(buffer, 0, FftDirection.Forward); // only the first of the batch matters; the rest is zero
        var hat = span[..m].ToArray();
        for (var order = 1; order <= 3; order++)
        {
            var dst = span.Slice((order - 1) * m, m);
            for (var i = 0; i < m; i++)
            {
                var ik = new Complex(0, k[i]);
                var factor = order switch { 1 => ik, 2 => ik * ik, _ => ik * ik * ik };
                if (i == nyquist && order % 2 == 1) factor = 0;
                dst[i] = hat[i] * factor / m;
            }
        }
        plan.Execute(buffer, 0, FftDirection.Inverse);
        return new WaveDerivatives(f.ToArray(), span[..m].ToArray(), span.Slice(m, m).ToArray(), span.Slice(2 * m, m).ToArray());
    }

    /// <summary>c₁ f + c₂ g with its derivatives (derivatives are linear, so no transform is needed).</summary>
    public static WaveDerivatives Combine(Complex c1, WaveDerivatives f, Complex c2, WaveDerivatives g)
    {
        static Complex[] Mix(Complex a, Complex[] x, Complex b, Complex[] y)
        {
            var r = new Complex[x.Length];
            for (var i = 0; i < r.Length; i++) r[i] = a * x[i] + b * y[i];
            return r;
        }
        return new WaveDerivatives(Mix(c1, f.F, c2, g.F), Mix(c1, f.D1, c2, g.D1), Mix(c1, f.D2, c2, g.D2), Mix(c1, f.D3, c2, g.D3));
    }

    /// <summary>The real spectral derivative ∂x v of a real periodic field (e.g. ∂x V).</summary>
    public static double[] Derivative(PeriodicGrid grid, ReadOnlySpan<double> v)
    {
        var c = new Complex[v.Length];
        for (var i = 0; i < c.Length; i++) c[i] = v[i];
        return Of(grid, c).D1.Select(z => z.Real).ToArray();
    }
}
