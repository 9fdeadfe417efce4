using BenchmarkDotNet.Attributes;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.WignerLohe;

namespace ConvergenceSuite.Benchmarks;

/// <summary>
/// One Strang step of the W-L spectral solver (d = 1) against its FFT bound: one batched inverse and one batched
/// forward 2-D transform of all N² fields (one transport stage per step), same backend, same cached plan.
/// </summary>
[Config(typeof(SuiteConfig))]
public class WignerLoheStep : IDisposable
{
    private WignerLoheSolver? _solver;
    private ComplexBuffer? _fftData;
    private IFftPlan? _plan;

    [Params("512^2 N=2", "256^2 N=4")]
    public string Case { get; set; } = "512^2 N=2";

    [GlobalSetup]
    public void GlobalSetup()
    {
        var (points, n) = Case == "512^2 N=2" ? (512, 2) : (256, 4);
        var problem = Problems.WignerLohe(points, 40.0 * points / 256, n);
        _solver = new WignerLoheSolver(problem, SplittingSchemes.Strang, 1e-3);
        _solver.Advance(3);
        _plan = _solver.Backend.Plan([points, points], n * n);
        // Zeros, as in the S-L benchmark: FFTW's arithmetic is data-independent; no rescaling pass in the bound.
        _fftData = new ComplexBuffer(n * n * points * points);
    }

    [Benchmark(Description = "W-L Strang step")]
    public void Step() => _solver!.Advance(1);

    [Benchmark(Baseline = true, Description = "FFT only (inv+fwd, batch N²)")]
    public void FftOnly()
    {
        _plan!.Execute(_fftData!, 0, FftDirection.Inverse);
        _plan.Execute(_fftData!, 0, FftDirection.Forward);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _solver?.Dispose();
        _fftData?.Dispose();
        _solver = null;
        _fftData = null;
        GC.SuppressFinalize(this);
    }
}
