using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Numerics;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// The S-L states against a reference evaluated from closed formulas at the grid points: for Gaussian initial data and
/// potentials V_j = V + Ω_j with V zero or harmonic (anisotropic, off-centre), ψ_j(t) = e^{−iΩ_j t} Σ_m C_jm(t) s_m G_m(t),
/// where G_m(t) is the continuous evolution of packet m (<see cref="GaussianPacket"/>), s_m the normalisation the harness
/// applied to the sampled packet, and C the mixing matrix of the coupling ODE (docs/MATH.md). Measures
/// max_{j,t} ‖ψ_j − ψ_j^ref‖/‖ψ_j^ref‖: the solver's time-stepping error plus the spatial (spectral) error of its grid.
/// </summary>
/// <remarks>
/// Shared with the solver: the case parameters, and through C the Gram matrix of the sampled initial data (an N×N matrix
/// of inner products, exact on the grid to the packets' spectral accuracy). Not shared: any grid, FFT, wavenumber,
/// Laplacian or eigendecomposition — the packets are evaluated at x_i = −L_a/2 + i L_a/M_a from their formulas. So no
/// defect of the solver's discretisation (kinetic or potential step, wavenumbers, potential or data on some axis) can
/// cancel in the comparison. Allowed spectral error: the case's tolerance must cover the splitting error plus the
/// discrete-vs-continuous gap, which is below 1e-11 on grids the loader accepts (GaussianPacketTests) while the packets
/// stay away from the box edge.
/// </remarks>
public sealed class AnalyticReferenceCheck(double tolerance) : ICheck
{
    /// <inheritdoc />
    public string Id => "analytic-reference";
    /// <inheritdoc />
    public string Statement => "The S-L solution equals the closed-form Gaussian-packet solution e^{−iΩt} C(t) G(t) evaluated at the grid points.";
    /// <summary>Stated by the case: it depends on the scheme and dt.</summary>
    public double Tolerance { get; } = tolerance;

