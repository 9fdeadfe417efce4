using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace QuantumSync.Models.Reductions;

/// <summary>The exact linear propagator U(t) = exp(−iHt) of the semi-discrete Hamiltonian H = −½Δ + V.</summary>
public interface ILinearPropagator
{
    /// <summary>U(t) ψ, with ψ untouched.</summary>
    Complex[] Apply(ReadOnlySpan<Complex> psi, double t);
}

/// <summary>V = 0 on a periodic box, any d: U(t) = F⁻¹ e^{−i|k|²t/2} F, exact for the spectral Laplacian.</summary>
public sealed class FreePropagator(PeriodicGrid grid) : ILinearPropagator
{
    private readonly double[] _k2 = grid.WavenumberSquared();

    /// <summary>e^{−iHt} ψ.</summary>
    public Complex[] Apply(ReadOnlySpan<Complex> psi, double t)
    {
        using var buffer = new ComplexBuffer(grid.Count);
        psi.CopyTo(buffer.Span);
        var plan = FftBackends.Default.Plan(grid.Sizes);
        plan.Execute(buffer, 0, FftDirection.Forward);
        var span = buffer.Span;
        for (var i = 0; i < span.Length; i++) span[i] *= Complex.FromPolarCoordinates(1.0 / grid.Count, -0.5 * _k2[i] * t);
        plan.Execute(buffer, 0, FftDirection.Inverse);
        return buffer.ToArray();
    }
}

/// <summary>
/// d = 1, any V: the discrete Hamiltonian H_ab = (1/M) Σ_n e^{i k_n (x_a − x_b)} k_n²/2 + V(x_a) δ_ab (the same
/// spectral Laplacian the split-step solver uses; real symmetric for every M) diagonalised once with MathNet's
/// symmetric eigensolver: U(t) = Q e^{−iΛt} Qᵀ. Exact in time up to round-off. Dense, so M ≤ 1024.
/// </summary>
public sealed class EigenPropagator : ILinearPropagator
{
    /// <summary>Dense eigendecomposition is O(M³): above this size use a time-accurate solver instead.</summary>
    public const int MaximumSize = 1024;
    private readonly Matrix<double> _q;
    private readonly Vector _lambda;

    /// <summary>Diagonalises H = −½D2 + V on the 1-D grid (at most <see cref="MaximumSize"/> points).</summary>
    public EigenPropagator(PeriodicGrid grid, Potentials.Potential potential)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(potential);
        if (grid.Dimension != 1) throw new ArgumentException("The eigen-propagator is for d = 1.");
        var m = grid.Sizes[0];
        if (m > MaximumSize) throw new ArgumentException($"M = {m} exceeds {MaximumSize} for a dense eigendecomposition.");
        var k = grid.Wavenumbers(0);
        var dx = grid.Spacings[0];
        var v = grid.Evaluate(x => potential[x]);
        // Kinetic kernel depends only on a − b (circulant): T(δ) = (1/M) Σ_n cos(k_n δ dx) k_n²/2.
        var kernel = new double[m];
        for (var delta = 0; delta < m; delta++)
        {
            double s = 0;
            for (var n = 0; n < m; n++) s += Math.Cos(k[n] * delta * dx) * k[n] * k[n] / 2;
            kernel[delta] = s / m;
        }
        var h = Matrix<double>.Build.Dense(m, m, (a, b) => kernel[((a - b) % m + m) % m] + (a == b ? v[a] : 0.0));
        var evd = h.Evd(Symmetricity.Symmetric);
        _q = evd.EigenVectors;
        _lambda = evd.EigenValues.Map(c => c.Real);
    }

    /// <summary>e^{−iHt} ψ.</summary>
    public Complex[] Apply(ReadOnlySpan<Complex> psi, double t)
    {
        var m = _lambda.Count;
        if (psi.Length != m) throw new ArgumentException($"ψ has {psi.Length} points; the propagator {m}.");
        var re = Vector.Build.Dense(m);
        var im = Vector.Build.Dense(m);
        for (var i = 0; i < m; i++)
        {
            re[i] = psi[i].Real;
            im[i] = psi[i].Imaginary;
        }
        var cr = _q.TransposeThisAndMultiply(re);
        var ci = _q.TransposeThisAndMultiply(im);
        for (var i = 0; i < m; i++)
        {
            var phase = Complex.FromPolarCoordinates(1, -_lambda[i] * t) * new Complex(cr[i], ci[i]);
            cr[i] = phase.Real;
            ci[i] = phase.Imaginary;
        }
        var outRe = _q * cr;
        var outIm = _q * ci;
        var result = new Complex[m];
        for (var i = 0; i < m; i++) result[i] = new Complex(outRe[i], outIm[i]);
        return result;
    }
}
