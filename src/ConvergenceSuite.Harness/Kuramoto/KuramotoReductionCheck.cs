using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Solvers.Kuramoto;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;
using static ConvergenceSuite.Harness.Kuramoto.KuramotoCheckSupport;

namespace ConvergenceSuite.Harness.Kuramoto;

/// <summary>
/// Section 2.1, the Kuramoto reduction: on a torus with spatially constant data ψ_j = e^{−iθ_j}/√|T| and constant
/// potentials V_j = Ω_j, the S-L system (4) is exactly the Kuramoto model (7), dθ_j/dt = Ω_j + (K/N) Σ_k sin(θ_k − θ_j),
/// and z_jk = e^{i(θ_j − θ_k)}. (Insert ψ_j = e^{−iθ_j}/√|T|: the Laplacian vanishes, ψ_k − z_kj ψ_j = 2i sin(θ_j − θ_k) ψ_j,
/// so i∂tψ_j = θ_j′ψ_j = (Ω_j + (K/N) Σ_k sin(θ_k − θ_j)) ψ_j.)
/// <para>
/// The check reads θ_j(0) = −arg ψ_j(0) from the harness-sampled data, integrates (7) itself with RK4 at a small step
/// (and at half that step, to bound the reference's own error), and compares with the S-L phases
/// θ_j(t) = −arg ⟨ψ_j(t)⟩ (spatial mean), unwrapped along the samples. Unwrapping is only safe when no phase moves by π
/// between samples; since |dθ_j/dt| ≤ |Ω_j| + K the loader refuses cases with (max|Ω_j| + K)·Δ &gt;
/// <see cref="MaxPhaseStepPerSample"/>, and an S-L increment larger than that bound is flagged as a failure. Measured:
/// max_{j,t} |θ_j^SL − θ_j^Kuramoto|, max_{j,k,t} |z_jk − e^{i(θ_j − θ_k)}|, and the spatial non-constancy
/// max_{j,t,x} |ψ_j − ⟨ψ_j⟩| / |⟨ψ_j⟩|; all three must be ≤ the tolerance.
/// </para>
/// </summary>
public sealed class KuramotoReductionCheck(double tolerance, double referenceStep) : ICheck
{
    /// <summary>The acceptance bound of issue 4 (N = 5, t ∈ [0, 20]): 1e-9. With constant data the kinetic step is the
    /// identity, so what remains is the splitting between the exact V phase and the RK4 coupling sub-steps
    /// (O(dt⁴) for yoshida4) plus round-off.</summary>
    public const double DefaultTolerance = 1e-9;

    /// <summary>RK4 step of the reference: its error at dt = 1e-3 over t ≤ 20 is ≈ 1e-13 (measured against dt/2).</summary>
    public const double DefaultReferenceStep = 1e-3;

    /// <summary>Largest a-priori phase move between samples, (max|Ω_j| + K)·Δ: half of the π at which unwrapping
    /// becomes ambiguous.</summary>
    public const double MaxPhaseStepPerSample = Math.PI / 2;

    /// <summary>Initial data count as spatially constant when max_x |ψ − ψ(x₀)| ≤ this times |ψ(x₀)| (round-off of the sampler).</summary>
    public const double ConstancyTolerance = 1e-13;

    /// <summary>The reference must be this fraction of the tolerance accurate (|θ(dt) − θ(dt/2)|), or the check is inconclusive.</summary>
    public const double ReferenceFraction = 0.01;

