using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Checks;

namespace ConvergenceSuite.Harness.Cases;

/// <summary>One verification case as loaded from verification/cases/*.json.</summary>
public sealed record CaseDefinition(
    string Id,
    string Description,
    Tier Tier,
    string File,
    string Sha256,
    Problem Problem,
    Resolution Resolution,
    string Solver,
    bool StoreStates,
    IReadOnlyList<ICheck> Checks)
{
    /// <summary>The case's wall-clock budget in seconds ("budgetSeconds"), or null for the run's default.</summary>
    public double? BudgetSeconds { get; init; }
}
