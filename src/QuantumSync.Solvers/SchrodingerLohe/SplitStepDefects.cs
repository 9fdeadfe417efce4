using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ConvergenceSuite.Harness")]

namespace QuantumSync.Solvers.SchrodingerLohe;

/// <summary>
/// Deliberate single defects of <see cref="SplitStepSolver"/>, for the seeded-bug gallery of the verification harness
/// (ConvergenceSuite.Harness/SeededBugs) only. <see cref="None"/> is the correct solver, which the public constructor
/// uses; every field's default is the correct behaviour, and a defective solver changes exactly one of them.
/// Internal: production code cannot reach it.
/// </summary>
internal sealed partial record SplitStepDefects
{
    /// <summary>The correct solver.</summary>
    public static SplitStepDefects None { get; } = new();

    /// <summary>Sign of the Lohe term: +1 is eq. (4); −1 turns attraction into repulsion.</summary>
    public double CouplingSign { get; init; } = 1;

    /// <summary>True: the coupling's Gram matrix is G_mk = ⟨ψ_m, ψ_k⟩ = Σ conj(ψ_m) ψ_k dV; false drops the conjugation.</summary>
    public bool ConjugateGram { get; init; } = true;

    /// <summary>True: the coupling uses n_j = ‖ψ_j‖; false treats every state as normalised (n_j = 1) whatever its norm.</summary>
    public bool UseNorms { get; init; } = true;

    /// <summary>Factor of the kinetic operator: −½Δ (0.5) is eq. (4); 1 would be −Δ.</summary>
    public double KineticFactor { get; init; } = 0.5;

    /// <summary>False: axis a's wavenumbers are 2πn/L_a; true computes every axis' wavenumbers from the first axis' box
    /// length L_1 (invisible on square boxes).</summary>
    public bool WavenumbersFromFirstAxis { get; init; }
}
