using System.Diagnostics;
using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Solvers;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.Splitting;

namespace ConvergenceSuite.SeededBugs;

/// <summary>
/// One defect of the split-step S-L solver, at one of its seams: the discretised problem it is handed, the scheme it
/// runs, the operators the splitting engine runs (a wrong <see cref="SchrodingerLoheOperators"/>), the times it samples
/// at, or the correlations it reports. The default of every member is the correct behaviour.
/// </summary>
internal sealed record SplitStepVariant
{
    /// <summary>Transforms the problem before the solver sees it (e.g. V → −V).</summary>
    public Func<SchrodingerLoheProblem, SchrodingerLoheProblem>? Problem { get; init; }

    /// <summary>The scheme actually run for the scheme the case asks for (the trajectory still reports the one asked for).</summary>
    public Func<SplittingScheme, SplittingScheme>? Scheme { get; init; }

    /// <summary>Builds the operators (problem, dt, backend) in place of the correct <see cref="SchrodingerLoheOperators"/>.</summary>
    public Func<SchrodingerLoheProblem, double, IFftBackend?, SchrodingerLoheOperators>? Operators { get; init; }

    /// <summary>Samples at step n + offset while reporting t_n.</summary>
    public int SampleStepOffset { get; init; }

    /// <summary>Reports z_kj in place of z_jk.</summary>
    public bool TransposeCorrelations { get; init; }
}

/// <summary>The split-step adapter (<see cref="SplitStepAdapter"/>) with one <see cref="SplitStepVariant"/> defect. Named
/// "split-step" so that it replaces the real one; no public parameterless constructor, so it is never a built-in solver.</summary>
public sealed class BuggedSplitStepAdapter : ISolverUnderTest
{
    private readonly SplitStepVariant _variant;
    private readonly IFftBackend? _backend;

    internal BuggedSplitStepAdapter(SplitStepVariant variant, IFftBackend? backend = null)
    {
        _variant = variant;
        _backend = backend;
    }

