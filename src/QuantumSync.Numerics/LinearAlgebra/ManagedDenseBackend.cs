using System.Numerics;

namespace QuantumSync.Numerics.LinearAlgebra;

/// <summary>
/// The managed fallback: row-major loops ordered so that the innermost loop runs along contiguous memory
/// (<see cref="ComplexKernels.MultiplyAdd"/> for the axpy rows of a product). Correct for every size; 5–20× slower than
/// OpenBLAS at N ≥ 64 (see the large-N benchmark in README.md).
/// </summary>
public sealed class ManagedDenseBackend : IDenseBackend
{
    /// <inheritdoc/>
    public string Name => "managed";

    /// <inheritdoc/>
    public void Gemm(MatrixOp opA, MatrixOp opB, int m, int n, int k, Complex alpha, ReadOnlySpan<Complex> a, int lda,
        ReadOnlySpan<Complex> b, int ldb, Complex beta, Span<Complex> c, int ldc)
    {
        DenseArguments.Gemm(opA, opB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (var r = 0; r < m; r++)
        {
            var row = c.Slice(r * ldc, n);
            if (beta == Complex.Zero) row.Clear();
            else if (beta != Complex.One) for (var q = 0; q < n; q++) row[q] *= beta;
        }
        if (m == 0 || n == 0 || k == 0 || alpha == Complex.Zero) return;
        Span<Complex> bRow = opB == MatrixOp.None ? default : new Complex[n];
        for (var p = 0; p < k; p++)
        {
            // Row p of op(B): contiguous when B is used as stored; gathered (and conjugated) otherwise.
            ReadOnlySpan<Complex> bp;
            if (opB == MatrixOp.None) bp = b.Slice(p * ldb, n);
            else
            {
                for (var q = 0; q < n; q++) bRow[q] = opB == MatrixOp.Transpose ? b[q * ldb + p] : Complex.Conjugate(b[q * ldb + p]);
                bp = bRow;
            }
            for (var r = 0; r < m; r++)
            {
                var arp = opA switch
                {
                    MatrixOp.None => a[r * lda + p],
                    MatrixOp.Transpose => a[p * lda + r],
                    _ => Complex.Conjugate(a[p * lda + r]),
                };
                if (arp == Complex.Zero) continue;
                ComplexKernels.MultiplyAdd(c.Slice(r * ldc, n), alpha * arp, bp);
            }
        }
    }

    /// <inheritdoc/>
    public void HermitianRankK(int n, int k, double alpha, ReadOnlySpan<Complex> a, int lda, double beta, Span<Complex> c, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        DenseArguments.Operand("A", n, k, a.Length, lda);
        DenseArguments.Operand("C", n, n, c.Length, ldc);
        for (var r = 0; r < n; r++)
        {
            var ar = a.Slice(r * lda, k);
            for (var q = r; q < n; q++)
            {
                // (A Aᴴ)_rq = Σ_p A_rp conj(A_qp) = conj(Σ_p conj(A_rp) A_qp).
                var dot = k == 0 ? Complex.Zero : Complex.Conjugate(Integrals.Dot(ar, a.Slice(q * lda, k)));
                var old = beta == 0 ? Complex.Zero : beta * c[r * ldc + q];
                var value = old + alpha * dot;
                c[r * ldc + q] = q == r ? new Complex(value.Real, 0) : value;
            }
        }
    }
}
