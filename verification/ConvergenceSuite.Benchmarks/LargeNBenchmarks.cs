using System.Numerics;
using BenchmarkDotNet.Attributes;
using QuantumSync.Numerics.LinearAlgebra;

namespace ConvergenceSuite.Benchmarks;

/// <summary>
/// The S-L Strang step at large N (1-D, M = 1024, identical potentials, K = 1, dt = 10⁻³) against the two things it
/// cannot avoid: its FFTs (one batched forward and one batched inverse transform of all N fields: the baseline) and the
/// dense products it needs, through the dense backend in use (<see cref="DenseBackends.Default"/>, named in the job's
/// output). Per step the deferred coupling multiplies three N×N matrices (T = Gᵀ Cᴴ, C·T for the tracked Gram matrix,
/// C·M for the deferred mixing); every 32 couplings the mixing is applied to the fields (an N×N by N×M product) and the
/// Gram matrix is recomputed from them (a Hermitian rank-M update): those two run once per 32 steps, so the
/// "products only" method does 32 steps' worth and reports per step (OperationsPerInvoke = 32). Its products write to
/// separate outputs, so repeated calls keep the operands' size (no growth to ∞ that could change the timing).
/// Acceptance (issue 16): step ≤ 1.5 × (FFT only + products only) at N = 256.
/// </summary>
[Config(typeof(SuiteConfig))]
public class SchrodingerLoheLargeN : SchrodingerLoheStepBase
{
    private const int Coupled = 32;
    private Complex[] _c = [], _g = [], _t = [], _w = [], _mix = [], _fields = [], _target = [];
    private IDenseBackend _dense = DenseBackends.Managed;

    [Params(1024)]
    public int M { get; set; }

    [Params(16, 64, 256)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        Setup(1, M, 40.0 * M / 256, N);
        _dense = DenseBackends.Default;
        Console.WriteLine($"// dense backend: {_dense.Name}");
        var random = new Random(7);
        Complex Next() => new(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        _c = Enumerable.Range(0, N * N).Select(_ => Next()).ToArray();
        _g = Enumerable.Range(0, N * N).Select(_ => Next()).ToArray();
        _mix = Enumerable.Range(0, N * N).Select(_ => Next()).ToArray();
        _t = new Complex[N * N];
        _w = new Complex[N * N];
        _fields = Enumerable.Range(0, N * M).Select(_ => Next()).ToArray();
        _target = new Complex[N * M];
    }

    [Benchmark(OperationsPerInvoke = Coupled, Description = "products only (per step)")]
    public void ProductsOnly()
    {
        var n = N;
        for (var s = 0; s < Coupled; s++)
        {
            _dense.Gemm(MatrixOp.Transpose, MatrixOp.ConjugateTranspose, n, n, n, 1, _g, n, _c, n, 0, _t, n);
            _dense.Gemm(MatrixOp.None, MatrixOp.None, n, n, n, 1, _c, n, _t, n, 0, _w, n);
            _dense.Gemm(MatrixOp.None, MatrixOp.None, n, n, n, 1, _c, n, _mix, n, 0, _t, n);
        }
        _dense.Gemm(MatrixOp.None, MatrixOp.None, n, M, n, 1, _mix, n, _fields, M, 0, _target, M);
        _dense.HermitianRankK(n, M, 1.0, _target, M, 0.0, _w, n);
    }
}
