using System.Diagnostics;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Kuramoto;
using ConvergenceSuite.Harness.Solvers;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Solvers.Kuramoto;

namespace ConvergenceSuite.Harness.SeededBugs;

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
        new(id, defect, Target, witnesses, () => new KuramotoAdapter(transform));
}
