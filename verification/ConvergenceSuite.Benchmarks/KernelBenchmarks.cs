using System.Numerics;
using BenchmarkDotNet.Attributes;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Models.Reductions;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.Kuramoto;

namespace ConvergenceSuite.Benchmarks;

/// <summary>The other kernels: Kuramoto right-hand side (N = 10⁴), Wigner transform (512²), correlation ODE.</summary>
[Config(typeof(SuiteConfig))]
public class KernelBenchmarks : IDisposable
{
    private KuramotoMeanField? _kuramoto;
    private double[] _theta = [];
    private double[] _dtheta = [];
    private WignerTransform? _wigner;
    private ComplexBuffer? _wignerOut;
    private Complex[] _f = [], _g = [];
    private Complex[] _z = [], _dz = [], _z0 = [];

    [GlobalSetup]
    public void GlobalSetup()
    {
        const int n = 10_000;
        var rng = new Random(20170101);
        var omega = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        _theta = Enumerable.Range(0, n).Select(_ => 2 * Math.PI * rng.NextDouble()).ToArray();
        _dtheta = new double[n];
        _kuramoto = new KuramotoMeanField(new KuramotoProblem(omega, 1.0, _theta));

        var grid = new PhaseSpaceGrid(PeriodicGrid.Cube(1, 512, 40.0));
        _wigner = new WignerTransform(grid);
        _wignerOut = new ComplexBuffer(grid.Count);
        _f = Problems.Packet(grid.XGrid, 0, 2);
        _g = Problems.Packet(grid.XGrid, 1, 2);

        const int m = 16;
        _z = new Complex[m * m];
        _dz = new Complex[m * m];
        for (var j = 0; j < m; j++)
        for (var k = 0; k < m; k++)
            _z[j * m + k] = j == k ? 1 : Complex.FromPolarCoordinates(0.5, 0.1 * (k - j));
        _z0 = [1, new Complex(0.25, 0.1), new Complex(0.25, -0.1), 1];
    }

    [Benchmark(Description = "Kuramoto RHS, N = 10^4")]
    public Complex KuramotoRhs() => _kuramoto!.Evaluate(_theta, _dtheta);

    [Benchmark(Description = "Wigner transform 512^2 (cross term)")]
    public void Wigner() => _wigner!.Transform(_f, _g, _wignerOut!);

    [Benchmark(Description = "Correlation ODE RHS, N = 16")]
    public void CorrelationOdeRhs() => CorrelationOde.Derivative(_z, 16, 1.0, _dz);

    [Benchmark(Description = "Correlation ODE solve, N = 2, t = 0..12 (DOPRI5 1e-14)")]
    public Complex[][] CorrelationOdeSolve() => CorrelationOde.Solve(_z0, 2, 1.0, [12.0]);

    [GlobalCleanup]
    public void Dispose()
    {
        _wigner?.Dispose();
        _wignerOut?.Dispose();
        _wigner = null;
        _wignerOut = null;
        GC.SuppressFinalize(this);
    }
}
