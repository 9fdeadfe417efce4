using System.Numerics;
using System.Runtime.InteropServices;

namespace QuantumSync.Numerics.LinearAlgebra;

/// <summary>
/// OpenBLAS (libopenblas.so.0; Debian: libopenblas0-serial or -pthread) through source-generated P/Invoke of its CBLAS
/// interface: cblas_zgemm and cblas_zherk on row-major data. The library is asked for one thread
/// (openblas_set_num_threads(1)): the harness runs cases in parallel already, and a fixed thread count keeps the
/// reduction order, and so every result, the same from run to run.
/// </summary>
public sealed unsafe partial class OpenBlasBackend : IDenseBackend
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;
    private const int ConjTrans = 113;
    private const int Upper = 121;

    private OpenBlasBackend(string name) => Name = name;

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Loads libopenblas.so.0 if it can; null when the library (or its CBLAS symbols) is absent.</summary>
    public static OpenBlasBackend? TryCreate()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(OpenBlasBackend).Assembly, null, out var handle)) return null;
        if (!NativeLibrary.TryGetExport(handle, "cblas_zgemm", out _) || !NativeLibrary.TryGetExport(handle, "cblas_zherk", out _)) return null;
        var name = "OpenBLAS";
        if (NativeLibrary.TryGetExport(handle, "openblas_get_config", out _))
        {
            var config = Marshal.PtrToStringAnsi(openblas_get_config()) ?? "";
            // "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell SINGLE_THREADED" → keep version, core and threading.
            var words = config.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            name = words.Length >= 2 ? $"{words[0]} {words[1]}" : config;
            var details = words.Skip(2).Where(w => w is not ("DYNAMIC_ARCH" or "NO_AFFINITY" or "NO_LAPACK" or "NO_LAPACKE")).ToArray();
            if (details.Length > 0) name += $" ({string.Join(' ', details).ToLowerInvariant()})";
        }
        if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out _)) openblas_set_num_threads(1);
        return new OpenBlasBackend(name);
    }

    /// <inheritdoc/>
    public void Gemm(MatrixOp opA, MatrixOp opB, int m, int n, int k, Complex alpha, ReadOnlySpan<Complex> a, int lda,
        ReadOnlySpan<Complex> b, int ldb, Complex beta, Span<Complex> c, int ldc)
    {
        DenseArguments.Gemm(opA, opB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        // BLAS requires ld ≥ 1 even for empty operands.
        fixed (Complex* pa = a, pb = b, pc = c)
            cblas_zgemm(RowMajor, Op(opA), Op(opB), m, n, k, &alpha, pa, Math.Max(1, lda), pb, Math.Max(1, ldb), &beta, pc, Math.Max(1, ldc));
    }

    /// <inheritdoc/>
    public void HermitianRankK(int n, int k, double alpha, ReadOnlySpan<Complex> a, int lda, double beta, Span<Complex> c, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        DenseArguments.Operand("A", n, k, a.Length, lda);
        DenseArguments.Operand("C", n, n, c.Length, ldc);
        if (n == 0) return;
        fixed (Complex* pa = a, pc = c)
            cblas_zherk(RowMajor, Upper, NoTrans, n, k, alpha, pa, Math.Max(1, lda), beta, pc, Math.Max(1, ldc));
    }

    private static int Op(MatrixOp op) => op switch
    {
        MatrixOp.None => NoTrans,
        MatrixOp.Transpose => Trans,
        MatrixOp.ConjugateTranspose => ConjTrans,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown matrix operation"),
    };

    [LibraryImport(Library)]
    private static partial void cblas_zgemm(int order, int transA, int transB, int m, int n, int k, Complex* alpha,
        Complex* a, int lda, Complex* b, int ldb, Complex* beta, Complex* c, int ldc);

    [LibraryImport(Library)]
    private static partial void cblas_zherk(int order, int uplo, int trans, int n, int k, double alpha, Complex* a, int lda,
        double beta, Complex* c, int ldc);

    [LibraryImport(Library)]
    private static partial IntPtr openblas_get_config();

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);
}
