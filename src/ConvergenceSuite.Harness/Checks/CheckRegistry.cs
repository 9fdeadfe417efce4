using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>Builds a check from its case-file object; throws <see cref="CaseFileException"/> on bad parameters.</summary>
public delegate ICheck CheckFactory(JsonFields fields, Problem problem);

/// <summary>
/// A group of checks (one per model level). Modules are found by reflection in the harness assembly, so adding a
/// check means adding a file, not editing a shared list.
/// </summary>
public interface ICheckModule
{
    IEnumerable<KeyValuePair<string, CheckFactory>> Factories { get; }
}

/// <summary>The Schrödinger-Lohe checks of the foundation.</summary>
public sealed class SchrodingerLoheCheckModule : ICheckModule
{
    public IEnumerable<KeyValuePair<string, CheckFactory>> Factories => new Dictionary<string, CheckFactory>(StringComparer.Ordinal)
    {
        ["norm-conservation"] = (f, _) => new NormConservationCheck(f.NumberOr("tolerance", NormConservationCheck.DefaultTolerance)),
        ["hermitian-correlation"] = (f, _) => new HermitianCorrelationCheck(f.NumberOr("tolerance", HermitianCorrelationCheck.DefaultTolerance)),
        ["correlation-psd"] = (f, p) => p switch
        {
            SchrodingerLoheSpec sl => new CorrelationPsdCheck(f.NumberOr("tolerance", CorrelationPsdCheck.DefaultTolerance), sl.Normalise),
            WignerLoheSpec wl => new CorrelationPsdCheck(f.NumberOr("tolerance", CorrelationPsdCheck.DefaultTolerance), wl.Normalise),
            _ => throw f.Error("id", $"the correlation matrix of model {p.Model} is not a Gram matrix of states; correlation-psd is for S-L and W-L cases"),
        },
        ["lemma-4.1"] = (f, p) =>
        {
            RequireIdenticalNormalised(f, p, "Lemma 4.1");
            if (p.Oscillators != 2) throw f.Error("id", $"Lemma 4.1 is for N = 2; this case has N = {p.Oscillators}");
            return new Lemma41Check(f.NumberOr("tolerance", Lemma41Check.DefaultTolerance));
        },
        ["correlation-ode"] = (f, p) =>
        {
            RequireIdenticalNormalised(f, p, "the correlation ODE");
            return new CorrelationOdeCheck(f.NumberOr("tolerance", CorrelationOdeCheck.DefaultTolerance));
        },
        ["theorem-2.4"] = (f, p) =>
        {
            if (p is SchrodingerLoheSpec { Normalise: false }) throw f.Error("id", "Theorem 2.4 assumes normalised data (normalise: true)");
            return new Theorem24Check(f.NumberOr("rateTolerance", double.NaN));
        },
        ["exact-reference"] = (f, p) =>
        {
            if (p is not SchrodingerLoheSpec spec) throw f.Error("id", "the exact factorised reference is for S-L cases");
            if (CheckContext.ExactReference(spec, spec.Grid(), out var reason) is null) throw f.Error("id", reason);
            return new ExactReferenceCheck(f.Number("tolerance"));
        },
        ["temporal-order"] = TemporalOrderCheck.Create,
    };

    private static void RequireIdenticalNormalised(JsonFields f, Problem p, string what)
    {
        if (p is not SchrodingerLoheSpec spec) throw f.Error("id", $"this form of {what} is for Schrödinger-Lohe cases; W-L cases use the wigner-* checks");
        {
            if (!spec.IdenticalPotentials) throw f.Error("id", $"{what} holds for identical potentials only");
            if (!spec.Normalise) throw f.Error("id", $"{what} assumes normalised data (normalise: true)");
        }
    }
}

/// <summary>
/// Maps a check id in a case file to its factory. Each factory reads its own parameters, rejects unknown ones and
/// refuses a case the check cannot apply to (naming the file and field), so misconfiguration is caught at load time.
/// </summary>
public static class CheckRegistry
{
    private static readonly Lazy<Dictionary<string, CheckFactory>> All = new(() =>
    {
        var factories = new Dictionary<string, CheckFactory>(StringComparer.Ordinal);
        foreach (var type in typeof(ICheckModule).Assembly.GetTypes()
                     .Where(t => typeof(ICheckModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var module = (ICheckModule)Activator.CreateInstance(type)!;
            foreach (var (id, factory) in module.Factories)
                if (!factories.TryAdd(id, factory)) throw new InvalidOperationException($"Check id '{id}' is registered twice (second by {type.Name}).");
        }
        return factories;
    });

    private static Dictionary<string, CheckFactory> Factories => All.Value;

    /// <summary>Ids of all registered checks.</summary>
    public static IReadOnlyCollection<string> Ids => Factories.Keys;

    public static ICheck Create(JsonFields fields, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var id = fields.String("id");
        if (!Factories.TryGetValue(id, out var factory))
            throw fields.Error("id", $"unknown check \"{id}\"; known: {string.Join(", ", Factories.Keys.Order(StringComparer.Ordinal))}");
        var check = factory(fields, problem);
        if (fields.Has("tolerance") && fields.Element.GetProperty("tolerance").GetDouble() <= 0)
            throw fields.Error("tolerance", "must be positive");
        fields.EnsureAllRead();
        return check;
    }
}
