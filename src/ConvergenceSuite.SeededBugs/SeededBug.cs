using ConvergenceSuite.Abstractions;

namespace ConvergenceSuite.SeededBugs;

/// <summary>
/// A deliberately wrong solver: a variant of a real one (<paramref name="Replaces"/>, the name cases select) with
/// exactly one defect. The gallery substitutes it for the real solver, cases unchanged, and records which checks fail.
/// </summary>
/// <param name="Id">Stable id, e.g. "coupling-sign".</param>
/// <param name="Defect">The one defect, in words, with the correct form it replaces.</param>
/// <param name="Replaces">Name of the real solver it impersonates ("split-step", "kuramoto", …).</param>
/// <param name="Witnesses">Cheap quick-tier cases expected to catch it (the CI test runs only these).</param>
/// <param name="Create">Builds the bugged solver under test; its <see cref="ISolverUnderTest.Name"/> equals <paramref name="Replaces"/>.</param>
public sealed record SeededBug(string Id, string Defect, string Replaces, IReadOnlyList<string> Witnesses, Func<ISolverUnderTest> Create);

/// <summary>A group of seeded bugs (one per solver family). Found by reflection in this assembly (ConvergenceSuite.SeededBugs), so a new family
/// (e.g. Wigner-Lohe) is a new file with its entries.</summary>
public interface ISeededBugCatalogue
{
    IEnumerable<SeededBug> Bugs { get; }
}

/// <summary>All seeded bugs of every <see cref="ISeededBugCatalogue"/>, ordered by catalogue then declaration.</summary>
public static class SeededBugRegistry
{
    private static readonly Lazy<IReadOnlyList<SeededBug>> Bugs = new(() =>
    {
        var all = typeof(ISeededBugCatalogue).Assembly.GetTypes()
            .Where(t => typeof(ISeededBugCatalogue).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => ((ISeededBugCatalogue)Activator.CreateInstance(t)!).Bugs)
            .ToList();
        var dup = all.GroupBy(b => b.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidOperationException($"Seeded bug id '{dup.Key}' is defined twice.");
        return all;
    });

    public static IReadOnlyList<SeededBug> All => Bugs.Value;
}
