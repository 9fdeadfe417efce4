using BenchmarkDotNet.Attributes;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.Benchmarks;

/// <summary>
/// One Strang step of the S-L split-step solver (steady state: first-same-as-last merging active) against its FFT
/// bound: the FFTs one step needs (one batched forward and one batched inverse transform of all N fields), with the
/// same backend and the same cached plan. Ratio = step / FFT-only, the figure of merit.
/// </summary>
public abstract class SchrodingerLoheStepBase : IDisposable
{
    private SplitStepSolver? _solver;
    private ComplexBuffer? _fftData;
    private IFftPlan? _plan;

    protected void Setup(int dimension, int points, double length, int oscillators)
    {
        var problem = Problems.SchrodingerLohe(dimension, points, length, oscillators);
        _solver = new SplitStepSolver(problem, SplittingSchemes.Strang, 1e-3);
        _solver.Advance(3);
        _plan = _solver.Backend.Plan(problem.Grid.Sizes, oscillators);
        // Zeros: FFTW's arithmetic does not depend on the data (no denormals, no branches), and unnormalised round trips
        // of non-zero data would grow by M per call until they overflow. No rescaling pass, so the bound is pure FFT.
        _fftData = new ComplexBuffer(oscillators * problem.Grid.Count);
    }

    [Benchmark(Description = "S-L Strang step")]
    public void Step() => _solver!.Advance(1);

    [Benchmark(Baseline = true, Description = "FFT only (fwd+inv, batch N)")]
    public void FftOnly()
    {
        _plan!.Execute(_fftData!, 0, FftDirection.Forward);
        _plan.Execute(_fftData!, 0, FftDirection.Inverse);
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

/// <summary>1-D, M = 256 … 65536 points on [−20, 20)·M/256 (fixed spacing), N = 2, 4, 16.</summary>
[Config(typeof(SuiteConfig))]
public class SchrodingerLohe1DStep : SchrodingerLoheStepBase
{
    [Params(256, 1024, 4096, 16384, 65536)]
    public int M { get; set; }

    [Params(2, 4, 16)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup() => Setup(1, M, 40.0 * M / 256, N);
}

/// <summary>2-D at 256² and 3-D at 64³, N = 2.</summary>
[Config(typeof(SuiteConfig))]
public class SchrodingerLoheMultiDStep : SchrodingerLoheStepBase
{
    [Params("256^2", "64^3")]
    public string Grid { get; set; } = "256^2";

    [Params(2)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        if (Grid == "256^2") Setup(2, 256, 24.0, N);
        else Setup(3, 64, 16.0, N);
    }
}
