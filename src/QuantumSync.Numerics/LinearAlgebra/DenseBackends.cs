namespace QuantumSync.Numerics.LinearAlgebra;

/// <summary>
/// Chooses the dense backend as <see cref="Fft.FftBackends"/> chooses the FFT: OpenBLAS when libopenblas.so.0 loads,
/// otherwise the managed loops with a one-line notice on standard error. CONVERGENCESUITE_BLAS=managed forces the
/// fallback.
/// </summary>
public static class DenseBackends
{
    private static readonly Lazy<IDenseBackend> DefaultBackend = new(Choose);

    /// <summary>The backend in use for this process.</summary>
    public static IDenseBackend Default => DefaultBackend.Value;

    /// <summary>The managed fallback, always available.</summary>
    public static IDenseBackend Managed { get; } = new ManagedDenseBackend();

    /// <summary>OpenBLAS if present, else null.</summary>
    public static IDenseBackend? OpenBlas { get; } = OpenBlasBackend.TryCreate();

    private static IDenseBackend Choose()
    {
        var forced = Environment.GetEnvironmentVariable("CONVERGENCESUITE_BLAS");
        if (string.Equals(forced, "managed", StringComparison.OrdinalIgnoreCase)) return Managed;
        if (OpenBlas is not null) return OpenBlas;
        Console.Error.WriteLine("notice: libopenblas.so.0 not found; the Lohe coupling's matrix products use managed loops (5-20x slower at N >= 64). Install libopenblas0-serial for speed.");
        return Managed;
    }
}
