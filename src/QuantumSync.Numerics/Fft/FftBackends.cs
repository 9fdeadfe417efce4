namespace QuantumSync.Numerics.Fft;

/// <summary>
/// Chooses the FFT backend: FFTW when libfftw3.so.3 loads, otherwise the managed MathNet FFT with a
/// one-line notice on standard error. Setting CONVERGENCESUITE_FFT=managed forces the fallback.
/// </summary>
public static class FftBackends
{
    private static readonly Lazy<IFftBackend> DefaultBackend = new(Choose);
    private static readonly Lazy<IFftBackend> ManagedBackend = new(() => new ManagedFftBackend());

    /// <summary>The backend in use for this process.</summary>
    public static IFftBackend Default => DefaultBackend.Value;

    /// <summary>The managed fallback, always available.</summary>
    public static IFftBackend Managed => ManagedBackend.Value;

    /// <summary>FFTW if present, else null.</summary>
    public static IFftBackend? Fftw { get; } = FftwBackend.TryCreate();

    private static IFftBackend Choose()
    {
        var forced = Environment.GetEnvironmentVariable("CONVERGENCESUITE_FFT");
        if (string.Equals(forced, "managed", StringComparison.OrdinalIgnoreCase)) return Managed;
        if (Fftw is not null) return Fftw;
        Console.Error.WriteLine("notice: libfftw3.so.3 not found; using the managed MathNet FFT (10-20x slower). Install libfftw3-double3 for speed.");
        return Managed;
    }
}
