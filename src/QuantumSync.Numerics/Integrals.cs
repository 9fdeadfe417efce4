using System.Numerics;

namespace QuantumSync.Numerics;

/// <summary>
/// The one place where inner products, norms and error measures are defined.
/// Convention (MATH.md): &lt;f, g&gt; = ∫ conj(f) g dx, antilinear in the first slot, evaluated with the
/// periodic trapezoidal rule (spectrally accurate for smooth periodic data).
/// </summary>
public static class Integrals
{
    /// <summary>&lt;f, g&gt; = Σ conj(f_i) g_i · dV.</summary>
    public static Complex Inner(ReadOnlySpan<Complex> f, ReadOnlySpan<Complex> g, double cellVolume)
    {
        if (f.Length != g.Length) throw new ArgumentException($"Lengths differ: {f.Length} and {g.Length}.");
        double re = 0, im = 0;
        for (var i = 0; i < f.Length; i++)
        {
            var a = f[i];
            var b = g[i];
            re += a.Real * b.Real + a.Imaginary * b.Imaginary;
            im += a.Real * b.Imaginary - a.Imaginary * b.Real;
        }
        return new Complex(re * cellVolume, im * cellVolume);
    }

    /// <summary>||f||² = Σ |f_i|² dV.</summary>
    public static double NormSquared(ReadOnlySpan<Complex> f, double cellVolume)
    {
        double s = 0;
        foreach (var a in f) s += a.Real * a.Real + a.Imaginary * a.Imaginary;
        return s * cellVolume;
    }

    public static double Norm(ReadOnlySpan<Complex> f, double cellVolume) => Math.Sqrt(NormSquared(f, cellVolume));

    /// <summary>||f − g|| (L² on the grid).</summary>
    public static double DistanceL2(ReadOnlySpan<Complex> f, ReadOnlySpan<Complex> g, double cellVolume)
    {
        if (f.Length != g.Length) throw new ArgumentException($"Lengths differ: {f.Length} and {g.Length}.");
        double s = 0;
        for (var i = 0; i < f.Length; i++)
        {
            var d = f[i] - g[i];
            s += d.Real * d.Real + d.Imaginary * d.Imaginary;
        }
        return Math.Sqrt(s * cellVolume);
    }

    /// <summary>||f − g|| / ||g||; falls back to the absolute distance when ||g|| = 0.</summary>
    public static double RelativeDistanceL2(ReadOnlySpan<Complex> f, ReadOnlySpan<Complex> reference, double cellVolume)
    {
        var d = DistanceL2(f, reference, cellVolume);
        var n = Norm(reference, cellVolume);
        return n > 0 ? d / n : d;
    }

    /// <summary>Σ w_i · dV for real data.</summary>
    public static double Sum(ReadOnlySpan<double> f, double cellVolume)
    {
        double s = 0;
        foreach (var a in f) s += a;
        return s * cellVolume;
    }

    /// <summary>Σ w_i · dV for complex data.</summary>
    public static Complex Sum(ReadOnlySpan<Complex> f, double cellVolume)
    {
        double re = 0, im = 0;
        foreach (var a in f)
        {
            re += a.Real;
            im += a.Imaginary;
        }
        return new Complex(re * cellVolume, im * cellVolume);
    }

    /// <summary>max_i |a_i − b_i|.</summary>
    public static double MaxAbsDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Lengths differ: {a.Length} and {b.Length}.");
        double m = 0;
        for (var i = 0; i < a.Length; i++) m = Math.Max(m, Complex.Abs(a[i] - b[i]));
        return m;
    }
}