    /// <inheritdoc />
    public string Id => "kuramoto-reduction";
    /// <inheritdoc />
    public string Statement => "Section 2.1: constant data on a torus with V_j = Ω_j reduce S-L to the Kuramoto model (7); θ_j = −arg ψ_j and z_jk = e^{i(θ_j − θ_k)}.";
    /// <summary>Largest allowed phase difference |θ_j − θ_j^Kuramoto|, |z_jk − e^{i(θ_j − θ_k)}| and spatial non-constancy.</summary>
    public double Tolerance { get; } = tolerance;
    /// <summary>RK4 step of the Kuramoto reference (also run at half this step to bound its own error).</summary>
    public double ReferenceStep { get; } = referenceStep;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = (SchrodingerLoheSpec)context.Problem;
        var tr = context.Trajectory;
        if (tr.States is null)
            return CheckResult.Of(Id, Verdict.Fail, "the solver returned no states; this check needs them (storeStates: true)", Evidence());
        var n = spec.Oscillators;
        var omega = Frequencies(spec);
        var theta0 = context.Discrete.Initial.Select(p => -Mean(p).Phase).ToArray();
        var problem = new KuramotoProblem(omega, spec.Coupling, theta0);
        var times = tr.Times;
        var reference = KuramotoSolver.Solve(problem, KuramotoSchemes.Rk4, ReferenceStep, times);
        var finer = KuramotoSolver.Solve(problem, KuramotoSchemes.Rk4, ReferenceStep / 2, times);
        var referenceError = MaxOrNaN(times.Select((_, s) => MaxOrNaN(Enumerable.Range(0, n).Select(j => Math.Abs(reference.Phases[s][j] - finer.Phases[s][j])))));

