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

    /// <summary>
    /// Σ conj(f_i) g_i without the cell volume, vectorised (AVX/FMA when available): the building block of Gram
    /// matrices in the solvers' fused passes. Same value as <see cref="Inner"/>/dV up to rounding (different summation
    /// order); deterministic for given inputs.
    /// </summary>
    public static Complex Dot(ReadOnlySpan<Complex> f, ReadOnlySpan<Complex> g)
    {
        if (f.Length != g.Length) throw new ArgumentException($"Lengths differ: {f.Length} and {g.Length}.");
        var i = 0;
        double re = 0, im = 0;
        if (System.Runtime.Intrinsics.X86.Avx.IsSupported && f.Length >= 2)
        {
            var fd = System.Runtime.InteropServices.MemoryMarshal.Cast<Complex, double>(f);
            var gd = System.Runtime.InteropServices.MemoryMarshal.Cast<Complex, double>(g);
            var same = System.Runtime.Intrinsics.Vector256<double>.Zero; // (fr gr, fi gi) lanes → Re
            var cross = System.Runtime.Intrinsics.Vector256<double>.Zero; // (fr gi, fi gr) lanes → Im = even − odd
            var pairs = f.Length / 2;
            for (var v = 0; v < pairs; v++)
            {
                var a = System.Runtime.Intrinsics.Vector256.Create(fd.Slice(4 * v, 4));
                var b = System.Runtime.Intrinsics.Vector256.Create(gd.Slice(4 * v, 4));
                var bSwap = System.Runtime.Intrinsics.X86.Avx.Permute(b, 0b0101);
                if (System.Runtime.Intrinsics.X86.Fma.IsSupported)
                {
                    same = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a, b, same);
                    cross = System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a, bSwap, cross);
                }
                else
                {
                    same += a * b;
                    cross += a * bSwap;
                }
            }
            re = same[0] + same[1] + same[2] + same[3];
            im = cross[0] - cross[1] + cross[2] - cross[3];
            i = 2 * pairs;
        }
        for (; i < f.Length; i++)
        {
            var a = f[i];
            var b = g[i];
            re += a.Real * b.Real + a.Imaginary * b.Imaginary;
            im += a.Real * b.Imaginary - a.Imaginary * b.Real;
        }
        return new Complex(re, im);
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
