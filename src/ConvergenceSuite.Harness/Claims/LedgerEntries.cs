using ConvergenceSuite.Harness.Cases;

namespace ConvergenceSuite.Harness.Claims;

/// <summary>The ledger's catalogue: one entry per numbered statement, in the paper's order.</summary>
public static partial class LedgerEntries
{
    /// <summary>Every entry.</summary>
    public static IReadOnlyList<ClaimEntry> All { get; } =
    [
        Lemma21, Theorem23, Theorem24,
        WignerFirstLine, Eq2Line2, Eq2Line3, Eq13Line2, Eq13Line3, System14,
        Ode16, Lemma41, Theorem42, Remark3,
        .. HydrodynamicEntries,
        Estimate20, LimitDifference, LimitPair,
    ];

    private static IReadOnlyList<T> ByTier<T>(Tier tier, IReadOnlyList<T> quick, IReadOnlyList<T> fullOnly) =>
        tier == Tier.Quick ? quick : [.. quick, .. fullOnly];
}
