using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Kuramoto;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Solvers.Kuramoto;

namespace ConvergenceSuite.SeededBugs;

/// <summary>Seeded bugs of the Kuramoto solver, eq. (7): dθ_j/dt = Ω_j + (K/N) Σ_k sin(θ_k − θ_j).</summary>
public sealed class KuramotoBugs : ISeededBugCatalogue
{
    private const string Target = "kuramoto";

    public IEnumerable<SeededBug> Bugs =>
    [
        Bug("kuramoto-sin-sign", "sin(θ_j − θ_k) instead of sin(θ_k − θ_j) (the solver is handed −K)", ["ku-adler-locked"],
            p => p.WithCoupling(-p.Coupling)),
        Bug("kuramoto-k-over-2n", "coupling K/2N instead of K/N (the S-L normalisation carried over to eq. 7)", ["ku-adler-locked"],
            p => p.WithCoupling(p.Coupling / 2)),
        Bug("kuramoto-frequencies-reversed", "natural frequencies assigned to the wrong oscillators (θ_j driven by Ω_{N−1−j})", ["ku-adler-locked"],
            p => new KuramotoProblem(p.NaturalFrequencies.ToArray().Reverse().ToArray(), p.Coupling, p.InitialPhases.ToArray())),
    ];

    private static SeededBug Bug(string id, string defect, string[] witnesses, Func<KuramotoProblem, KuramotoProblem> transform) =>
        new(id, defect, Target, witnesses, () => new BuggedKuramotoAdapter(model: transform));
}

/// <summary>The Kuramoto adapter with one defect: the solver integrates a transformed model (<paramref name="model"/>) or
/// a wrong right-hand side (<paramref name="rightHandSide"/>). Named "kuramoto" so that it replaces the real one; never a
/// built-in solver.</summary>
public sealed class BuggedKuramotoAdapter(
    Func<KuramotoProblem, KuramotoProblem>? model = null,
    Func<KuramotoProblem, IKuramotoRightHandSide>? rightHandSide = null) : ISolverUnderTest
{
    public string Name => "kuramoto";

    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.Kuramoto];

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not KuramotoSpec spec) throw new NotSupportedException($"{Name} runs Kuramoto problems only, not {problem.Model}.");
        var integrated = model is null ? spec.Kuramoto : model(spec.Kuramoto);
        return KuramotoAdapter.Solve(Name, spec, integrated, rightHandSide?.Invoke(integrated), resolution, sampleTimes, cancellation);
    }
}

/// <summary>
/// The mean-field right-hand side of eq. (7) with the identity slipped to
/// (K/N) Σ_k sin(θ_k + θ_j) = (K/N)(S cos θ_j + C sin θ_j) instead of (K/N)(S cos θ_j − C sin θ_j)
/// (S = Σ_k sin θ_k, C = Σ_k cos θ_k); otherwise <see cref="KuramotoMeanField"/>'s arithmetic.
/// </summary>
internal sealed class SumAngleMeanField(KuramotoProblem problem) : IKuramotoRightHandSide
{
    private readonly double[] _omega = problem.NaturalFrequencies.ToArray();
    private readonly double[] _sin = new double[problem.Count];
    private readonly double[] _cos = new double[problem.Count];
    private readonly double _coupling = problem.Coupling;

    public int Count => _omega.Length;

    public long Evaluations { get; private set; }

    public Complex Evaluate(ReadOnlySpan<double> theta, Span<double> derivative)
    {
        var n = _omega.Length;
        double sumSin = 0, sumCos = 0;
        for (var j = 0; j < n; j++)
        {
            var (s, c) = Math.SinCos(theta[j]);
            _sin[j] = s;
            _cos[j] = c;
            sumSin += s;
            sumCos += c;
        }
        var scale = _coupling / n;
        var a = scale * sumSin;
        var b = scale * sumCos;
        for (var j = 0; j < n; j++) derivative[j] = _omega[j] + (a * _cos[j] + b * _sin[j]);
        Evaluations++;
        return new Complex(sumCos / n, sumSin / n);
    }
}
