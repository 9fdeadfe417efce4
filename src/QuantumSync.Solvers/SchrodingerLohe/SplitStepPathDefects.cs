namespace QuantumSync.Solvers.SchrodingerLohe;

/// <summary>Seeded defects confined to one path of <see cref="SplitStepSolver"/> (general or fused); defaults correct.</summary>
internal sealed partial record SplitStepDefects
{
    /// <summary>General path (distinct potentials) only: sign of the kinetic phase; +1 is e^{−i|k|²τ/2} (−½Δ), −1 gives +½Δ.</summary>
    public double GeneralKineticSign { get; init; } = 1;

    /// <summary>General path only: weight of the potential stage; 1 is e^{−iV_jτ}, 0.5 applies half the stage.</summary>
    public double GeneralPotentialWeight { get; init; } = 1;

    /// <summary>Fused path only: the carried Gram matrix is updated as conj(C) G Cᵀ (true) or, defect, as C G Cᵀ.</summary>
    public bool FusedGramConjugate { get; init; } = true;
}
