using System.Numerics;
using QuantumSync.Numerics.Fft;

namespace QuantumSync.Numerics.Wigner;

/// <summary>
/// The discrete phase space R^d_x × R^d_p (d = 1 or 2) that goes with a periodic x-grid, and the Fourier maps a
/// spectral Wigner solver needs (docs/MATH.md, "Free Wigner evolution and its spectral splitting").
/// <para>
/// Grids, per axis a (every M_a must be even):
/// x_j = −L/2 + j·Δx (j = 0…M−1, Δx = L/M), the <see cref="XGrid"/>;
/// p_m = (m − M/2)·Δp (m = 0…M−1, Δp = 2π/L), ascending from −π/Δx to π/Δx − Δp: the momenta the x-grid resolves;
/// y_n = n·Δx (Δy = Δx), the displacement dual to p, stored in FFT order n = 0, 1, …, M/2−1, −M/2, …, −1, so it spans L;
/// k, the wavenumber dual to x, stored per index as given by <see cref="Wavenumbers"/> (see there: not FFT order).
/// </para>
/// <para>
/// Layout of a phase-space field (Count entries, row-major, x slowest): the x-block index is the flat row-major index
/// of XGrid (last x-axis fastest), and within it a block of <see cref="BlockSize"/> = Π M_a entries for the p (or y) axes,
/// again row-major. For d = 1 the entry (x_j, p_m) sits at j·M + m; for d = 2 (x1, x2, p1, p2) at
/// ((j1·M2 + j2)·M1 + m1)·M2 + m2. The same layout holds in the representations (x,y), (k,p) and (k,y) with the
/// stored index of y or k in place of that of p or x.
/// </para>
/// <para>
/// The four representations and the maps between them (all exact inverses of each other on the grid):
/// w(x,p) —<see cref="PToY"/>→ u(x,y) = ∫ e^{−i p·y} w dp, evaluated as Δp^d Σ_m e^{−i p_m·y_n} w(x, p_m);
/// u(x,y) —<see cref="YToP"/>→ w(x,p) = (2π)^{−d} ∫ e^{i p·y} u dy, evaluated as (Δy/2π)^d Σ_n e^{i p_m·y_n} u(x, y_n);
/// w(x,p) —<see cref="XToK"/>→ ŵ(k,p) = M^{−d} Σ_j e^{−i k·(x_j − x_0)} w(x_j,p) (a Fourier coefficient: ŵ is
/// (−1)^{n}·∫ e^{−ik·x} w dx / L^d with n the integer mode), and <see cref="KToX"/> back;
/// ŵ(k,p) —<see cref="KPToXY"/>→ u(x,y) and <see cref="XYToKP"/> back, each one FFT over all 2d axes.
/// Transport ŵ(k,p,t) = e^{−i k·p t} ŵ(k,p,0) and the potential step ∂t u = i[V(x+y/2) − V(x−y/2)] u are then
/// pointwise multiplications in (k,p) and (x,y) with k from <see cref="Wavenumbers"/>, p from <see cref="Momenta"/>,
/// x from XGrid.Coordinates and y from <see cref="Displacements"/>.
/// </para>
/// <para>
/// Mass that reaches the edge of the x-box or of the p-range wraps round silently; data must also be negligible at
/// |y| = L/2 (see <see cref="WignerTransform"/>): monitor both.
/// </para>
/// The class holds only plans and read-only tables: all methods are thread-safe on distinct buffers.
/// </summary>
public sealed class PhaseSpaceGrid
{
    private readonly double[] _pToYFactors;
    private readonly double[] _yToPFactors;
    private readonly double[] _xyToKpFactors;