        var speed = omega.Max(Math.Abs) + Math.Abs(spec.Coupling);
        var theta = new double[times.Count][];
        var phaseError = new double[times.Count];
        var zError = new double[times.Count];
        var nonConstancy = new double[times.Count];
        string? jump = null;
        for (var s = 0; s < times.Count; s++)
        {
            theta[s] = new double[n];
            double worstConstancy = 0;
            for (var j = 0; j < n; j++)
            {
                var psi = tr.States[s][j];
                var mean = Mean(psi);
                var raw = -mean.Phase;
                var deviation = 0.0;
                foreach (var v in psi) deviation = Nan(deviation, Complex.Abs(v - mean));
                worstConstancy = Nan(worstConstancy, deviation / mean.Magnitude);
                if (s == 0)
                {
                    theta[s][j] = raw;
                    continue;
                }
                var increment = WrapToPi(raw - theta[s - 1][j]);
                var allowed = speed * (times[s] - times[s - 1]);
                if (jump is null && (double.IsNaN(increment) || Math.Abs(increment) > allowed + UnwrapSlack))
                    jump = Inv($"θ_{j + 1} of the S-L run moved by {increment:G4} between t = {times[s - 1]} and {times[s]}, more than (max|Ω| + K)·Δ = {allowed:G4} allows: the phases cannot be unwrapped reliably (or the data are wrong)");
                theta[s][j] = theta[s - 1][j] + increment;
            }
            nonConstancy[s] = worstConstancy;
            phaseError[s] = MaxOrNaN(Enumerable.Range(0, n).Select(j => Math.Abs(theta[s][j] - reference.Phases[s][j])));
            var worstZ = 0.0;
            for (var j = 0; j < n; j++)
            for (var k = 0; k < n; k++)
                worstZ = Nan(worstZ, Complex.Abs(tr.Z(s, j, k) - Complex.FromPolarCoordinates(1, reference.Phases[s][j] - reference.Phases[s][k])));
            zError[s] = worstZ;
        }
        var maxPhase = MaxOrNaN(phaseError);
        var maxZ = MaxOrNaN(zError);
        var maxConstancy = MaxOrNaN(nonConstancy);
        var worst = MaxOrNaN([maxPhase, maxZ, maxConstancy]);
        var evidence = Evidence(("max_phase_error", maxPhase), ("max_correlation_error", maxZ), ("max_spatial_nonconstancy", maxConstancy),
            ("reference_self_error", referenceError), ("reference_step", ReferenceStep), ("tolerance", Tolerance), ("oscillators", n), ("final_time", times[^1]));
        var phasePlot = new PlotSpec("Unwrapped phases: S-L −arg ψ_j against the Kuramoto model (7)", "t", "θ_j",
            Enumerable.Range(0, n).SelectMany(j => new[]
            {
                Curve($"S-L θ_{j + 1}", times, theta.Select(t => t[j])),
                Curve($"Kuramoto θ_{j + 1}", times, reference.Phases.Select(t => t[j]), reference: true),
            }).ToArray());
        var errorPlot = new PlotSpec("S-L against Kuramoto", "t", "error",
        [
            Curve("max_j |θ_j^SL − θ_j^K|", times, phaseError), Curve("max_jk |z_jk − e^{i(θ_j − θ_k)}|", times, zError),
            Curve("max_j spatial non-constancy", times, nonConstancy), Curve("tolerance", times, times.Select(_ => Tolerance), reference: true),
        ], LogY: true);
        var summary = Inv($"N = {n}, d = {spec.Dimension}, {tr.Scheme} dt = {tr.TimeStep}: max |Δθ| = {maxPhase:E3}, max |Δz| = {maxZ:E3}, spatial non-constancy {maxConstancy:E2} over t ∈ [0, {times[^1]}] (tolerance {Tolerance:E1}; RK4 reference self-error {referenceError:E1})");
        if (jump is not null)
            return new CheckResult(Id, Verdict.Fail, $"{jump}; {summary}", evidence, [phasePlot, errorPlot]);
        var verdict = AtMost(worst, Tolerance);
        if (verdict == Verdict.Pass && !(referenceError <= ReferenceFraction * Tolerance))
            return new CheckResult(Id, Verdict.Inconclusive, $"the RK4 reference is not accurate enough (self-error {referenceError:E2}); lower referenceStep; {summary}", evidence, [phasePlot, errorPlot]);
        return new CheckResult(Id, verdict, summary, evidence, [phasePlot, errorPlot]);
    }

    /// <summary>Slack on the a-priori phase speed bound (round-off of the phases, ≈ 1e-13 rad).</summary>
    private const double UnwrapSlack = 1e-9;

    /// <summary>Ω_j = the constant value of V_j.</summary>
    public static double[] Frequencies(SchrodingerLoheSpec spec) =>
        spec.Potentials.Select(p => p[new double[spec.Dimension]]).ToArray();

    private static Complex Mean(Complex[] psi)
    {
        Complex sum = 0;
        foreach (var v in psi) sum += v;
        return sum / psi.Length;
    }

    private static double Nan(double current, double value) => double.IsNaN(current) || double.IsNaN(value) ? double.NaN : Math.Max(current, value);

    private static double WrapToPi(double x) => x - 2 * Math.PI * Math.Floor((x + Math.PI) / (2 * Math.PI));

    /// <summary>Reads { "tolerance": ε?, "referenceStep": h? } and refuses cases the reduction does not cover.</summary>
    internal static KuramotoReductionCheck Create(KuramotoReductionParameters p, CheckSite f, Problem problem)
    {
        if (problem is not SchrodingerLoheSpec spec) throw f.Error("id", "the Kuramoto reduction compares an S-L run with the Kuramoto model; this is not an S-L case");
        if (spec.Potentials.Any(p => !p.IsConstant)) throw f.Error("id", "the Kuramoto reduction needs constant potentials V_j = Ω_j (kind \"constant\", one per oscillator)");
        var discrete = spec.Discretise();
        for (var j = 0; j < discrete.Oscillators; j++)
        {
            var psi = discrete.Initial[j];
            var spread = psi.Max(v => Complex.Abs(v - psi[0]));
            if (!(spread <= ConstancyTolerance * psi[0].Magnitude))
                throw f.Error("id", $"the Kuramoto reduction needs spatially constant data (kind \"constant\"); oscillator {j} varies by {spread:E2}");
        }
        var speed = Frequencies(spec).Max(Math.Abs) + Math.Abs(spec.Coupling);
        var gap = spec.SampleTimes.Skip(1).Select((t, i) => t - spec.SampleTimes[i]).DefaultIfEmpty(0).Max();
        if (speed * gap > MaxPhaseStepPerSample)
            throw f.Error("id", Inv($"sampling too coarse to unwrap the phases: (max|Ω| + K)·Δ = {speed * gap:G4} > {MaxPhaseStepPerSample:G4}; sample at Δ ≤ {MaxPhaseStepPerSample / speed:G4}"));
        var tolerance = p.Tolerance;
        var step = p.ReferenceStep;
        if (!(step > 0)) throw f.Error("referenceStep", "must be positive");
        return new KuramotoReductionCheck(tolerance, step);
    }
}
