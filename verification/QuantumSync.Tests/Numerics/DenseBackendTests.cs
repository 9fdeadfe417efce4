using System.Numerics;
using NUnit.Framework;
using QuantumSync.Numerics.LinearAlgebra;

namespace QuantumSync.Tests.Numerics;

/// <summary>
/// The dense backends (<see cref="IDenseBackend"/>) against the defining sums, written here element by element
/// ((op(A)op(B))_rq = Σ_p op(A)_rp op(B)_pq; (AAᴴ)_rq = Σ_p A_rp conj(A_qp)), for every operand form, with leading
/// dimensions larger than the rows and operands that start inside a larger span, as the solvers use them.
/// </summary>
[TestFixture]
public sealed class DenseBackendTests
{
    /// <summary>
    /// A sum of k products of entries of size ≤ 1 rounds to within k·ε·max|term| ≈ 40 · 1.1e-16 · 2 ≈ 1e-14 in any
    /// summation order (BLAS reorders and uses FMA); 1e-12 leaves headroom and is far below any index, transpose or
    /// conjugation mistake, which changes entries by O(1).
    /// </summary>
    private const double ProductTolerance = 1e-12;

    private static IEnumerable<string> BackendNames() => ["openblas", "managed"];

    /// <summary>libopenblas.so.0 is installed wherever these tests run (.ci/run installs libopenblas0-serial), so a
    /// missing OpenBLAS is a failure, not a reason to skip.</summary>
    private static IDenseBackend Backend(string name) => name switch
    {
        "openblas" => DenseBackends.OpenBlas ?? throw new AssertionException(
            "OpenBLAS unavailable: libopenblas.so.0 could not be loaded (install libopenblas0-serial)."),
        "managed" => DenseBackends.Managed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown backend."),
    };

    private static Complex Element(MatrixOp op, Complex[] a, int ld, int offset, int row, int col) => op switch
    {
        MatrixOp.None => a[offset + row * ld + col],
        MatrixOp.Transpose => a[offset + col * ld + row],
        _ => Complex.Conjugate(a[offset + col * ld + row]),
    };

    private static IEnumerable<TestCaseData> GemmCases()
    {
        foreach (var backend in BackendNames())
        foreach (var opA in Enum.GetValues<MatrixOp>())
        foreach (var opB in Enum.GetValues<MatrixOp>())
        foreach (var (m, n, k) in new[] { (3, 5, 4), (7, 2, 40), (1, 1, 1), (16, 16, 16) })
            yield return new TestCaseData(backend, opA, opB, m, n, k);
    }

    [TestCaseSource(nameof(GemmCases))]
    public void Gemm_MatchesTheDefiningSum(string backend, MatrixOp opA, MatrixOp opB, int m, int n, int k)
    {
        var (aRows, aCols) = opA == MatrixOp.None ? (m, k) : (k, m);
        var (bRows, bCols) = opB == MatrixOp.None ? (k, n) : (n, k);
        int lda = aCols + 3, ldb = bCols + 1, ldc = n + 2;
        const int aOffset = 5, bOffset = 2, cOffset = 1;
        var a = TestData.RandomComplex(11, aOffset + aRows * lda);
        var b = TestData.RandomComplex(12, bOffset + bRows * ldb);
        var c = TestData.RandomComplex(13, cOffset + m * ldc + 4);
        var alpha = new Complex(0.7, -0.3);
        var beta = new Complex(-0.4, 0.9);
        var expected = (Complex[])c.Clone();
        for (var r = 0; r < m; r++)
        for (var q = 0; q < n; q++)
        {
            Complex sum = 0;
            for (var p = 0; p < k; p++) sum += Element(opA, a, lda, aOffset, r, p) * Element(opB, b, ldb, bOffset, p, q);
            expected[cOffset + r * ldc + q] = alpha * sum + beta * c[cOffset + r * ldc + q];
        }

        Backend(backend).Gemm(opA, opB, m, n, k, alpha, a.AsSpan(aOffset), lda, b.AsSpan(bOffset), ldb, beta, c.AsSpan(cOffset), ldc);

        // Entries outside the m×n block (padding columns, the elements before and after) must be untouched.
        for (var i = 0; i < c.Length; i++)
            Assert.That(Complex.Abs(c[i] - expected[i]), Is.LessThanOrEqualTo(ProductTolerance), $"element {i}");
    }

