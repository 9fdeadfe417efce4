using System.Collections.Concurrent;
using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace QuantumSync.Numerics.Fft;

/// <summary>
/// The managed fallback: MathNet.Numerics' FFT (any length, Bluestein for non-powers of two), applied
/// axis by axis for d &gt; 1. Slower than FFTW and allocates per call; used when libfftw3 is absent.
/// </summary>
public sealed class ManagedFftBackend : IFftBackend
{
    private readonly ConcurrentDictionary<string, ManagedPlan> _plans = new();

    /// <inheritdoc/>
    public string Name => "MathNet.Numerics managed FFT";

    /// <inheritdoc/>
    public IFftPlan Plan(IReadOnlyList<int> shape, int batch = 1)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Count == 0 || shape.Any(n => n < 1)) throw new ArgumentException("Every axis needs at least one point.", nameof(shape));
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        return _plans.GetOrAdd(string.Join("x", shape) + "/" + batch, _ => new ManagedPlan(shape.ToArray(), batch));
    }

    private sealed class ManagedPlan(int[] shape, int batch) : IFftPlan
    {
        public int[] Shape { get; } = shape;
        public int Batch { get; } = batch;
        public int Size { get; } = shape.Aggregate(1, (p, n) => checked(p * n));

        public void Execute(ComplexBuffer data, int offset, FftDirection direction)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (offset < 0 || (long)offset + (long)Size * Batch > data.Length)
                throw new ArgumentOutOfRangeException(nameof(offset), $"Transforms of {Size}×{Batch} from {offset} overrun a buffer of {data.Length}.");
            for (var b = 0; b < Batch; b++)
                TransformOne(data.Slice(offset + b * Size, Size), direction);
        }

        private void TransformOne(Span<Complex> values, FftDirection direction)
        {
            // Stride of axis a in row-major layout = product of later sizes.
            var stride = Size;
            for (var axis = 0; axis < Shape.Length; axis++)
            {
                var n = Shape[axis];
                stride /= n;
                var line = new Complex[n];
                var outer = Size / (n * stride);
                for (var o = 0; o < outer; o++)
                for (var s = 0; s < stride; s++)
                {
                    var start = o * n * stride + s;
                    for (var i = 0; i < n; i++) line[i] = values[start + i * stride];
                    if (direction == FftDirection.Forward) Fourier.Forward(line, FourierOptions.NoScaling);
                    else Fourier.Inverse(line, FourierOptions.NoScaling);
                    for (var i = 0; i < n; i++) values[start + i * stride] = line[i];
                }
            }
        }
    }
}