    /// <summary>Null when the analytic reference applies to the case, else the reason it does not.</summary>
    public static string? NotApplicable(SchrodingerLoheSpec spec)
    {
        if (spec.Initial.Any(s => s.Gaussian is null)) return "the analytic reference needs every initial state to be a plain Gaussian packet (no coefficient, superposition or copy)";
        var v0 = spec.Potentials[0];
        if (!IsQuadratic(v0)) return $"the analytic reference needs V zero, constant or harmonic; got {v0.Description}";
        foreach (var v in spec.Potentials.Skip(1))
        {
            if (!IsQuadratic(v)) return $"the analytic reference needs V zero, constant or harmonic; got {v.Description}";
            if (!SameShape(v, v0, spec.Dimension)) return "the analytic reference needs potentials equal up to constants (same ω and centre on every axis)";
        }
        return null;
    }

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        if (tr.States is null)
            return CheckResult.Of(Id, Verdict.Fail, "the solver returned no states; this check needs them (storeStates: true)", Evidence());
        var spec = (SchrodingerLoheSpec)context.Problem;
        var reason = NotApplicable(spec);
        if (reason is not null) throw new InvalidOperationException(reason);
        var discrete = context.Discrete;
        var grid = discrete.Grid;
        var reference = States(spec, discrete, tr.Times);
        var error = new double[tr.Times.Count];
        for (var s = 0; s < tr.Times.Count; s++)
            error[s] = Enumerable.Range(0, spec.Oscillators).Max(j => Integrals.RelativeDistanceL2(tr.States[s][j], reference[s][j], grid.CellVolume));
        var max = MaxOrNaN(error);
        return new CheckResult(Id, AtMost(max, Tolerance),
            $"max_t max_j ‖ψ_j − ψ_j^analytic‖/‖ψ_j^analytic‖ = {max:E3} ({tr.Scheme}, dt = {tr.TimeStep}, grid {grid}; tolerance {Tolerance:E1})",
            Evidence(("max_relative_l2_error", max), ("tolerance", Tolerance)),
            [new PlotSpec("Error against the closed-form Gaussian-packet reference", "t", "max_j relative L² error",
                [Curve("S-L vs analytic", tr.Times, error), Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true)], LogY: true)]);
    }

    /// <summary>
    /// The reference states e^{−iΩ_j t} Σ_m C_jm(t) s_m G_m(t) at the points of <paramref name="discrete"/>'s grid:
    /// result[sample][oscillator][point]. The case must pass <see cref="NotApplicable"/>.
    /// </summary>
    public static Complex[][][] States(SchrodingerLoheSpec spec, QuantumSync.Models.SchrodingerLohe.SchrodingerLoheProblem discrete, IReadOnlyList<double> times)
    {
        var reason = NotApplicable(spec);
        if (reason is not null) throw new InvalidOperationException(reason);
        var grid = discrete.Grid;
        var d = spec.Dimension;
        var (omegas, center) = Shape(spec.Potentials[0], d);
        var offsets = spec.Potentials.Select(v => Offset(v, d)).ToArray();
        var n = spec.Oscillators;
        // s_m: the sampled packet as the solver received it is s_m G_m(0) (s_m = 1 unless the case normalises).
        var scales = Enumerable.Range(0, n).Select(m =>
        {
            var g = spec.Initial[m].Gaussian!;
            var analytic = GaussianPacket.OnGrid(grid.Sizes, grid.Lengths, g.Center, g.Momentum, g.Width, omegas, center, 0);
            return Integrals.Inner(analytic, discrete.Initial[m], grid.CellVolume) / Integrals.NormSquared(analytic, grid.CellVolume);
        }).ToArray();
        var mixing = new ExactFactorisedReference(discrete.Initial, spec.Coupling, grid.CellVolume, NoPropagator.Instance, offsets).Mixing(times);
        var result = new Complex[times.Count][][];
        for (var s = 0; s < times.Count; s++)
        {
            var t = times[s];
            var packets = Enumerable.Range(0, n).Select(m =>
            {
                var g = spec.Initial[m].Gaussian!;
                return GaussianPacket.OnGrid(grid.Sizes, grid.Lengths, g.Center, g.Momentum, g.Width, omegas, center, t);
            }).ToArray();
            result[s] = new Complex[n][];
            for (var j = 0; j < n; j++)
            {
                var reference = new Complex[grid.Count];
                for (var m = 0; m < n; m++)
                {
                    var c = mixing[s][j * n + m] * scales[m] * Complex.FromPolarCoordinates(1, -offsets[j] * t);
                    for (var i = 0; i < reference.Length; i++) reference[i] += c * packets[m][i];
                }
                result[s][j] = reference;
            }
        }
        return result;
    }

    private static bool IsQuadratic(Potential v) => v.IsConstant || v.HarmonicOmegas is not null;

    private static (double[] Omegas, double[] Center) Shape(Potential v, int d) => v.IsConstant
        ? (new double[d], new double[d])
        : (Enumerable.Range(0, d).Select(a => v.HarmonicOmegas![Math.Min(a, v.HarmonicOmegas.Length - 1)]).ToArray(),
            Enumerable.Range(0, d).Select(a => a < v.HarmonicCenter!.Length ? v.HarmonicCenter[a] : 0.0).ToArray());

    private static double Offset(Potential v, int d) => v.IsConstant ? v[new double[d]] : v.HarmonicOffset;

    private static bool SameShape(Potential a, Potential b, int d)
    {
        var (wa, ca) = Shape(a, d);
        var (wb, cb) = Shape(b, d);
        return wa.Select(Math.Abs).SequenceEqual(wb.Select(Math.Abs)) && (wa.All(w => w == 0) || ca.SequenceEqual(cb));
    }

    /// <summary>C is all this check takes from the factorised reference; it never propagates.</summary>
    private sealed class NoPropagator : ILinearPropagator
    {
        public static readonly NoPropagator Instance = new();
        public Complex[] Apply(ReadOnlySpan<Complex> psi, double t) => throw new InvalidOperationException("not used");
    }
}

/// <summary>The analytic Gaussian-packet reference check.</summary>
public sealed class AnalyticReferenceCheckModule : ICheckModule
{
    /// <inheritdoc />
    public IEnumerable<CheckDefinition> Checks =>
    [
        CheckDefinition.Of<AnalyticReferenceParameters>("analytic-reference", (p, f, problem) =>
        {
            if (problem is not SchrodingerLoheSpec spec) throw f.Error("id", "the analytic Gaussian-packet reference is for S-L cases");
            if (AnalyticReferenceCheck.NotApplicable(spec) is { } reason) throw f.Error("id", reason);
            return new AnalyticReferenceCheck(p.Tolerance);
        }),
    ];
}