    /// <summary>
    /// The phase space over <paramref name="xGrid"/> (d = 1 or 2, every size even), with FFT plans from
    /// <paramref name="backend"/> (default <see cref="FftBackends.Default"/>).
    /// </summary>
    public PhaseSpaceGrid(PeriodicGrid xGrid, IFftBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(xGrid);
        if (xGrid.Dimension is < 1 or > 2)
            throw new ArgumentException($"Phase space is supported for d = 1 or 2; got d = {xGrid.Dimension}.", nameof(xGrid));
        if (xGrid.Sizes.Any(m => m % 2 != 0))
            throw new ArgumentException(
                $"Every x-axis needs an even number of points (the p-grid [−π/Δx, π/Δx) and the half-grid pairing need M/2); got {string.Join("×", xGrid.Sizes)}.",
                nameof(xGrid));
        XGrid = xGrid;
        Backend = backend ?? FftBackends.Default;
        BlockSize = xGrid.Count;
        Count = checked(xGrid.Count * BlockSize);
        MomentumSpacings = xGrid.Lengths.Select(l => 2 * Math.PI / l).ToArray();
        MomentumCellVolume = MomentumSpacings.Aggregate(1.0, (a, b) => a * b);
        CellVolume = xGrid.CellVolume * MomentumCellVolume;

        MomentumPlan = Backend.Plan(xGrid.Sizes, xGrid.Count);
        PhaseSpacePlan = Backend.Plan(xGrid.Sizes.Concat(xGrid.Sizes).ToArray());

        // (−1)^{Σ n_a} over the p/y block: the phase e^{iπ n} that moves the p origin from index 0 to index M/2.
        var sign = new double[BlockSize];
        var index = new int[Dimension];
        for (var flat = 0; flat < BlockSize; flat++)
        {
            var parity = 0;
            var rest = flat;
            for (var a = Dimension - 1; a >= 0; a--)
            {
                index[a] = rest % xGrid.Sizes[a];
                rest /= xGrid.Sizes[a];
                parity += index[a];
            }
            sign[flat] = parity % 2 == 0 ? 1.0 : -1.0;
        }
        var yOverTwoPi = Math.Pow(1 / (2 * Math.PI), Dimension) * xGrid.CellVolume;
        _pToYFactors = sign.Select(s => s * MomentumCellVolume).ToArray();
        _yToPFactors = sign.Select(s => s * yOverTwoPi).ToArray();
        _xyToKpFactors = sign.Select(s => s * yOverTwoPi / xGrid.Count).ToArray();
    }

    /// <summary>The position grid (d axes, even sizes).</summary>
    public PeriodicGrid XGrid { get; }

    /// <summary>The FFT backend whose plans this grid uses.</summary>
    public IFftBackend Backend { get; }

    /// <summary>d, the dimension of position space (phase space has 2d axes).</summary>
    public int Dimension => XGrid.Dimension;

    /// <summary>Entries of one p- (or y-) block, Π M_a; also the number of x-blocks.</summary>
    public int BlockSize { get; }

    /// <summary>Entries of a phase-space field, (Π M_a)².</summary>
    public int Count { get; }

    /// <summary>Δp_a = 2π / L_a.</summary>
    public double[] MomentumSpacings { get; }

    /// <summary>Π Δp_a.</summary>
    public double MomentumCellVolume { get; }

    /// <summary>The phase-space quadrature weight Π Δx_a Δp_a = (2π)^d / Π M_a.</summary>
    public double CellVolume { get; }

    /// <summary>Batched d-dimensional plan over the p/y block of every x-point (batch = XGrid.Count, contiguous).</summary>
    public IFftPlan MomentumPlan { get; }

    /// <summary>One 2d-dimensional plan over the whole field (x and p axes together).</summary>
    public IFftPlan PhaseSpacePlan { get; }

    /// <summary>p_m = (m − M/2)·2π/L for m = 0…M−1: ascending, from −π/Δx to π/Δx − Δp.</summary>
    public double[] Momenta(int axis)
    {
        var m = XGrid.Sizes[axis];
        var p = new double[m];
        for (var i = 0; i < m; i++) p[i] = (i - m / 2) * MomentumSpacings[axis];
        return p;
    }

    /// <summary>
    /// y_n = n·Δx in storage order n = 0, 1, …, M/2 − 1, −M/2, …, −1 (FFT order). The entry n = −M/2 (y = −L/2) stands
    /// for both ends ±L/2 of the y-window: <see cref="WignerTransform"/> stores there the mean of the two.
    /// </summary>
    public double[] Displacements(int axis)
    {
        var m = XGrid.Sizes[axis];
        var y = new double[m];
        for (var i = 0; i < m; i++) y[i] = (i < m / 2 ? i : i - m) * XGrid.Spacings[axis];
        return y;
    }

