using System.Numerics;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;

namespace QuantumSync.Models.States;

/// <summary>Initial wave functions sampled on a periodic grid.</summary>
public static class InitialStates
{
    /// <summary>
    /// Gaussian packet ψ(x) = (π σ²)^(−d/4) exp(−|x − x0|²/(2σ²) + i p0·(x − x0)), normalised on ℝ^d
    /// (the grid norm differs from 1 only by the tails cut off by the box).
    /// </summary>
    public static Complex[] Gaussian(PeriodicGrid grid, double[] center, double[] momentum, double width)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (center.Length != grid.Dimension || momentum.Length != grid.Dimension)
            throw new ArgumentException($"Centre and momentum need {grid.Dimension} components.");
        if (!(width > 0)) throw new ArgumentException("The width must be positive.", nameof(width));
        var amplitude = Math.Pow(Math.PI * width * width, -grid.Dimension / 4.0);
        var re = grid.Evaluate(x =>
        {
            double r2 = 0;
            for (var a = 0; a < x.Length; a++) r2 += (x[a] - center[a]) * (x[a] - center[a]);
            return r2;
        });
        var phase = grid.Evaluate(x =>
        {
            double s = 0;
            for (var a = 0; a < x.Length; a++) s += momentum[a] * (x[a] - center[a]);
            return s;
        });
        var psi = new Complex[grid.Count];
        for (var i = 0; i < psi.Length; i++)
            psi[i] = Complex.FromPolarCoordinates(amplitude * Math.Exp(-re[i] / (2 * width * width)), phase[i]);
        return psi;
    }

    /// <summary>
    /// A random smooth field: Fourier coefficients c_k = (a_k + i b_k) exp(−|k|²/(2 κ²)) with a, b standard
    /// normal from a seeded generator (κ = <paramref name="bandwidth"/>), synthesised by an inverse FFT and
    /// multiplied by a Gaussian envelope exp(−|x|²/(2 s²)) so it is localised in the box. Deterministic for a
    /// fixed seed and independent of the FFT backend up to round-off.
    /// </summary>
    public static Complex[] RandomSmooth(PeriodicGrid grid, int seed, double bandwidth, double envelopeWidth)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (!(bandwidth > 0) || !(envelopeWidth > 0)) throw new ArgumentException("Bandwidth and envelope width must be positive.");
        var random = new Random(seed);
        var k2 = grid.WavenumberSquared();
        using var buffer = new ComplexBuffer(grid.Count);
        var span = buffer.Span;
        for (var i = 0; i < grid.Count; i++)
        {
            var a = Normal(random);
            var b = Normal(random);
            span[i] = new Complex(a, b) * Math.Exp(-k2[i] / (2 * bandwidth * bandwidth));
        }
        FftBackends.Default.Plan(grid.Sizes).Execute(buffer, 0, FftDirection.Inverse);
        var r2 = grid.Evaluate(x => x.Sum(v => v * v));
        var values = new Complex[grid.Count];
        for (var i = 0; i < grid.Count; i++) values[i] = span[i] * Math.Exp(-r2[i] / (2 * envelopeWidth * envelopeWidth));
        return values;
    }

    /// <summary>Scales ψ to unit grid norm; throws when the norm is zero or not finite.</summary>
    public static Complex[] Normalised(Complex[] psi, double cellVolume, string what = "state")
    {
        ArgumentNullException.ThrowIfNull(psi);
        var n = Integrals.Norm(psi, cellVolume);
        if (!(n > 0) || double.IsInfinity(n))
            throw new ArgumentException($"The {what} cannot be normalised: its norm is {n}.");
        return psi.Select(v => v / n).ToArray();
    }

    private static double Normal(Random random)
    {
        // Box–Muller; deterministic given the generator's state.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
