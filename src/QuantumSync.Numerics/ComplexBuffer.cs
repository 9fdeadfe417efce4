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

    public ComplexBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        var bytes = (nuint)Math.Max(1, length) * (nuint)sizeof(Complex);
        _data = (Complex*)NativeMemory.AlignedAlloc(bytes, Alignment);
        NativeMemory.Clear(_data, bytes);
        GC.AddMemoryPressure((long)bytes);
    }

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

    public ref Complex this[int index] => ref Span[index];

    public void CopyFrom(ReadOnlySpan<Complex> source) => source.CopyTo(Span);

    public Complex[] ToArray() => Span.ToArray();

    public void Dispose()
    {
        if (_data == null) return;
        NativeMemory.AlignedFree(_data);
        GC.RemoveMemoryPressure((long)Math.Max(1, Length) * sizeof(Complex));
        _data = null;
        GC.SuppressFinalize(this);
    }

    ~ComplexBuffer()
    {
        if (_data != null) NativeMemory.AlignedFree(_data);
    }
}
