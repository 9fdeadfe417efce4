namespace QuantumSync.Numerics.Fft;

/// <summary>Direction and sign convention of a discrete Fourier transform.</summary>
public enum FftDirection
{
    /// <summary>f̂_k = Σ_j e^{−2πi jk/M} f_j (no scaling).</summary>
    Forward = -1,
    /// <summary>f_j = Σ_k e^{+2πi jk/M} f̂_k (no scaling: a round trip multiplies by M).</summary>
    Inverse = 1,
}

/// <summary>
/// A source of FFT plans. Transforms are in place, unnormalised, on row-major data (last axis fastest),
/// batched over <c>batch</c> contiguous arrays. Scaling is the caller's: divide by the transform size
/// after a round trip.
/// </summary>
public interface IFftBackend
{
    /// <summary>Short name recorded in reports, e.g. "FFTW 3.3.10 (MEASURE)".</summary>
    string Name { get; }

    /// <summary>
    /// A plan for <paramref name="batch"/> transforms of <paramref name="shape"/> stored back to back.
    /// Plans are cached per shape and batch and shared; they must not be disposed by callers.
    /// Creating plans is thread-safe; executing one plan from several threads on different data is safe.
    /// </summary>
    IFftPlan Plan(IReadOnlyList<int> shape, int batch = 1);
}

/// <summary>A reusable plan; see <see cref="IFftBackend.Plan"/>.</summary>
public interface IFftPlan
{
    /// <summary>Points per axis of one transform, row-major (last axis fastest).</summary>
    int[] Shape { get; }
    /// <summary>Number of transforms of <see cref="Shape"/> stored back to back that one <see cref="Execute"/> performs.</summary>
    int Batch { get; }
    /// <summary>Points in one transform, Π shape.</summary>
    int Size { get; }

    /// <summary>Transforms the <see cref="Batch"/> arrays that start at <paramref name="offset"/> in place.</summary>
    void Execute(ComplexBuffer data, int offset, FftDirection direction);
}
