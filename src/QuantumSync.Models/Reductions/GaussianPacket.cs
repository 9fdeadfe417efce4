using System.Numerics;

namespace QuantumSync.Models.Reductions;

/// <summary>
/// The continuous solution of i∂tψ = −½Δψ + Vψ for a Gaussian packet ψ(0) = (πσ²)^(−d/4) e^{−|x−x0|²/(2σ²) + i p0·(x−x0)}
/// under V = Σ_a ω_a²(x_a − c_a)²/2 (ω_a = 0 allowed: free axis), evaluated from closed formulas at given points
/// (docs/MATH.md, "Gaussian packets under quadratic potentials"). The packet is a product of 1-D packets, one per axis:
/// ψ_a = (πσ²)^(−¼) u^(−½) exp(i[a(x − q)² + p(x − q)] + iS), with u = cos ωt + (2a₀/ω) sin ωt (1 + 2a₀t for ω = 0),
/// a₀ = i/(2σ²), a = u′/(2u), (q, p) the classical trajectory and S = ∫₀ᵗ (p²/2 − ω²(q − c)²/2) dt = ½[p(q − c)]₀ᵗ
/// (integration by parts with p′ = −ω²(q − c); S = p₀²t/2 for ω = 0). The branch of u^(−½) follows u continuously in t:
/// u runs around the origin on an ellipse in the same quadrant as e^{iωt}, so arg u = ωt + (atan2 − wrap(ωt)).
/// </summary>
/// <remarks>
/// Shares nothing with a discretisation: no grid code, no FFT, no eigendecomposition; the points are passed in. On a
/// periodic box the discrete solution differs from it by the grid's spectral error while the packet's tails and spectrum
/// stay resolved and away from the box edge (and by the discontinuity of the periodically continued V, which the packet
/// does not see while its mass there is below round-off).
/// </remarks>
public static class GaussianPacket
{
    /// <summary>One axis: ψ_a(x, t) for the 1-D packet (x0, p0, σ) under ω²(x − c)²/2.</summary>
    public static Complex Axis(double x, double t, double x0, double p0, double width, double omega, double center)
    {
        if (!(width > 0)) throw new ArgumentException("The width must be positive.", nameof(width));
        omega = Math.Abs(omega); // V depends on ω² only.
        var a0 = new Complex(0, 1 / (2 * width * width));
        Complex u, du;
        double q, p, action;
        if (omega == 0)
        {
            u = 1 + 2 * a0 * t;
            du = 2 * a0;
            q = x0 + p0 * t;
            p = p0;
            action = p0 * p0 * t / 2;
        }
        else
        {
            var (s, c) = Math.SinCos(omega * t);
            u = c + 2 * a0 / omega * s;
            du = -omega * s + 2 * a0 * c;
            var q0 = x0 - center;
            var qr = q0 * c + p0 / omega * s;
            q = center + qr;
            p = -q0 * omega * s + p0 * c;
            action = 0.5 * (p * qr - p0 * q0);
        }
        var a = du / (2 * u);
        var argU = ContinuousArgument(u, omega, t);
        var rootInverse = Complex.FromPolarCoordinates(1 / Math.Sqrt(u.Magnitude), -argU / 2);
        var d = x - q;
        return Math.Pow(Math.PI * width * width, -0.25) * rootInverse * Complex.Exp(Complex.ImaginaryOne * (a * d * d + p * d + action));
    }

    /// <summary>arg u(t) followed continuously from arg u(0) = 0.</summary>
    private static double ContinuousArgument(Complex u, double omega, double t)
    {
        var principal = Math.Atan2(u.Imaginary, u.Real);
        if (omega == 0) return principal; // 1 + i t/σ²: in the right half plane for t ≥ 0.
        // u = cos ωt + i b sin ωt with b > 0 lies in the quadrant of e^{iωt}: |arg u − ωt| < π/2.
        var turns = Math.Round((omega * t - principal) / (2 * Math.PI));
        return principal + 2 * Math.PI * turns;
    }

    /// <summary>
    /// ψ(x, t) at every point of a box grid given by its sizes and lengths: x_i = −L_a/2 + i L_a/M_a on axis a, row-major
    /// with the last axis fastest (the layout of the solvers' grids, written out here).
    /// </summary>
    public static Complex[] OnGrid(IReadOnlyList<int> sizes, IReadOnlyList<double> lengths, double[] center, double[] momentum, double width,
        double[] omegas, double[] potentialCenter, double t)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(lengths);
        var d = sizes.Count;
        if (lengths.Count != d || center.Length != d || momentum.Length != d)
            throw new ArgumentException($"Sizes, lengths, centre and momentum need {d} components each.");
        var factors = new Complex[d][];
        for (var a = 0; a < d; a++)
        {
            var m = sizes[a];
            var w = omegas.Length == 0 ? 0.0 : omegas[Math.Min(a, omegas.Length - 1)];
            var c = a < potentialCenter.Length ? potentialCenter[a] : 0.0;
            factors[a] = new Complex[m];
            for (var i = 0; i < m; i++)
                factors[a][i] = Axis(-lengths[a] / 2 + i * lengths[a] / m, t, center[a], momentum[a], width, w, c);
        }
        var count = sizes.Aggregate(1, (x, m) => checked(x * m));
        var result = new Complex[count];
        var index = new int[d];
        for (var flat = 0; flat < count; flat++)
        {
            Complex v = 1;
            for (var a = 0; a < d; a++) v *= factors[a][index[a]];
            result[flat] = v;
            for (var a = d - 1; a >= 0; a--)
            {
                if (++index[a] < sizes[a]) break;
                index[a] = 0;
            }
        }
        return result;
    }
}