    /// <summary>
    /// The wavenumber k of each stored index of the (k,·) representation, such that w(x,p) = Σ_k e^{i k·(x − x_0)} ŵ(k,p).
    /// Because <see cref="XToK"/> is the inverse DFT (so that (x,y) → (k,p) is one FFT), this is the NEGATED FFT order:
    /// index i carries k = −2π n_i / L with n_i = 0, 1, …, M/2−1, −M/2, …, −1; the Nyquist index M/2 carries +π/Δx.
    /// Always take k from here; never assume PeriodicGrid.Wavenumbers order.
    /// </summary>
    public double[] Wavenumbers(int axis) => XGrid.Wavenumbers(axis).Select(k => -k).ToArray();

    /// <summary>Flat index of (x-point <paramref name="xIndex"/>, p-point <paramref name="pIndex"/>), both flat row-major.</summary>
    public int Index(int xIndex, int pIndex) => xIndex * BlockSize + pIndex;

    /// <summary>Evaluates f(x, p) at every phase-space point, in layout order.</summary>
    public double[] Evaluate(Func<double[], double[], double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var xs = Enumerable.Range(0, Dimension).Select(XGrid.Coordinates).ToArray();
        var ps = Enumerable.Range(0, Dimension).Select(Momenta).ToArray();
        var x = new double[Dimension];
        var p = new double[Dimension];
        var values = new double[Count];
        var sizes = XGrid.Sizes;
        for (var i = 0; i < BlockSize; i++)
        {
            if (Dimension == 1) x[0] = xs[0][i];
            else { x[0] = xs[0][i / sizes[1]]; x[1] = xs[1][i % sizes[1]]; }
            for (var m = 0; m < BlockSize; m++)
            {
                if (Dimension == 1) p[0] = ps[0][m];
                else { p[0] = ps[0][m / sizes[1]]; p[1] = ps[1][m % sizes[1]]; }
                values[i * BlockSize + m] = f(x, p);
            }
        }
        return values;
    }

    /// <summary>w(x,p) → u(x,y) = ∫ e^{−i p·y} w dp, in place: Δp^d Σ_m e^{−i p_m·y_n} w(x,p_m) for every x.</summary>
    public void PToY(ComplexBuffer field, int offset = 0)
    {
        CheckRange(field, offset);
        MomentumPlan.Execute(field, offset, FftDirection.Forward);
        Scale(field, offset, _pToYFactors);
    }

    /// <summary>u(x,y) → w(x,p) = (2π)^{−d} ∫ e^{i p·y} u dy, in place: (Δx/2π)^d Σ_n e^{i p_m·y_n} u(x,y_n). Inverse of <see cref="PToY"/>.</summary>
    public void YToP(ComplexBuffer field, int offset = 0)
    {
        CheckRange(field, offset);
        Scale(field, offset, _yToPFactors);
        MomentumPlan.Execute(field, offset, FftDirection.Inverse);
    }

    /// <summary>ŵ(k,p) → u(x,y) in place, one 2d-dimensional FFT: equals <see cref="PToY"/>(<see cref="KToX"/>(ŵ)).</summary>
    public void KPToXY(ComplexBuffer field, int offset = 0)
    {
        CheckRange(field, offset);
        PhaseSpacePlan.Execute(field, offset, FftDirection.Forward);
        Scale(field, offset, _pToYFactors);
    }

    /// <summary>u(x,y) → ŵ(k,p) in place, one 2d-dimensional FFT: equals <see cref="XToK"/>(<see cref="YToP"/>(u)).</summary>
    public void XYToKP(ComplexBuffer field, int offset = 0)
    {
        CheckRange(field, offset);
        Scale(field, offset, _xyToKpFactors);
        PhaseSpacePlan.Execute(field, offset, FftDirection.Inverse);
    }

