using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QuantumSync.Numerics;

/// <summary>
/// Pointwise complex loops shared by the S-L and W-L solvers (phase multiplication, axpy, linear combination of
/// fields), with an AVX path that handles two complex numbers per 256-bit vector (FMA where the CPU has it) and a
/// scalar path that gives the same results up to rounding. Each result element depends only on the same element of
/// the inputs, so splitting a range into chunks (or threads) does not change a single bit.
/// </summary>
public static class ComplexKernels
{
    /// <summary>a[i] ← a[i] · t[i].</summary>
    public static void Multiply(Span<Complex> a, ReadOnlySpan<Complex> t)
    {
        if (t.Length < a.Length) throw new ArgumentException("The factor span is shorter than the data.", nameof(t));
        var i = 0;
        if (Avx.IsSupported && a.Length >= 2)
        {
            ref var ar = ref AsDouble(a);
            ref var tr = ref AsDouble(t);
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
        if (s.Length < d.Length) throw new ArgumentException("The source span is shorter than the destination.", nameof(s));
        var i = 0;
        if (Avx.IsSupported && d.Length >= 2)
        {
            ref var dr = ref AsDouble(d);
            ref var sr = ref AsDouble(s);
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
        if (s.Length < d.Length) throw new ArgumentException("The source span is shorter than the destination.", nameof(s));
        var i = 0;
        if (Avx.IsSupported && d.Length >= 2)
        {
            ref var dr = ref AsDouble(d);
            ref var sr = ref AsDouble(s);
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

    /// <summary>
    /// d[i] ← t[i] · Σ_m c_m s_m[i], with s_m = <paramref name="fields"/>[m·stride + offset …] (m = 0 … c.Length − 1);
    /// without the factor t when <paramref name="t"/> is empty. One pass over the destination: the sum is kept in
    /// registers, the fields are read once each.
    /// </summary>
    public static void Combine(Span<Complex> d, ReadOnlySpan<Complex> fields, int stride, int offset, ReadOnlySpan<Complex> c, ReadOnlySpan<Complex> t)
    {
        var n = c.Length;
        var len = d.Length;
        if (n < 1) throw new ArgumentException("At least one coefficient is needed.", nameof(c));
        if (offset < 0 || (long)(n - 1) * stride + offset + len > fields.Length) throw new ArgumentException("The fields span is too short.", nameof(fields));
        if (!t.IsEmpty && t.Length < len) throw new ArgumentException("The factor span is shorter than the data.", nameof(t));
        var i = 0;
        if (Avx.IsSupported && len >= 2)
        {
            ref var dr = ref AsDouble(d);
            ref var fr = ref AsDouble(fields);
            ref var tr = ref t.IsEmpty ? ref dr : ref AsDouble(t);
            var pairs = len / 2;
            for (var v = 0; v < pairs; v++)
            {
                var accRe = Vector256<double>.Zero;
                var accIm = Vector256<double>.Zero;
                for (var m = 0; m < n; m++)
                {
                    var x = Vector256.LoadUnsafe(ref fr, (nuint)(2 * ((long)m * stride + offset) + 4 * v));
                    accRe = MulAdd(x, Vector256.Create(c[m].Real), accRe);
                    accIm = MulAdd(Avx.Permute(x, 0b0101), Vector256.Create(c[m].Imaginary), accIm);
                }
                var sum = Avx.AddSubtract(accRe, accIm);
                var off = (nuint)(4 * v);
                if (!t.IsEmpty) sum = Product(sum, Vector256.LoadUnsafe(ref tr, off));
                sum.StoreUnsafe(ref dr, off);
            }
            i = 2 * pairs;
        }
        for (; i < len; i++)
        {
            Complex s = 0;
            for (var m = 0; m < n; m++) s += c[m] * fields[m * stride + offset + i];
            d[i] = t.IsEmpty ? s : s * t[i];
        }
    }

    /// <summary>
    /// All rows at once: d_j[i] ← t[i] · Σ_m C_jm s_m[i] for j, m = 0 … n − 1 (C row-major n×n), where row j of the
    /// destination is <paramref name="destination"/>[j·stride + offset …] and s_m = <paramref name="source"/>[m·stride +
    /// offset …], over <paramref name="length"/> points; no factor when <paramref name="t"/> is empty. Two rows and two
    /// vectors are formed together (8 accumulators), so each loaded value and coefficient is used four times. Every
    /// element gets exactly the operations of <see cref="Combine"/> in the same order: the results are bitwise those of
    /// calling it row by row.
    /// </summary>
    public static void Mix(Span<Complex> destination, ReadOnlySpan<Complex> source, int stride, int offset, int length, ReadOnlySpan<Complex> c,
        ReadOnlySpan<Complex> t)
    {
        var n = (int)Math.Round(Math.Sqrt(c.Length));
        if (n * n != c.Length || n < 1) throw new ArgumentException("C must be a non-empty square matrix.", nameof(c));
        if (offset < 0 || (long)(n - 1) * stride + offset + length > Math.Min(source.Length, destination.Length))
            throw new ArgumentException("The field spans are too short.", nameof(source));
        if (!t.IsEmpty && t.Length < length) throw new ArgumentException("The factor span is shorter than the data.", nameof(t));
        var j = 0;
        var blocked = Avx.IsSupported ? length / 4 * 4 : 0; // points handled two vectors at a time
        if (blocked > 0)
        {
            ref var dr = ref AsDouble(destination);
            ref var sr = ref AsDouble(source);
            ref var tr = ref t.IsEmpty ? ref dr : ref AsDouble(t);
            ref var cr = ref AsDouble(c);
            for (; j + 1 < n; j += 2)
            {
                for (var p = 0; p < blocked; p += 4)
                {
                    Vector256<double> re00 = default, im00 = default, re01 = default, im01 = default;
                    Vector256<double> re10 = default, im10 = default, re11 = default, im11 = default;
                    for (var m = 0; m < n; m++)
                    {
                        var at = (nuint)(2 * ((long)m * stride + offset + p));
                        var x0 = Vector256.LoadUnsafe(ref sr, at);
                        var x1 = Vector256.LoadUnsafe(ref sr, at + 4);
                        var s0 = Avx.Permute(x0, 0b0101);
                        var s1 = Avx.Permute(x1, 0b0101);
                        var c0 = (nuint)(2 * (j * n + m));
                        var c1 = (nuint)(2 * ((j + 1) * n + m));
                        var a0 = Vector256.Create(Unsafe.Add(ref cr, c0));
                        var b0 = Vector256.Create(Unsafe.Add(ref cr, c0 + 1));
                        var a1 = Vector256.Create(Unsafe.Add(ref cr, c1));
                        var b1 = Vector256.Create(Unsafe.Add(ref cr, c1 + 1));
                        re00 = MulAdd(x0, a0, re00); im00 = MulAdd(s0, b0, im00);
                        re01 = MulAdd(x1, a0, re01); im01 = MulAdd(s1, b0, im01);
                        re10 = MulAdd(x0, a1, re10); im10 = MulAdd(s0, b1, im10);
                        re11 = MulAdd(x1, a1, re11); im11 = MulAdd(s1, b1, im11);
                    }
                    var r00 = Avx.AddSubtract(re00, im00);
                    var r01 = Avx.AddSubtract(re01, im01);
                    var r10 = Avx.AddSubtract(re10, im10);
                    var r11 = Avx.AddSubtract(re11, im11);
                    if (!t.IsEmpty)
                    {
                        var t0 = Vector256.LoadUnsafe(ref tr, (nuint)(2 * p));
                        var t1 = Vector256.LoadUnsafe(ref tr, (nuint)(2 * p + 4));
                        r00 = Product(r00, t0); r01 = Product(r01, t1);
                        r10 = Product(r10, t0); r11 = Product(r11, t1);
                    }
                    var d0 = (nuint)(2 * ((long)j * stride + offset + p));
                    var d1 = (nuint)(2 * ((long)(j + 1) * stride + offset + p));
                    r00.StoreUnsafe(ref dr, d0); r01.StoreUnsafe(ref dr, d0 + 4);
                    r10.StoreUnsafe(ref dr, d1); r11.StoreUnsafe(ref dr, d1 + 4);
                }
                for (var row = j; row < j + 2; row++)
                    if (blocked < length)
                        Combine(destination.Slice(row * stride + offset + blocked, length - blocked), source, stride, offset + blocked,
                            c.Slice(row * n, n), t.IsEmpty ? t : t[blocked..]);
            }
        }
        for (; j < n; j++)
            Combine(destination.Slice(j * stride + offset, length), source, stride, offset, c.Slice(j * n, n), t.IsEmpty ? t : t[..length]);
    }

    private static ref double AsDouble(Span<Complex> s) => ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Complex, double>(s));

    private static ref double AsDouble(ReadOnlySpan<Complex> s) =>
        ref Unsafe.AsRef(in MemoryMarshal.GetReference(MemoryMarshal.Cast<Complex, double>(s)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MulAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : Avx.Add(Avx.Multiply(a, b), c);

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