    [TestCase("openblas", 5, 37)]
    [TestCase("managed", 5, 37)]
    [TestCase("openblas", 1, 1)]
    [TestCase("managed", 16, 3)]
    public void HermitianRankK_MatchesTheDefiningSumOnTheUpperTriangle(string backend, int n, int k)
    {
        int lda = k + 4, ldc = n + 1;
        var a = TestData.RandomComplex(21, n * lda);
        var c = TestData.RandomComplex(22, n * ldc);
        const double alpha = 0.37, beta = 1.0;
        var before = (Complex[])c.Clone();

        Backend(backend).HermitianRankK(n, k, alpha, a, lda, beta, c, ldc);

        for (var r = 0; r < n; r++)
        for (var q = 0; q < n; q++)
        {
            var index = r * ldc + q;
            if (q < r)
            {
                Assert.That(c[index], Is.EqualTo(before[index]), $"strict lower ({r},{q}) must not be referenced");
                continue;
            }
            Complex sum = 0;
            for (var p = 0; p < k; p++) sum += a[r * lda + p] * Complex.Conjugate(a[q * lda + p]);
            var expected = alpha * sum + beta * before[index];
            if (q == r) expected = new Complex(expected.Real, 0);
            Assert.That(Complex.Abs(c[index] - expected), Is.LessThanOrEqualTo(ProductTolerance), $"({r},{q})");
        }
    }

    [Test]
    public void Backends_AgreeOnAProductWithAConjugationAndATransposeSwapped_OnlyWhenTheyAreTheSame()
    {
        // Wrong data: Aᵀ in place of Aᴴ must be seen by the comparison the tests above rely on (complex data: the two
        // differ by O(1)), so a backend that dropped the conjugation could not pass them.
        var a = TestData.RandomComplex(31, 9);
        var b = TestData.RandomComplex(32, 9);
        var right = new Complex[9];
        var wrong = new Complex[9];
        DenseBackends.Managed.Gemm(MatrixOp.ConjugateTranspose, MatrixOp.None, 3, 3, 3, 1, a, 3, b, 3, 0, right, 3);
        DenseBackends.Managed.Gemm(MatrixOp.Transpose, MatrixOp.None, 3, 3, 3, 1, a, 3, b, 3, 0, wrong, 3);
        var largest = right.Zip(wrong, (x, y) => Complex.Abs(x - y)).Max();
        Assert.That(largest, Is.GreaterThan(1e3 * ProductTolerance));
    }

    [TestCase("openblas")]
    [TestCase("managed")]
    public void Gemm_RefusesOperandsThatDoNotFitTheirSpans(string backend)
    {
        var small = new Complex[5];
        var ok = new Complex[16];
        var error = Assert.Throws<ArgumentException>(() =>
            Backend(backend).Gemm(MatrixOp.None, MatrixOp.None, 2, 2, 3, 1, small, 3, ok, 2, 0, ok, 2));
        Assert.That(error!.Message, Does.Contain("A is 2×3").And.Contain("holds 5"));
        error = Assert.Throws<ArgumentException>(() =>
            Backend(backend).Gemm(MatrixOp.None, MatrixOp.None, 2, 2, 2, 1, ok, 1, ok, 2, 0, ok, 2));
        Assert.That(error!.Message, Does.Contain("Leading dimension of A (1)"));
        Assert.Throws<ArgumentException>(() => Backend(backend).HermitianRankK(4, 4, 1, ok, 4, 0, small, 4));
    }

    [Test]
    public void OpenBlas_IsLoadableAndNamesItsVersion()
    {
        var blas = Backend("openblas");
        Assert.That(blas.Name, Does.StartWith("OpenBLAS"));
    }
}
