using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace QuantumSync.Numerics.Fft;

/// <summary>
/// FFTW 3 (libfftw3.so.3) through source-generated P/Invoke. Plans are made with FFTW_MEASURE once per
/// (shape, batch, direction), under a global lock because FFTW's planner is not thread-safe; execution
/// uses the new-array interface (fftw_execute_dft), which is thread-safe. Batches use fftw_plan_many_dft.
/// </summary>
public sealed partial class FftwBackend : IFftBackend
{
    private const string Library = "libfftw3.so.3";
    private const uint Measure = 0;
    private const uint Estimate = 1u << 6;
    private const uint Unaligned = 1u << 1;
    private static readonly Lock PlannerLock = new();
    private readonly ConcurrentDictionary<string, FftwPlan> _plans = new();
    private readonly uint _rigour;

    private FftwBackend(bool measure, string version)
    {
        _rigour = measure ? Measure : Estimate;
        Name = $"FFTW {version} ({(measure ? "MEASURE" : "ESTIMATE")})";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Loads libfftw3.so.3 if it can; null when the library is absent.</summary>
    public static FftwBackend? TryCreate(bool measure = true)
    {
        if (!NativeLibrary.TryLoad(Library, typeof(FftwBackend).Assembly, null, out var handle)) return null;
        var version = "3";
        if (NativeLibrary.TryGetExport(handle, "fftw_version", out var versionPtr))
        {
            var text = Marshal.PtrToStringAnsi(versionPtr) ?? "";
            version = text.StartsWith("fftw-", StringComparison.Ordinal) ? text[5..] : text;
        }
        return new FftwBackend(measure, version);
    }

    /// <inheritdoc/>
    public IFftPlan Plan(IReadOnlyList<int> shape, int batch = 1)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Count == 0 || shape.Any(n => n < 1)) throw new ArgumentException("Every axis needs at least one point.", nameof(shape));
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var key = string.Join("x", shape) + "/" + batch;
        return _plans.GetOrAdd(key, _ => new FftwPlan(shape.ToArray(), batch, _rigour));
    }

    private sealed class FftwPlan : IFftPlan
    {
        private readonly uint _rigour;
        private readonly IntPtr _forward;
        private readonly IntPtr _backward;
        private readonly int _alignment;
        private IntPtr _forwardUnaligned;
        private IntPtr _backwardUnaligned;
        private readonly Lock _unalignedGate = new();

        public FftwPlan(int[] shape, int batch, uint rigour)
        {
            Shape = shape;
            Batch = batch;
            Size = shape.Aggregate(1, (p, n) => checked(p * n));
            _rigour = rigour;
            using var scratch = new ComplexBuffer(Size * batch);
            _alignment = fftw_alignment_of(scratch.Pointer);
            _forward = Make(scratch.Pointer, -1, rigour);
            _backward = Make(scratch.Pointer, 1, rigour);
        }

        public int[] Shape { get; }
        public int Batch { get; }
        public int Size { get; }

        private IntPtr Make(IntPtr buffer, int sign, uint flags)
        {
            lock (PlannerLock)
            {
                var plan = fftw_plan_many_dft(Shape.Length, Shape, Batch, buffer, null, 1, Size, buffer, null, 1, Size, sign, flags);
                if (plan == IntPtr.Zero) throw new InvalidOperationException($"FFTW could not plan a {string.Join("×", Shape)} transform (batch {Batch}).");
                return plan;
            }
        }

        public void Execute(ComplexBuffer data, int offset, FftDirection direction)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (offset < 0 || (long)offset + (long)Size * Batch > data.Length)
                throw new ArgumentOutOfRangeException(nameof(offset), $"Transforms of {Size}×{Batch} from {offset} overrun a buffer of {data.Length}.");
            var pointer = data.Pointer + offset * 16;
            IntPtr plan;
            if (fftw_alignment_of(pointer) == _alignment)
            {
                plan = direction == FftDirection.Forward ? _forward : _backward;
            }
            else
            {
                plan = direction == FftDirection.Forward ? Volatile.Read(ref _forwardUnaligned) : Volatile.Read(ref _backwardUnaligned);
                if (plan == IntPtr.Zero)
                {
                    lock (_unalignedGate)
                    {
                        plan = direction == FftDirection.Forward ? _forwardUnaligned : _backwardUnaligned;
                        if (plan == IntPtr.Zero)
                        {
                            using var scratch = new ComplexBuffer(Size * Batch);
                            plan = Make(scratch.Pointer, (int)direction, _rigour | Unaligned);
                            if (direction == FftDirection.Forward) Volatile.Write(ref _forwardUnaligned, plan);
                            else Volatile.Write(ref _backwardUnaligned, plan);
                        }
                    }
                }
            }
            fftw_execute_dft(plan, pointer, pointer);
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr fftw_plan_many_dft(int rank, int[] n, int howmany, IntPtr input, int[]? inembed, int istride, int idist,
        IntPtr output, int[]? onembed, int ostride, int odist, int sign, uint flags);

    [LibraryImport(Library)]
    private static partial void fftw_execute_dft(IntPtr plan, IntPtr input, IntPtr output);

    [LibraryImport(Library)]
    private static partial int fftw_alignment_of(IntPtr pointer);
}
