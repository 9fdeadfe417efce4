using System.Numerics;
using System.Runtime.InteropServices;

namespace QuantumSync.Numerics;

/// <summary>
/// A native buffer of complex doubles aligned to 64 bytes, so FFTW keeps its SIMD code path
/// (managed arrays start at 8 mod 16 and lose it). Layout is that of fftw_complex.
/// </summary>
public sealed unsafe class ComplexBuffer : IDisposable
{
    /// <summary>The alignment FFTW's widest SIMD path wants.</summary>
    public const int Alignment = 64;
    private Complex* _data;

    /// <summary>Allocates <paramref name="length"/> zeroed entries, 64-byte aligned (at least one entry is allocated, so an empty buffer still has a valid pointer).</summary>
    public ComplexBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        var bytes = (nuint)Math.Max(1, length) * (nuint)sizeof(Complex);
        _data = (Complex*)NativeMemory.AlignedAlloc(bytes, Alignment);
        NativeMemory.Clear(_data, bytes);
        GC.AddMemoryPressure((long)bytes);
    }

    /// <summary>Number of complex entries.</summary>
    public int Length { get; }

    /// <summary>The raw pointer, for native calls.</summary>
    public IntPtr Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_data == null, this);
            return (IntPtr)_data;
        }
    }

    /// <summary>All <see cref="Length"/> entries as a span over the native memory; throws once disposed.</summary>
    public Span<Complex> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_data == null, this);
            return new Span<Complex>(_data, Length);
        }
    }

    /// <summary>A window of <paramref name="count"/> entries from <paramref name="start"/>.</summary>
    public Span<Complex> Slice(int start, int count) => Span.Slice(start, count);

    /// <summary>Entry <paramref name="index"/>, by reference.</summary>
    public ref Complex this[int index] => ref Span[index];

    /// <summary>Copies <paramref name="source"/> to the start of the buffer; it must not be longer than <see cref="Length"/>.</summary>
    public void CopyFrom(ReadOnlySpan<Complex> source) => source.CopyTo(Span);

    /// <summary>A managed copy of all entries.</summary>
    public Complex[] ToArray() => Span.ToArray();

    /// <summary>Frees the native memory; later calls do nothing, and <see cref="Span"/> and <see cref="Pointer"/> throw.</summary>
    public void Dispose()
    {
        if (_data == null) return;
        NativeMemory.AlignedFree(_data);
        GC.RemoveMemoryPressure((long)Math.Max(1, Length) * sizeof(Complex));
        _data = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the native memory of a buffer that was not disposed.</summary>
    ~ComplexBuffer()
    {
        if (_data != null) NativeMemory.AlignedFree(_data);
    }
}
