using System.Numerics;
using NUnit.Framework;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Models.States;
using QuantumSync.Numerics;
using QuantumSync.Numerics.LinearAlgebra;
using QuantumSync.Solvers.SchrodingerLohe;
using Shouldly;

namespace QuantumSync.Tests.Solvers;

/// <summary>
/// The S-L coupling at N ≥ <see cref="SchrodingerLoheOperators.DenseThreshold"/>, where its products go through a dense
/// backend (OpenBLAS or the managed loops of <see cref="ManagedDenseBackend"/>): against the exact factorised reference
/// (the coupling ODE by DOPRI5 and the eigen-propagator of V, no splitting and no dense backend), on both paths.
/// </summary>
[TestFixture]
public sealed class DenseCouplingTests
{
    private const int N = 20;
    private const double Final = 1.0;
    private const double Dt = 0.01;

    /// <summary>
    /// Yoshida-4 at dt = 0.01 over T = 1 on this problem: measured error 6.0e-11 with either backend on either path (the
    /// splitting error of the kinetic and potential parts). 1e-9 allows ~15× for other machines' round-off and FFT plans,
    /// and is 10⁸ below what a wrong product does (a dropped conjugation: 0.12, measured by the last test).
    /// </summary>
    private const double ReferenceTolerance = 1e-9;

    /// <summary>Two correct backends (or paths) differ by summation order only: 100 steps × N·ε·|ψ| ≈ 1e-13; 1e-11 keeps
    /// headroom and is far below any real difference.</summary>
    private const double RoundOffTolerance = 1e-11;

    private static SchrodingerLoheProblem Problem()
    {
        var grid = PeriodicGrid.Cube(1, 128, 40);
        var v = grid.Evaluate(x => Potential.Harmonic(0.5)[x]);
        var psi = Enumerable.Range(0, N)
            .Select(j => InitialStates.Normalised(
                InitialStates.Gaussian(grid, [-3.0 + 6.0 * j / (N - 1)], [0.4 - 0.8 * j / (N - 1)], 0.9 + 0.4 * j / N), grid.CellVolume))
            .ToArray();
        return new SchrodingerLoheProblem(grid, 1.0, Enumerable.Repeat(v, N).ToArray(), psi);
    }

    private static Complex[][] Run(SchrodingerLoheProblem problem, IDenseBackend dense, bool fused)
    {
        using var solver = new SplitStepSolver(new SchrodingerLoheOperators(problem, Dt, null, fused, dense), SplittingSchemes.Yoshida4);
        solver.AdvanceTo(Final);
        solver.DenseBackend.ShouldBe(dense.Name);
        return Enumerable.Range(0, N).Select(j => solver.State(j).ToArray()).ToArray();
    }

    private static double Error(SchrodingerLoheProblem problem, Complex[][] states)
    {
        var reference = new ExactFactorisedReference(problem.Initial, problem.Coupling, problem.Grid.CellVolume,
            new EigenPropagator(problem.Grid, Potential.Harmonic(0.5))).States([Final])[0];
        return Enumerable.Range(0, N).Max(j => Integrals.DistanceL2(states[j], reference[j], problem.Grid.CellVolume));
    }

    private static IEnumerable<TestCaseData> Backends()
    {
        foreach (var fused in new[] { true, false })
        {
            yield return new TestCaseData("openblas", fused);
            yield return new TestCaseData("managed", fused);
        }
    }

    private static IDenseBackend Backend(string name) => name == "managed"
        ? DenseBackends.Managed
        : DenseBackends.OpenBlas ?? throw new AssertionException("OpenBLAS unavailable: libopenblas.so.0 could not be loaded (install libopenblas0-serial).");

    [TestCaseSource(nameof(Backends))]
    public void LargeN_AgreesWithTheExactFactorisedReference(string backend, bool fused)
    {
        var problem = Problem();
        var error = Error(problem, Run(problem, Backend(backend), fused));
        TestContext.Out.WriteLine($"{backend}, {(fused ? "fused" : "general")} path, N = {N}: max_j ‖ψ_j − ψ_j^ref‖ = {error:E3}");
        error.ShouldBeLessThan(ReferenceTolerance);
    }

    [Test]
    public void LargeN_BackendsAndPathsAgreeToRoundOff()
    {
        var problem = Problem();
        var blas = Run(problem, Backend("openblas"), fused: true);
        foreach (var (other, label) in new[] { (Run(problem, Backend("managed"), true), "managed, fused"), (Run(problem, Backend("openblas"), false), "OpenBLAS, general") })
        {
            var largest = Enumerable.Range(0, N).Max(j => Integrals.DistanceL2(blas[j], other[j], problem.Grid.CellVolume));
            TestContext.Out.WriteLine($"OpenBLAS fused vs {label}: {largest:E3}");
            largest.ShouldBeLessThan(RoundOffTolerance);
        }
    }

    [Test]
    public void LargeN_WithAProductMissingItsConjugation_FailsTheReference()
    {
        // Wrong data: a backend that computes Aᵀ where Aᴴ is asked (the classic complex-BLAS slip) must be caught.
        var problem = Problem();
        var error = Error(problem, Run(problem, new TransposeForAdjoint(), fused: true));
        TestContext.Out.WriteLine($"conjugation dropped: max_j ‖ψ_j − ψ_j^ref‖ = {error:E3}");
        error.ShouldBeGreaterThan(1e3 * ReferenceTolerance);
    }

    /// <summary>The managed backend with ᴴ replaced by ᵀ and A Aᴴ by A Aᵀ.</summary>
    private sealed class TransposeForAdjoint : IDenseBackend
    {
        public string Name => "managed, conjugation dropped";

        public void Gemm(MatrixOp opA, MatrixOp opB, int m, int n, int k, Complex alpha, ReadOnlySpan<Complex> a, int lda,
            ReadOnlySpan<Complex> b, int ldb, Complex beta, Span<Complex> c, int ldc) =>
            DenseBackends.Managed.Gemm(Drop(opA), Drop(opB), m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

        public void HermitianRankK(int n, int k, double alpha, ReadOnlySpan<Complex> a, int lda, double beta, Span<Complex> c, int ldc) =>
            DenseBackends.Managed.Gemm(MatrixOp.None, MatrixOp.Transpose, n, n, k, alpha, a, lda, a, lda, beta, c, ldc);

        private static MatrixOp Drop(MatrixOp op) => op == MatrixOp.ConjugateTranspose ? MatrixOp.Transpose : op;
    }
}
