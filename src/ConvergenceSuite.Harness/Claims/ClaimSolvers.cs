using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.Harness.WignerLohe;

namespace ConvergenceSuite.Harness.Claims;

/// <summary>
/// The solvers under test a ledger run takes its solutions from: each model is served by the first solver that lists
/// it in <see cref="ISolverUnderTest.Models"/>. A model no selected solver runs is NOT served by a built-in solver
/// instead: <see cref="For"/> throws <see cref="UnservedEntryException"/>, and the entry that needed it is recorded as
/// inconclusive with that reason. The independent confirmations (closed forms, the exact factorised reference, the
/// harness's ODE integrations) never go through this selection.
/// </summary>
public sealed class ClaimSolvers
{
    /// <summary>Names of the built-in solvers the ledger uses by default, one per model it needs.</summary>
    public static readonly IReadOnlyList<string> DefaultNames = ["split-step", "spectral-wl"];

    private readonly IReadOnlyList<ISolverUnderTest> _solvers;

    /// <summary>A selection of one or more solvers; the first that runs a model serves it.</summary>
    public ClaimSolvers(IEnumerable<ISolverUnderTest> solvers)
    {
        ArgumentNullException.ThrowIfNull(solvers);
        _solvers = solvers.ToList();
        if (_solvers.Count == 0) throw new ArgumentException("The ledger needs at least one solver under test.", nameof(solvers));
    }

    /// <summary>The built-in split-step S-L solver and spectral W-L solver (the ledger's solvers before it ran through the
    /// solver-under-test interface).</summary>
    public static ClaimSolvers BuiltIn => new([new SplitStepAdapter(), new SpectralWignerLoheAdapter()]);

    /// <summary>
    /// The solvers of a run that has <paramref name="available"/> registered (built-in, loaded from assemblies, or a
    /// substituted seeded bug): with <paramref name="name"/> only the solver of that name; without, the solvers named
    /// <see cref="DefaultNames"/> among them. Throws <see cref="ArgumentException"/> naming the known solvers when the
    /// name is not registered.
    /// </summary>
    public static ClaimSolvers Select(IEnumerable<ISolverUnderTest> available, string? name = null)
    {
        var list = available.ToList();
        if (name is not null)
        {
            var chosen = list.FirstOrDefault(s => s.Name == name)
                ?? throw new ArgumentException($"no solver named '{name}' is registered; known: {string.Join(", ", list.Select(s => s.Name).Distinct())}");
            return new ClaimSolvers([chosen]);
        }
        var defaults = DefaultNames.Select(n => list.FirstOrDefault(s => s.Name == n)).OfType<ISolverUnderTest>().ToList();
        return defaults.Count > 0 ? new ClaimSolvers(defaults) : new ClaimSolvers(list);
    }

    /// <summary>The selected solvers, in order.</summary>
    public IReadOnlyList<ISolverUnderTest> Solvers => _solvers;

    /// <summary>The solver that serves <paramref name="model"/>; <see cref="UnservedEntryException"/> with the reason when
    /// none of the selected solvers runs it.</summary>
    public ISolverUnderTest For(ModelKind model) =>
        _solvers.FirstOrDefault(s => s.Models.Contains(model))
        ?? throw new UnservedEntryException($"the solver under test ({Names}) does not run {model} problems, which this entry needs");

    /// <summary>"split-step, spectral-wl": the selected solvers' names, recorded in the claims output.</summary>
    public string Names => string.Join(", ", _solvers.Select(s => s.Name));

    /// <summary>"split-step (SchrodingerLohe), spectral-wl (WignerLohe)": each solver with the models it serves here.</summary>
    public string Describe() => string.Join(", ", _solvers.Select(s =>
    {
        var served = s.Models.Where(m => ReferenceEquals(_solvers.FirstOrDefault(x => x.Models.Contains(m)), s)).ToList();
        return served.Count == 0 ? $"{s.Name} (serves no model)" : $"{s.Name} ({string.Join(", ", served)})";
    }));
}

/// <summary>The solver under test cannot serve a ledger entry (it lacks the model, a scheme or an output the entry needs,
/// or said so with <see cref="NotSupportedException"/>): the entry is inconclusive with this reason.</summary>
public sealed class UnservedEntryException(string message, Exception? inner = null) : NotSupportedException(message, inner);
