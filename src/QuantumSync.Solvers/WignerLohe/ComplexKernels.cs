using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QuantumSync.Solvers.WignerLohe;

/// <summary>
/// The pointwise complex loops of the W-L step (phase multiplication and the mixing axpy), with an AVX path that
/// handles two complex numbers per 256-bit vector and a scalar path that gives the same results up to rounding.
/// </summary>
internal static class ComplexKernels
{
    /// <summary>a[i] ← a[i] · t[i].</summary>
    public static void Multiply(Span<Complex> a, ReadOnlySpan<Complex> t)
    {
        var i = 0;
        if (Avx.IsSupported && a.Length >= 2)
        {
            var ad = MemoryMarshal.Cast<Complex, double>(a);
            var td = MemoryMarshal.Cast<Complex, double>(t);
            ref var ar = ref MemoryMarshal.GetReference(ad);
            ref var tr = ref MemoryMarshal.GetReference(td);
            var pairs = a.Length / 2;
            for (var v = 0; v < pairs; v++)
            {
                var off = (nuint)(4 * v);
                var x = Vector256.LoadUnsafe(ref ar, off);
                var y = Vector256.LoadUnsafe(ref tr, off);
                Product(x, y).StoreUnsafe(ref ar, off);
            }
            i = 2 * pairs;
        }
        for (; i < a.Length; i++) a[i] *= t[i];
    }

    /// <summary>d[i] ← d[i] + c · s[i].</summary>
    public static void MultiplyAdd(Span<Complex> d, Complex c, ReadOnlySpan<Complex> s)
    {
        var i = 0;
        if (Avx.IsSupported && d.Length >= 2)
        {
            var dd = MemoryMarshal.Cast<Complex, double>(d);
            var sd = MemoryMarshal.Cast<Complex, double>(s);
            ref var dr = ref MemoryMarshal.GetReference(dd);
            ref var sr = ref MemoryMarshal.GetReference(sd);
            var re = Vector256.Create(c.Real);
            var im = Vector256.Create(c.Imaginary);
            var pairs = d.Length / 2;
            for (var v = 0; v < pairs; v++)
            {
                var off = (nuint)(4 * v);
                var x = Vector256.LoadUnsafe(ref sr, off);
                var acc = Vector256.LoadUnsafe(ref dr, off);
                (acc + ScalarProduct(x, re, im)).StoreUnsafe(ref dr, off);
            }
            i = 2 * pairs;
        }
        for (; i < d.Length; i++) d[i] += c * s[i];
    }

    /// <summary>d[i] ← c · s[i].</summary>
    public static void Scale(Span<Complex> d, Complex c, ReadOnlySpan<Complex> s)
    {
        var i = 0;
        if (Avx.IsSupported && d.Length >= 2)
        {
            var dd = MemoryMarshal.Cast<Complex, double>(d);
            var sd = MemoryMarshal.Cast<Complex, double>(s);
            ref var dr = ref MemoryMarshal.GetReference(dd);
            ref var sr = ref MemoryMarshal.GetReference(sd);
            var re = Vector256.Create(c.Real);
            var im = Vector256.Create(c.Imaginary);
            var pairs = d.Length / 2;
            for (var v = 0; v < pairs; v++)
            {
                var off = (nuint)(4 * v);
                ScalarProduct(Vector256.LoadUnsafe(ref sr, off), re, im).StoreUnsafe(ref dr, off);
            }
            i = 2 * pairs;
        }
        for (; i < d.Length; i++) d[i] = c * s[i];
    }

    /// <summary>(x_re, x_im) · (y_re, y_im) lane-pairwise: x·Re y ∓ swap(x)·Im y via addsub.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Product(Vector256<double> x, Vector256<double> y)
    {
        var yRe = Avx.Permute(y, 0b0000);
        var yIm = Avx.Permute(y, 0b1111);
        var xSwap = Avx.Permute(x, 0b0101);
        return Avx.AddSubtract(Avx.Multiply(x, yRe), Avx.Multiply(xSwap, yIm));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ScalarProduct(Vector256<double> x, Vector256<double> re, Vector256<double> im)
    {
        var xSwap = Avx.Permute(x, 0b0101);
        return Avx.AddSubtract(Avx.Multiply(x, re), Avx.Multiply(xSwap, im));
    }
}
