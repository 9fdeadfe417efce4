using System.Numerics;

namespace QuantumSync.Numerics.LinearAlgebra;

/// <summary>How a matrix operand enters a product: as stored, transposed, or conjugate-transposed.</summary>
public enum MatrixOp
{
    /// <summary>op(A) = A.</summary>
    None,

    /// <summary>op(A) = Aᵀ.</summary>
    Transpose,

    /// <summary>op(A) = Aᴴ.</summary>
    ConjugateTranspose,
}

/// <summary>
/// Dense complex matrix products on row-major storage (element (r, c) of a matrix with leading dimension ld at
/// r·ld + c). Two operations cover what the Lohe coupling needs: the general product (mixing matrices, C Ψ) and the
/// Hermitian rank-k update (Gram matrices Ψ Ψᴴ). Implementations: <see cref="OpenBlasBackend"/> (cblas_zgemm and
/// cblas_zherk of OpenBLAS) and <see cref="ManagedDenseBackend"/> (plain loops, always available).
/// </summary>
public interface IDenseBackend
{
    /// <summary>Name recorded in reports, e.g. "OpenBLAS 0.3.21 (serial)" or "managed".</summary>
    string Name { get; }

    /// <summary>C ← α·op(A)·op(B) + β·C, with op(A) m×k, op(B) k×n and C m×n.</summary>
    void Gemm(MatrixOp opA, MatrixOp opB, int m, int n, int k, Complex alpha, ReadOnlySpan<Complex> a, int lda,
        ReadOnlySpan<Complex> b, int ldb, Complex beta, Span<Complex> c, int ldc);

    /// <summary>The upper triangle (column ≥ row) of C ← α·A·Aᴴ + β·C, with A n×k and C n×n (α, β real). The strict
    /// lower triangle of C is not referenced; the diagonal's imaginary part is set to zero.</summary>
    void HermitianRankK(int n, int k, double alpha, ReadOnlySpan<Complex> a, int lda, double beta, Span<Complex> c, int ldc);
}

/// <summary>Argument checks shared by the backends: every index the operation touches must lie inside its span.</summary>
internal static class DenseArguments
{
    public static void Gemm(MatrixOp opA, MatrixOp opB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var (aRows, aCols) = opA == MatrixOp.None ? (m, k) : (k, m);
        var (bRows, bCols) = opB == MatrixOp.None ? (k, n) : (n, k);
        Operand("A", aRows, aCols, aLength, lda);
        Operand("B", bRows, bCols, bLength, ldb);
        Operand("C", m, n, cLength, ldc);
    }

    public static void Operand(string name, int rows, int cols, int length, int ld)
    {
        if (rows == 0 || cols == 0) return;
        if (ld < cols) throw new ArgumentException($"Leading dimension of {name} ({ld}) is smaller than its {cols} columns.");
        if ((long)(rows - 1) * ld + cols > length)
            throw new ArgumentException($"{name} is {rows}×{cols} with leading dimension {ld}, which needs {(long)(rows - 1) * ld + cols} elements; the span holds {length}.");
    }
}
