using System.Numerics;
using ConvergenceSuite.Abstractions;
using QuantumSync.Models.Potentials;
using QuantumSync.Numerics.Wigner;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>
/// The free Wigner flow (17) for a separable quadratic potential V(x) = Σ_a ½ ω_a² (x_a − c_a)² + V0, in closed form:
/// for such V the Moyal bracket is the Poisson bracket, so w(x, p, t) = w(Φ_{−t}(x, p), 0) with Φ the classical
/// harmonic flow, per axis u = x − c: u0 = u cos ω t − (p/ω) sin ω t, p0 = p cos ω t + ω u sin ω t (ω = 0: u0 = u − p t).
/// Evaluated from formulas at the grid points, so it shares nothing with the W-L solver: no FFT, no wavenumbers, no
/// splitting — a wrong transport or Θ[V] step, or a wrong coupling that leaks into the free part, cannot cancel in it.
/// The grid enters only through the sample points and (for normalised data) the harness's own discrete mass at t = 0.
/// </summary>
public sealed class QuadraticWignerFlow
{
    /// <summary>Relative size of the misfit above which V is not taken as separable quadratic.</summary>
    public const double QuadraticFitTolerance = 1e-10;

    private QuadraticWignerFlow(double[] omega, double[] center)
    {
        Omega = omega;
        Center = center;
    }

    /// <summary>ω_a: the frequency of the quadratic potential on each axis (0 on a free axis).</summary>
    public double[] Omega { get; }
    /// <summary>c_a: the centre of the quadratic potential on each axis.</summary>
    public double[] Center { get; }

    /// <summary>
    /// Recovers ω_a and c_a of a separable quadratic potential from its values (second and first differences along
    /// each axis through 0), then confirms the fit at <paramref name="probes"/> points of the box; null with a reason
    /// if V is not of that form (the check is then refused at load time).
    /// </summary>
    public static QuadraticWignerFlow? FromPotential(Potential potential, double[] lengths, out string reason, int probes = 64)
    {
        var d = lengths.Length;
        var origin = new double[d];
        var v0 = potential[origin];
        var omega = new double[d];
        var center = new double[d];
        for (var a = 0; a < d; a++)
        {
            var h = lengths[a] / 4;
            var plus = (double[])origin.Clone(); plus[a] = h;
            var minus = (double[])origin.Clone(); minus[a] = -h;
            var vp = potential[plus];
            var vm = potential[minus];
            var curvature = (vp - 2 * v0 + vm) / (h * h); // = ω_a²
            if (curvature < -1e-300)
            {
                reason = $"V = {potential.Description} is not a confining quadratic along axis {a}";
                return null;
            }
            omega[a] = Math.Sqrt(Math.Max(0, curvature));
            center[a] = curvature > 0 ? -(vp - vm) / (2 * h) / curvature : 0;
        }
        var constant = v0;
        for (var a = 0; a < d; a++) constant -= 0.5 * omega[a] * omega[a] * center[a] * center[a];
        var random = new Random(12);
        var scale = 1.0;
        for (var i = 0; i < probes; i++)
        {
            var x = lengths.Select(l => (random.NextDouble() - 0.5) * l).ToArray();
            var model = constant;
            for (var a = 0; a < d; a++) model += 0.5 * omega[a] * omega[a] * (x[a] - center[a]) * (x[a] - center[a]);
            var value = potential[x];
            scale = Math.Max(scale, Math.Abs(value));
            if (!(Math.Abs(value - model) <= QuadraticFitTolerance * scale))
            {
                reason = $"V = {potential.Description} is not a separable quadratic Σ ½ω_a²(x_a − c_a)² + const (misfit {Math.Abs(value - model):E2} at x = [{string.Join(", ", x)}])";
                return null;
            }
        }
        reason = "";
        return new QuadraticWignerFlow(omega, center);
    }

    /// <summary>The phase-space point Φ_{−t}(x, p) (in place into x0, p0).</summary>
    public void Backward(double t, double[] x, double[] p, double[] x0, double[] p0)
    {
        for (var a = 0; a < x.Length; a++)
        {
            var w = Omega[a];
            var u = x[a] - Center[a];
            if (w == 0)
            {
                x0[a] = x[a] - p[a] * t;
                p0[a] = p[a];
                continue;
            }
            var (sin, cos) = Math.SinCos(w * t);
            x0[a] = Center[a] + u * cos - p[a] / w * sin;
            p0[a] = p[a] * cos + w * u * sin;
        }
    }

    /// <summary>The Gaussian state of <see cref="QuantumSync.Models.WignerLohe.PhaseSpaceStates.Gaussian"/>, transported to time t.</summary>
    public double[] Gaussian(PhaseSpaceGrid grid, PhaseSpaceGaussianRecipe recipe, double t)
    {
        var d = grid.Dimension;
        var amplitude = Math.Pow(2 * Math.PI * recipe.SigmaX * recipe.SigmaP, -d);
        var x0 = new double[d];
        var p0 = new double[d];
        return grid.Evaluate((x, p) =>
        {
            Backward(t, x, p, x0, p0);
            double e = 0;
            for (var a = 0; a < d; a++)
            {
                var dx = x0[a] - recipe.Center[a];
                var dp = p0[a] - recipe.Momentum[a];
                e += dx * dx / (2 * recipe.SigmaX * recipe.SigmaX) + dp * dp / (2 * recipe.SigmaP * recipe.SigmaP);
            }
            return amplitude * Math.Exp(-e);
        });
    }

    /// <summary>
    /// The whole mixed W-L family at time t under the free flow: diagonal Gaussians transported (and divided by the
    /// harness's discrete mass at t = 0 when <paramref name="masses"/> is given), cross terms c·√(w_j w_k) pointwise
    /// (a pointwise relation is preserved by transport along the same characteristics); unlisted pairs 0. Row-major.
    /// </summary>
    public Complex[][] MixedFamily(PhaseSpaceGrid grid, WignerLoheSpec spec, double[]? masses, double t)
    {
        var mixed = spec.Mixed ?? throw new InvalidOperationException("the closed-form family is for phase-space (mixed) data");
        var n = mixed.Count;
        var diagonal = mixed.Select((m, j) =>
        {
            var w = Gaussian(grid, m, t);
            if (masses is not null) for (var i = 0; i < w.Length; i++) w[i] /= masses[j];
            return w;
        }).ToArray();
        var fields = new Complex[n * n][];
        for (var j = 0; j < n; j++) fields[j * n + j] = diagonal[j].Select(v => new Complex(v, 0)).ToArray();
        foreach (var c in spec.Coherences)
        {
            fields[c.J * n + c.K] = diagonal[c.J].Zip(diagonal[c.K], (a, b) => c.Coefficient * (a == b ? a : Math.Sqrt(a * b))).ToArray();
            fields[c.K * n + c.J] = diagonal[c.J].Zip(diagonal[c.K], (a, b) => Complex.Conjugate(c.Coefficient) * (a == b ? a : Math.Sqrt(a * b))).ToArray();
        }
        for (var f = 0; f < fields.Length; f++) fields[f] ??= new Complex[grid.Count];
        return fields;
    }
}
