namespace QuantumSync.Numerics;

/// <summary>
/// A periodic grid in d = 1, 2 or 3 dimensions on the box Π [−L_a/2, L_a/2).
/// Axis a has <c>Sizes[a]</c> points (odd or even) with spacing dx_a = L_a / M_a.
/// Data on the grid are stored row-major: the last axis varies fastest, the layout FFTW expects.
/// </summary>
public sealed class PeriodicGrid : IEquatable<PeriodicGrid>
{
    /// <summary>Creates a grid; every size must be ≥ 2 and every length finite and positive.</summary>
    public PeriodicGrid(IReadOnlyList<int> sizes, IReadOnlyList<double> lengths)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(lengths);
        if (sizes.Count is < 1 or > 3)
            throw new ArgumentException($"A grid has 1 to 3 dimensions; got {sizes.Count}.", nameof(sizes));
        if (lengths.Count != sizes.Count)
            throw new ArgumentException($"{sizes.Count} sizes but {lengths.Count} lengths.", nameof(lengths));
        for (var a = 0; a < sizes.Count; a++)
        {
            if (sizes[a] < 2) throw new ArgumentException($"Axis {a} has {sizes[a]} points; at least 2 are needed.", nameof(sizes));
            if (!(lengths[a] > 0) || double.IsInfinity(lengths[a]))
                throw new ArgumentException($"Axis {a} has length {lengths[a]}; a finite positive length is needed.", nameof(lengths));
        }
        Sizes = sizes.ToArray();
        Lengths = lengths.ToArray();
        Spacings = Sizes.Select((m, a) => Lengths[a] / m).ToArray();
        Count = Sizes.Aggregate(1, (p, m) => checked(p * m));
        CellVolume = Spacings.Aggregate(1.0, (p, h) => p * h);
    }

    /// <summary>Convenience constructor for a cube with the same size and length on each axis.</summary>
    public static PeriodicGrid Cube(int dimension, int size, double length) =>
        new(Enumerable.Repeat(size, dimension).ToArray(), Enumerable.Repeat(length, dimension).ToArray());

    /// <summary>d, the number of axes (1 to 3).</summary>
    public int Dimension => Sizes.Length;
    /// <summary>M_a, the number of points on axis a.</summary>
    public int[] Sizes { get; }
    /// <summary>L_a, the period (box length) of axis a; the axis covers [−L_a/2, L_a/2).</summary>
    public double[] Lengths { get; }
    /// <summary>dx_a = L_a / M_a.</summary>
    public double[] Spacings { get; }
    /// <summary>Total number of points Π M_a.</summary>
    public int Count { get; }
    /// <summary>Π dx_a, the quadrature weight of the periodic trapezoidal rule.</summary>
    public double CellVolume { get; }

    /// <summary>Coordinates x_i = −L/2 + i·dx along one axis.</summary>
    public double[] Coordinates(int axis)
    {
        var m = Sizes[axis];
        var x = new double[m];
        for (var i = 0; i < m; i++) x[i] = -Lengths[axis] / 2 + i * Spacings[axis];
        return x;
    }

    /// <summary>
    /// Angular wavenumbers k in FFT order (0, 1, …, then negatives) along one axis: k = 2π n / L.
    /// For even M the Nyquist mode is n = −M/2.
    /// </summary>
    public double[] Wavenumbers(int axis)
    {
        var m = Sizes[axis];
        var k = new double[m];
        for (var i = 0; i < m; i++)
        {
            var n = i < (m + 1) / 2 ? i : i - m;
            k[i] = 2 * Math.PI * n / Lengths[axis];
        }
        return k;
    }

    /// <summary>Evaluates f at every grid point, row-major.</summary>
    public double[] Evaluate(Func<double[], double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var values = new double[Count];
        var axes = Enumerable.Range(0, Dimension).Select(Coordinates).ToArray();
        var point = new double[Dimension];
        var index = new int[Dimension];
        for (var flat = 0; flat < Count; flat++)
        {
            for (var a = 0; a < Dimension; a++) point[a] = axes[a][index[a]];
            values[flat] = f(point);
            Increment(index);
        }
        return values;
    }

    /// <summary>|k|² at every point of the Fourier grid, row-major in FFT order.</summary>
    public double[] WavenumberSquared()
    {
        var values = new double[Count];
        var axes = Enumerable.Range(0, Dimension).Select(Wavenumbers).ToArray();
        var index = new int[Dimension];
        for (var flat = 0; flat < Count; flat++)
        {
            var s = 0.0;
            for (var a = 0; a < Dimension; a++) s += axes[a][index[a]] * axes[a][index[a]];
            values[flat] = s;
            Increment(index);
        }
        return values;
    }

    private void Increment(int[] index)
    {
        for (var a = Dimension - 1; a >= 0; a--)
        {
            if (++index[a] < Sizes[a]) return;
            index[a] = 0;
        }
    }

    /// <summary>True when both grids have the same sizes M_a and lengths L_a (compared exactly).</summary>
    public bool Equals(PeriodicGrid? other) =>
        other is not null && Sizes.SequenceEqual(other.Sizes) && Lengths.SequenceEqual(other.Lengths);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PeriodicGrid);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Count, Lengths.Sum());

    /// <summary>Sizes and boxes, e.g. "64×64 on [-8,8)×[-8,8)".</summary>
    public override string ToString() =>
        string.Join("×", Sizes) + " on " + string.Join("×", Lengths.Select(l => $"[{-l / 2:R},{l / 2:R})"));
}
