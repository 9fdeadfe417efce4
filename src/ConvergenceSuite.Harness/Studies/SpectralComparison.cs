using System.Numerics;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;

namespace ConvergenceSuite.Harness.Studies;

/// <summary>
/// Compares grid functions sampled on periodic grids of different sizes (same box) in Fourier space.
/// </summary>
/// <remarks>
/// A grid function u on M points (per axis) is identified with its trigonometric interpolant
/// u(x) = Σ_k ĉ_k e^{ik·(x − x₀)}, ĉ_k = (1/M^d) Σ_n u_n e^{−ik·(x_n − x₀)}, x₀ = −L/2 the first grid point (the same
/// for every grid of the box, so coefficients of different grids refer to the same origin). The even-M Nyquist
/// coefficient (k = −M/2) is split half to −M/2 and half to +M/2, the symmetric interpolant. Two functions are compared
/// by zero-padding both coefficient arrays to the larger grid (spectral interpolation) and taking
/// ‖u − v‖_{L²} = (L^d Σ_k |ĉ_k − d̂_k|²)^{1/2} (Parseval). For a coarse run against a fine reference this is the
/// L² error of the coarse solution's interpolant: the difference on the coarse band plus the reference's tail beyond
/// it, i.e. truncation and aliasing error together.
/// </remarks>
public static class SpectralComparison
{
    /// <summary>Normalised Fourier coefficients ĉ = FFT(u)/Count, in the FFT's index order (row-major, last axis fastest).</summary>
    public static Complex[] Coefficients(PeriodicGrid grid, ReadOnlySpan<Complex> values, IFftBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (values.Length != grid.Count) throw new ArgumentException($"{values.Length} values for a grid of {grid.Count} points.");
        using var buffer = new ComplexBuffer(grid.Count);
        buffer.CopyFrom(values);
        (backend ?? FftBackends.Default).Plan(grid.Sizes).Execute(buffer, 0, FftDirection.Forward);
        var result = buffer.ToArray();
        var scale = 1.0 / grid.Count;
        for (var i = 0; i < result.Length; i++) result[i] *= scale;
        return result;
    }

    /// <summary>
    /// Zero-pads (spectrally interpolates) coefficients of shape <paramref name="from"/> onto the larger shape
    /// <paramref name="to"/> (every axis at least as large); an even-size Nyquist coefficient is split symmetrically.
    /// </summary>
    public static Complex[] Pad(IReadOnlyList<int> from, IReadOnlyList<int> to, ReadOnlySpan<Complex> coefficients)
    {
        if (from.Count != to.Count) throw new ArgumentException("Shapes of different dimension.");
        var d = from.Count;
        var maps = new (int Target, double Weight)[d][][];
        for (var a = 0; a < d; a++)
        {
            if (to[a] < from[a]) throw new ArgumentException($"Axis {a}: cannot pad {from[a]} points onto {to[a]}.");
            maps[a] = AxisMap(from[a], to[a]);
        }
        var total = to.Aggregate(1, (p, n) => checked(p * n));
        var result = new Complex[total];
        var index = new int[d];
        for (var i = 0; i < coefficients.Length; i++)
        {
            // Decompose i (row-major, last axis fastest) into per-axis indices.
            var rest = i;
            for (var a = d - 1; a >= 0; a--)
            {
                index[a] = rest % from[a];
                rest /= from[a];
            }
            Scatter(result, to, maps, index, 0, 0, 1.0, coefficients[i]);
        }
        return result;
    }

    /// <summary>
    /// ‖u − v‖_{L²} / ‖v‖_{L²} of the trigonometric interpolants of u (on <paramref name="gridU"/>) and the reference v
    /// (on <paramref name="gridV"/>), computed in Fourier space on the larger grid; the boxes must agree.
    /// </summary>
    public static double RelativeDistance(PeriodicGrid gridU, ReadOnlySpan<Complex> u, PeriodicGrid gridV, ReadOnlySpan<Complex> v, IFftBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(gridU);
        ArgumentNullException.ThrowIfNull(gridV);
        if (gridU.Dimension != gridV.Dimension) throw new ArgumentException("Grids of different dimension.");
        for (var a = 0; a < gridU.Dimension; a++)
        {
            if (Math.Abs(gridU.Lengths[a] - gridV.Lengths[a]) > SameBoxTolerance * gridV.Lengths[a])
                throw new ArgumentException($"Axis {a}: box lengths {gridU.Lengths[a]} and {gridV.Lengths[a]} differ.");
        }
        var shape = gridU.Sizes.Zip(gridV.Sizes, Math.Max).ToArray();
        var cu = Pad(gridU.Sizes, shape, Coefficients(gridU, u, backend));
        var cv = Pad(gridV.Sizes, shape, Coefficients(gridV, v, backend));
        double diff = 0, norm = 0;
        for (var i = 0; i < cu.Length; i++)
        {
            var e = cu[i] - cv[i];
            diff += e.Real * e.Real + e.Imaginary * e.Imaginary;
            norm += cv[i].Real * cv[i].Real + cv[i].Imaginary * cv[i].Imaginary;
        }
        return Math.Sqrt(diff / norm);
    }

    /// <summary>Relative tolerance for "same box length" (lengths come from one case file; this only absorbs printing).</summary>
    private const double SameBoxTolerance = 1e-12;

    /// <summary>Where coefficient m of an n-point axis goes on an N-point axis (signed wavenumber k kept), with weights.</summary>
    private static (int Target, double Weight)[][] AxisMap(int n, int bigN)
    {
        var map = new (int, double)[n][];
        for (var m = 0; m < n; m++)
        {
            if (n == bigN) map[m] = [(m, 1.0)];
            else if (n % 2 == 0 && m == n / 2) map[m] = [(bigN - n / 2, 0.5), (n / 2, 0.5)];
            else
            {
                var k = m < n / 2 + n % 2 ? m : m - n;
                map[m] = [(((k % bigN) + bigN) % bigN, 1.0)];
            }
        }
        return map;
    }

    private static void Scatter(Complex[] result, IReadOnlyList<int> to, (int Target, double Weight)[][][] maps, int[] index, int axis, int offset, double weight, Complex value)
    {
        if (axis == index.Length)
        {
            result[offset] += weight * value;
            return;
        }
        foreach (var (target, w) in maps[axis][index[axis]])
            Scatter(result, to, maps, index, axis + 1, offset * to[axis] + target, weight * w, value);
    }
}