    /// <summary>
    /// w(x,p) → ŵ(k,p) = M^{−d} Σ_j e^{−i k·(x_j − x_0)} w(x_j,p), in place (k as in <see cref="Wavenumbers"/>).
    /// Costs two transforms (p→y, then (x,y)→(k,p)); a solver should use <see cref="KPToXY"/>/<see cref="XYToKP"/>.
    /// </summary>
    public void XToK(ComplexBuffer field, int offset = 0)
    {
        PToY(field, offset);
        XYToKP(field, offset);
    }

    /// <summary>ŵ(k,p) → w(x,p) = Σ_k e^{i k·(x − x_0)} ŵ(k,p), in place. Inverse of <see cref="XToK"/>.</summary>
    public void KToX(ComplexBuffer field, int offset = 0)
    {
        KPToXY(field, offset);
        YToP(field, offset);
    }

    /// <summary>∫∫ w dx dp ≈ Σ w · ΔxΔp (for w = w[f,g] this is &lt;f,g&gt;, see <see cref="WignerTransform"/>).</summary>
    public Complex Integral(ReadOnlySpan<Complex> w) => Integrals.Sum(CheckLength(w), CellVolume);

    /// <summary>&lt;a, b&gt; = ∫∫ conj(a) b dx dp on phase space (Integrals.Inner with the cell volume ΔxΔp).</summary>
    public Complex Inner(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b) => Integrals.Inner(CheckLength(a), CheckLength(b), CellVolume);

    /// <summary>‖w‖ in L²(R^{2d}) (Integrals.Norm with the cell volume ΔxΔp).</summary>
    public double Norm(ReadOnlySpan<Complex> w) => Integrals.Norm(CheckLength(w), CellVolume);

    /// <summary>‖a − b‖ in L²(R^{2d}).</summary>
    public double DistanceL2(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b) => Integrals.DistanceL2(CheckLength(a), CheckLength(b), CellVolume);

    /// <summary>‖a − b‖ / ‖reference‖ in L²(R^{2d}); the absolute distance when the reference is zero.</summary>
    public double RelativeDistanceL2(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> reference) =>
        Integrals.RelativeDistanceL2(CheckLength(a), CheckLength(reference), CellVolume);

    /// <summary>The position density ∫ w(x,p) dp at every x (XGrid layout); for w[f,f] it is |f(x)|².</summary>
    public Complex[] PositionMarginal(ReadOnlySpan<Complex> w)
    {
        CheckLength(w);
        var result = new Complex[BlockSize];
        for (var i = 0; i < BlockSize; i++) result[i] = Integrals.Sum(w.Slice(i * BlockSize, BlockSize), MomentumCellVolume);
        return result;
    }

    /// <summary>The momentum density ∫ w(x,p) dx at every p (block layout); for w[f,f] it is (2π)^{−d} |f̂(p)|².</summary>
    public Complex[] MomentumMarginal(ReadOnlySpan<Complex> w)
    {
        CheckLength(w);
        var result = new Complex[BlockSize];
        for (var i = 0; i < BlockSize; i++)
        {
            var row = w.Slice(i * BlockSize, BlockSize);
            for (var m = 0; m < BlockSize; m++) result[m] += row[m];
        }
        for (var m = 0; m < BlockSize; m++) result[m] *= XGrid.CellVolume;
        return result;
    }

    private ReadOnlySpan<Complex> CheckLength(ReadOnlySpan<Complex> w)
    {
        if (w.Length != Count) throw new ArgumentException($"A phase-space field on this grid has {Count} entries; got {w.Length}.");
        return w;
    }

    private void CheckRange(ComplexBuffer field, int offset)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (offset < 0 || (long)offset + Count > field.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"A field of {Count} entries from {offset} overruns a buffer of {field.Length}.");
    }

    /// <summary>Multiplies every p/y block by the same table of factors.</summary>
    private void Scale(ComplexBuffer field, int offset, double[] factors)
    {
        var data = field.Slice(offset, Count);
        for (var start = 0; start < Count; start += BlockSize)
        {
            var block = data.Slice(start, BlockSize);
            for (var i = 0; i < block.Length; i++) block[i] *= factors[i];
        }
    }
}