    public string Name => "split-step";

    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.SchrodingerLohe];

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not SchrodingerLoheSpec spec) throw new NotSupportedException($"{Name} runs Schrödinger-Lohe problems only, not {problem.Model}.");
        var discrete = spec.Discretise(resolution.GridPoints);
        var solved = _variant.Problem?.Invoke(discrete) ?? discrete;
        var claimed = SplittingSchemes.Get(resolution.Scheme);
        var scheme = _variant.Scheme?.Invoke(claimed) ?? claimed;
        var watch = Stopwatch.StartNew();
        var operators = _variant.Operators?.Invoke(solved, resolution.TimeStep, _backend) ?? new SchrodingerLoheOperators(solved, resolution.TimeStep, _backend);
        using var solver = new SplitStepSolver(operators, scheme);
        ISplittingSolver sampled = _variant.SampleStepOffset != 0 || _variant.TransposeCorrelations
            ? new MisreportingSolver(solver, _variant.SampleStepOffset, _variant.TransposeCorrelations)
            : solver;
        return SplitStepAdapter.Sample(Name, claimed.Name, discrete, sampled, solver, sampleTimes ?? spec.SampleTimes, storeStates, watch, cancellation);
    }

    /// <summary>A correct solver read wrongly: advanced <c>offset</c> steps past each requested time, and/or its z reported
    /// transposed.</summary>
    private sealed class MisreportingSolver(SplitStepSolver inner, int offset, bool transpose) : ISplittingSolver
    {
        public SplittingScheme Scheme => inner.Scheme;
        public double TimeStep => inner.TimeStep;
        public IFftBackend Backend => inner.Backend;
        public int Oscillators => inner.Oscillators;

        public void AdvanceTo(double time, CancellationToken cancellation) => inner.AdvanceTo(time + offset * inner.TimeStep, cancellation);

        public void Correlations(Span<Complex> z)
        {
            inner.Correlations(z);
            if (!transpose) return;
            var n = Oscillators;
            var copy = z.ToArray();
            for (var e = 0; e < n * n; e++) z[e] = copy[(e % n) * n + e / n];
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>Seeded bugs of the split-step Schrödinger-Lohe solver, eq. (4):
/// i ∂t ψ_j = −½Δψ_j + V_j ψ_j + (iK/2N) Σ_k ((n_j/n_k) ψ_k − z_kj/(n_j n_k) ψ_j).</summary>
public sealed class SplitStepBugs : ISeededBugCatalogue
{
    private const string Target = "split-step";

    public IEnumerable<SeededBug> Bugs =>
    [
        Bug("coupling-sign", "the Lohe term's sign is flipped: −(iK/2N) Σ_k (…) instead of +(iK/2N) Σ_k (…) (repulsive coupling)",
            ["sl-2d-n2-free"], new SplitStepVariant { Operators = (p, dt, b) => new RepulsiveCoupling(p, dt, b) }),
        Bug("coupling-k-over-n", "coupling strength K/N instead of K/2N (the solver is handed 2K)",
            ["sl-2d-n2-free"], new SplitStepVariant { Problem = p => new SchrodingerLoheProblem(p.Grid, 2 * p.Coupling, p.Potentials, p.Initial) }),
        Bug("gram-missing-conjugation", "the coupling's inner product lacks the conjugation: Σ ψ_m ψ_k dV instead of Σ conj(ψ_m) ψ_k dV",
            ["sl-2d-n2-free"], new SplitStepVariant { Operators = (p, dt, b) => new UnconjugatedGram(p, dt, b) }),
        Bug("normalisation-dropped", "non-normalised data treated as normalised in the coupling (n_j = 1 instead of ‖ψ_j‖)",
            ["sl-1d-n3-unnormalised"], new SplitStepVariant { Operators = (p, dt, b) => new NormsDropped(p, dt, b) }),
        Bug("kinetic-full-laplacian", "kinetic operator −Δ instead of −½Δ",
            ["sl-2d-n2-free"], new SplitStepVariant { Operators = (p, dt, b) => new FullLaplacian(p, dt, b) }),
        Bug("potential-sign", "potential sign flipped: −V_j ψ_j instead of +V_j ψ_j",
            ["sl-1d-n5-kuramoto"], new SplitStepVariant { Problem = p => new SchrodingerLoheProblem(p.Grid, p.Coupling, p.Potentials.Select(v => v.Select(x => -x).ToArray()).ToArray(), p.Initial) }),
        Bug("potentials-swapped", "distinct potentials assigned to the wrong oscillators (ψ_j evolves under V_{N−1−j})",
            ["sl-1d-n5-kuramoto"], new SplitStepVariant { Problem = p => new SchrodingerLoheProblem(p.Grid, p.Coupling, p.Potentials.Reverse().ToArray(), p.Initial) }),
        Bug("lie-claims-strang", "Lie–Trotter splitting (order 1) run when Strang (order 2) is asked for and reported",
            ["sl-1d-n3-order-strang"], new SplitStepVariant { Scheme = s => s.Name == SplittingSchemes.Strang.Name ? SplittingSchemes.Lie : s }),
        Bug("yoshida-equal-weights", "Yoshida-4 with equal weights ⅓, ⅓, ⅓ instead of w₁, w₀, w₁ (order 2 while claiming 4)",
            ["sl-1d-n3-order-yoshida4"], new SplitStepVariant { Scheme = s => s.Name == SplittingSchemes.Yoshida4.Name ? EqualWeightYoshida : s }),
        Bug("sample-time-offset", "states and correlations sampled one step late: at t_n + dt while reported at t_n",
            ["sl-2d-n2-free"], new SplitStepVariant { SampleStepOffset = 1 }),
        Bug("correlations-transposed", "reported correlation matrix transposed: z_kj written where z_jk belongs",
            ["sl-2d-n2-free"], new SplitStepVariant { TransposeCorrelations = true }),
    ];

    /// <summary>A "yoshida4" whose three Strang sub-steps all have weight ⅓: plain Strang at dt/3, order 2.</summary>
    internal static SplittingScheme EqualWeightYoshida { get; } = new("yoshida4", 4, "Yoshida triple jump with equal weights (defect)",
        Enumerable.Repeat(0, 3).SelectMany(_ => new SplitStage[]
        {
            new(SplitOperator.Coupling, 1.0 / 6), new(SplitOperator.Potential, 1.0 / 6), new(SplitOperator.Kinetic, 1.0 / 3),
            new(SplitOperator.Potential, 1.0 / 6), new(SplitOperator.Coupling, 1.0 / 6),
        }));

    private static SeededBug Bug(string id, string defect, string[] witnesses, SplitStepVariant variant) =>
        new(id, defect, Target, witnesses, () => new BuggedSplitStepAdapter(variant));
}
