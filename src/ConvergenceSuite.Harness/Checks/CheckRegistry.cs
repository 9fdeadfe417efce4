using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>
/// A group of checks (one per model level). Modules are found by reflection in the harness assembly, so adding a
/// check means adding a file, not editing a shared list. Each check's parameters are one record
/// (<see cref="CheckDefinition"/>), from which the reader and case.schema.json follow.
/// </summary>
public interface ICheckModule
{
    /// <summary>The module's checks.</summary>
    IEnumerable<CheckDefinition> Checks { get; }
}

/// <summary>The Schrödinger-Lohe checks of the foundation.</summary>
public sealed class SchrodingerLoheCheckModule : ICheckModule
{
    /// <inheritdoc />
    public IEnumerable<CheckDefinition> Checks =>
    [
        CheckDefinition.Of<NormConservationParameters>("norm-conservation", (p, _, _) => new NormConservationCheck(p.Tolerance)),
        CheckDefinition.Of<HermitianCorrelationParameters>("hermitian-correlation", (p, _, _) => new HermitianCorrelationCheck(p.Tolerance)),
        CheckDefinition.Of<CorrelationPsdParameters>("correlation-psd", (p, f, problem) => problem switch
        {
            SchrodingerLoheSpec sl => new CorrelationPsdCheck(p.Tolerance, sl.Normalise),
            WignerLoheSpec wl => new CorrelationPsdCheck(p.Tolerance, wl.Normalise),
            _ => throw f.Error("id", $"the correlation matrix of model {problem.Model} is not a Gram matrix of states; correlation-psd is for S-L and W-L cases"),
        }),
        CheckDefinition.Of<Lemma41Parameters>("lemma-4.1", (p, f, problem) =>
        {
            RequireIdenticalNormalised(f, problem, "Lemma 4.1");
            if (problem.Oscillators != 2) throw f.Error("id", $"Lemma 4.1 is for N = 2; this case has N = {problem.Oscillators}");
            return new Lemma41Check(p.Tolerance);
        }),
        CheckDefinition.Of<CorrelationOdeParameters>("correlation-ode", (p, f, problem) =>
        {
            RequireIdenticalNormalised(f, problem, "the correlation ODE");
            return new CorrelationOdeCheck(p.Tolerance);
        }),
        CheckDefinition.Of<Theorem24Parameters>("theorem-2.4", (p, f, problem) =>
        {
            if (problem is SchrodingerLoheSpec { Normalise: false }) throw f.Error("id", "Theorem 2.4 assumes normalised data (normalise: true)");
            return new Theorem24Check(p.RateTolerance ?? double.NaN);
        }),
        CheckDefinition.Of<ExactReferenceParameters>("exact-reference", (p, f, problem) =>
        {
            if (problem is not SchrodingerLoheSpec spec) throw f.Error("id", "the exact factorised reference is for S-L cases");
            if (CheckContext.ExactReference(spec, spec.Grid(), out var reason) is null) throw f.Error("id", reason);
            return new ExactReferenceCheck(p.Tolerance);
        }),
        CheckDefinition.Of<TemporalOrderParameters>("temporal-order", TemporalOrderCheck.Create),
    ];

    private static void RequireIdenticalNormalised(CheckSite f, Problem p, string what)
    {
        if (p is not SchrodingerLoheSpec spec) throw f.Error("id", $"this form of {what} is for Schrödinger-Lohe cases; W-L cases use the wigner-* checks");
        {
            if (!spec.IdenticalPotentials) throw f.Error("id", $"{what} holds for identical potentials only");
            if (!spec.Normalise) throw f.Error("id", $"{what} assumes normalised data (normalise: true)");
        }
    }
}

/// <summary>
/// Maps a check id in a case file to its <see cref="CheckDefinition"/>. The check's parameters record is read with
/// unknown members refused (<see cref="CheckParameterReader"/>), and its factory refuses a case the check cannot apply
/// to (naming the file and field), so misconfiguration is caught at load time.
/// </summary>
public static class CheckRegistry
{
    private static readonly Lazy<Dictionary<string, CheckDefinition>> All = new(() =>
    {
        var definitions = new Dictionary<string, CheckDefinition>(StringComparer.Ordinal);
        foreach (var type in typeof(ICheckModule).Assembly.GetTypes()
                     .Where(t => typeof(ICheckModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var module = (ICheckModule)Activator.CreateInstance(type)!;
            foreach (var definition in module.Checks)
                if (!definitions.TryAdd(definition.Id, definition)) throw new InvalidOperationException($"Check id '{definition.Id}' is registered twice (second by {type.Name}).");
        }
        return definitions;
    });

    /// <summary>Ids of all registered checks (modules in order of their full type names, each module's checks in its order).</summary>
    public static IReadOnlyCollection<string> Ids => All.Value.Keys;

    /// <summary>All registered checks, in the order of <see cref="Ids"/>.</summary>
    public static IReadOnlyCollection<CheckDefinition> Definitions => All.Value.Values;

    /// <summary>Builds the check the object <paramref name="fields"/> names by its "id", from its parameters record.</summary>
    /// <exception cref="CaseFileException">Unknown id, a parameter that breaks the record's contract, or a check that does not apply to the case.</exception>
    public static ICheck Create(JsonFields fields, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var id = fields.String("id");
        if (!All.Value.TryGetValue(id, out var definition))
            throw fields.Error("id", $"unknown check \"{id}\"; known: {string.Join(", ", All.Value.Keys.Order(StringComparer.Ordinal))}");
        return definition.Create(fields.Element, new CheckSite(fields.File, fields.Path), problem);
    }
}
