using System.Numerics;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Wigner;

namespace QuantumSync.Models.WignerLohe;

/// <summary>Fractions of a phase-space field's L² mass in the three places where the periodic grid wraps silently.</summary>
/// <param name="XEdge">∫∫ |w|² over |x_a| &gt; (½ − EdgeFraction)·L_a on some axis, over ∫∫ |w|².</param>
/// <param name="PEdge">The same for |p_a| &gt; (1 − 2·EdgeFraction)·π/Δx_a (the ends of the resolved momentum range).</param>
/// <param name="YEdge">The same for u(x,y) = ∫ e^{−ipy} w dp at |y_a| &gt; (½ − EdgeFraction)·L_a (ends of the y-window).</param>
public readonly record struct LeakageFractions(double XEdge, double PEdge, double YEdge)
{
    /// <summary>The largest of the three fractions.</summary>
    public double Max => Math.Max(XEdge, Math.Max(PEdge, YEdge));
}

/// <summary>
/// The wrap-around monitor of a phase-space grid (PhaseSpaceGrid remarks): mass that reaches the x-box edge, the edge
/// of the p-range, or the y-window end |y| = L/2 wraps round silently and spoils every identity, so it is measured.
/// Edge bands are <see cref="EdgeFraction"/> of each range wide, as in the S-L case loader's box check.
/// </summary>
public static class PhaseSpaceLeakage
{
    /// <summary>Width of each edge band as a fraction of the range (5 %, the S-L loader's band).</summary>
    public const double EdgeFraction = 0.05;

    /// <summary>Measures one field given in the (x,p) layout of <paramref name="grid"/>.</summary>
    public static LeakageFractions Measure(PhaseSpaceGrid grid, ReadOnlySpan<Complex> w)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (w.Length != grid.Count) throw new ArgumentException($"A field on this grid has {grid.Count} entries; got {w.Length}.");
        var xEdge = EdgeMask(grid.XGrid.Sizes, a => grid.XGrid.Coordinates(a), a => (0.5 - EdgeFraction) * grid.XGrid.Lengths[a]);
        var pEdge = EdgeMask(grid.XGrid.Sizes, grid.Momenta, a => (1 - 2 * EdgeFraction) * Math.PI / grid.XGrid.Spacings[a]);
        var yEdge = EdgeMask(grid.XGrid.Sizes, grid.Displacements, a => (0.5 - EdgeFraction) * grid.XGrid.Lengths[a]);
        double total = 0, inX = 0, inP = 0;
        for (var i = 0; i < grid.BlockSize; i++)
        for (var m = 0; m < grid.BlockSize; m++)
        {
            var v = w[i * grid.BlockSize + m];
            var e = v.Real * v.Real + v.Imaginary * v.Imaginary;
            total += e;
            if (xEdge[i]) inX += e;
            if (pEdge[m]) inP += e;
        }
        using var u = new ComplexBuffer(grid.Count);
        u.CopyFrom(w);
        grid.PToY(u);
        double totalY = 0, inY = 0;
        var span = u.Span;
        for (var i = 0; i < grid.BlockSize; i++)
        for (var m = 0; m < grid.BlockSize; m++)
        {
            var v = span[i * grid.BlockSize + m];
            var e = v.Real * v.Real + v.Imaginary * v.Imaginary;
            totalY += e;
            if (yEdge[m]) inY += e;
        }
        return total > 0 ? new LeakageFractions(inX / total, inP / total, inY / totalY) : new LeakageFractions(0, 0, 0);
    }

    /// <summary>True for every flat row-major index of a block whose coordinate on some axis lies beyond the limit.</summary>
    private static bool[] EdgeMask(int[] sizes, Func<int, double[]> coordinates, Func<int, double> limit)
    {
        var axes = Enumerable.Range(0, sizes.Length).Select(a => coordinates(a).Select(c => Math.Abs(c) > limit(a)).ToArray()).ToArray();
        var count = sizes.Aggregate(1, (p, s) => p * s);
        var mask = new bool[count];
        for (var flat = 0; flat < count; flat++)
        {
            var rest = flat;
            for (var a = sizes.Length - 1; a >= 0; a--)
            {
                mask[flat] |= axes[a][rest % sizes[a]];
                rest /= sizes[a];
            }
        }
        return mask;
    }
}
