using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.WignerLohe;

namespace ConvergenceSuite.SeededBugs;

/// <summary>
/// Seeded bugs inside one path of a solver, where the gallery did not reach before: the S-L general path (distinct
/// potentials: kinetic and potential steps), the S-L fused path's carried Gram matrix, the W-L transport and Θ[V] steps
/// and the Kuramoto right-hand side. Each is a wrong operator (or right-hand side) composed with the same splitting engine or integrator as the real solver (not a changed input), and each
/// witness is a case whose oracle does not share the defective code: the reference integrator (general path), the
/// correlation ODE (fused path), the S-L level (W-L steps) and Adler's closed form (Kuramoto).
/// </summary>
public sealed class SolverPathBugs : ISeededBugCatalogue
{
    public IEnumerable<SeededBug> Bugs =>
    [
        SplitStep("general-path-kinetic-sign",
            "general path (distinct potentials) only: kinetic phase e^{+i|k|²τ/2}, i.e. +½Δ instead of −½Δ (the fused path is correct)",
            ["study-sl-1d-time-distinct-strang"], (p, dt, b) => new GeneralPathKineticSign(p, dt, b)),
        SplitStep("general-path-potential-half-stage",
            "general path only: each potential stage applies e^{−iV_jτ/2}, half its weight, instead of e^{−iV_jτ}",
            ["study-sl-1d-time-distinct-strang"], (p, dt, b) => new GeneralPathHalfPotential(p, dt, b)),
        SplitStep("fused-path-gram-unconjugated",
            "fused path (identical potentials) only: the carried Gram matrix is updated as C G Cᵀ instead of conj(C) G Cᵀ",
            ["sl-1d-n4-correlation-ode"], (p, dt, b) => new FusedGramUnconjugated(p, dt, b)),
        WignerLohe("wl-transport-sign",
            "W-L transport step solves ∂t w − p·∇x w = 0 (phase e^{+ik·p τ}): mass moves against its momentum",
            (p, dt, b) => new ReversedTransport(p, dt, b)),
        WignerLohe("wl-theta-full-displacement",
            "W-L Θ[V] step evaluates V(x ± y) instead of V(x ± y/2) (the half-displacement of Definition 1.1 dropped)",
            (p, dt, b) => new FullDisplacementTheta(p, dt, b)),
        new SeededBug("kuramoto-rhs-sum-angle",
            "Kuramoto right-hand side: the mean-field identity slipped to (K/N) Σ_k sin(θ_k + θ_j) = (K/N)(S cos θ_j + C sin θ_j) instead of sin(θ_k − θ_j)",
            "kuramoto", ["ku-adler-locked"], () => new BuggedKuramotoAdapter(rightHandSide: p => new SumAngleMeanField(p))),
    ];

    private static SeededBug SplitStep(string id, string defect, string[] witnesses,
        Func<SchrodingerLoheProblem, double, IFftBackend?, SchrodingerLoheOperators> operators) =>
        new(id, defect, "split-step", witnesses, () => new BuggedSplitStepAdapter(new SplitStepVariant { Operators = operators }));

    private static SeededBug WignerLohe(string id, string defect, Func<WignerLoheProblem, double, IFftBackend?, WignerLoheOperators> operators) =>
        new(id, defect, "spectral-wl", ["wl-1d-n2-cross-level"], () => new BuggedWignerLoheAdapter(operators: operators));
}
