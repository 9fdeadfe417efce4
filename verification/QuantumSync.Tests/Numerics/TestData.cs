using System.Numerics;
using NUnit.Framework;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;

namespace QuantumSync.Tests.Numerics;

/// <summary>Shared inputs for the numerics tests: seeded random data and the backends under test.</summary>
internal static class TestData
{
    /// <summary>Complex numbers with real and imaginary parts uniform in [−1, 1), from a fixed seed.</summary>
    public static Complex[] RandomComplex(int seed, int length)
    {
        var random = new Random(seed);
        var values = new Complex[length];
        for (var i = 0; i < length; i++) values[i] = new Complex(2 * random.NextDouble() - 1, 2 * random.NextDouble() - 1);
        return values;
    }

    /// <summary>The names of the backends every FFT property is tested on.</summary>
    public static IEnumerable<string> BackendNames() => ["fftw", "managed"];

    /// <summary>
    /// The backend of that name. libfftw3 is installed wherever these tests run (CI included), so a missing FFTW is a
    /// failure, not a reason to skip.
    /// </summary>
    public static IFftBackend Backend(string name) => name switch
    {
        "fftw" => FftBackends.Fftw ?? throw new AssertionException(
            "FFTW backend unavailable: libfftw3.so.3 could not be loaded (install libfftw3-double3). " +
            "The FFTW tests fail rather than skip because CI has the library."),
        "managed" => FftBackends.Managed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown backend."),
    };

    /// <summary>A fresh buffer holding <paramref name="values"/>.</summary>
    public static ComplexBuffer Buffer(ReadOnlySpan<Complex> values)
    {
        var buffer = new ComplexBuffer(values.Length);
        buffer.CopyFrom(values);
        return buffer;
    }

    /// <summary>‖a − b‖₂ / ‖b‖₂ over plain sums (cell volume 1).</summary>
    public static double RelativeDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b) =>
        Integrals.RelativeDistanceL2(a, b, 1.0);
}
