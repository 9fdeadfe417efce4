using System.Runtime.CompilerServices;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;

namespace ConvergenceSuite.Harness.External;

/// <summary>
/// How to run an external solver: the program and its arguments (run without a shell; the problem folder is appended
/// as the last argument), the working directory (the case file's folder) and a wall-clock limit per run.
/// <see cref="Schemes"/>: the schemes the case declares for the external solver with their expected orders (the case's
/// <c>"external": { "schemes": [...] }</c>), or null when it declares none; see <see cref="Solvers.SchemeDeclarations.Of"/>.
/// </summary>
public sealed record ExternalCommand(IReadOnlyList<string> Command, string WorkingDirectory, double TimeoutSeconds,
    IReadOnlyList<DeclaredScheme>? Schemes = null)
{
    /// <summary>Default wall-clock limit of one run of the external process.</summary>
    public const double DefaultTimeoutSeconds = 600;

    /// <summary>Persistent mode (CONTRACT.md): the process is started once and serves every run of the case (the case's own
    /// run and every re-run of its studies) over a line protocol on stdin/stdout, instead of one process per run.</summary>
    public bool Persistent { get; init; }
}

/// <summary>
/// The "external" block of a case file (<c>"solver": "external"</c>), kept beside the case's problem: the runner hands
/// the problem to the solver under test, and <see cref="ExternalSolverAdapter"/> looks its command up here. Studies
/// re-run the solver with the same problem object, so they use the same command.
/// </summary>
public static class ExternalCommands
{
    /// <summary>The solver name that selects the external adapter.</summary>
    public const string SolverName = "external";

    private static readonly ConditionalWeakTable<Problem, ExternalCommand> Attached = new();

    /// <summary>Attaches a command to a problem (the loader does this; tests may too).</summary>
    public static void Attach(Problem problem, ExternalCommand command) => Attached.AddOrUpdate(problem, command);

    /// <summary>Ends the persistent process serving <paramref name="problem"/>'s command, if any (the runner calls this when
    /// a case ends, so a persistent solver lives for one case: its own run and its studies' ladders).</summary>
    public static void Release(Problem problem)
    {
        if (For(problem) is { Persistent: true } command) PersistentSolverProcess.Close(command);
    }

    /// <summary>The command attached to <paramref name="problem"/>, or null.</summary>
    public static ExternalCommand? For(Problem problem) => Attached.TryGetValue(problem, out var c) ? c : null;

    /// <summary>
    /// Reads "external": { "command": [...], "timeoutSeconds": s, "persistent": bool, "schemes": [{ "name": n, "order": p }, ...] }
    /// when the case names the external solver, and refuses the block for any other solver. Relative program paths
    /// (containing a '/') are resolved against the case file's folder, which is also the working directory. "persistent"
    /// (default false) serves every run of the case from one process (CONTRACT.md). "schemes" (optional) declares the
    /// external solver's schemes and their expected orders: the case's scheme and every study's must then be among them,
    /// and a study without a window judges the observed order against the declared one.
    /// </summary>
    public static void Read(JsonFields root, string solver, Problem problem)
    {
        var block = root.ObjectOr("external");
        if (solver != SolverName)
        {
            if (block is not null) throw root.Error("external", $"the external block needs \"solver\": \"{SolverName}\" (this case names \"{solver}\")");
            return;
        }
        if (block is null) throw root.Error("external", "required field is missing (\"solver\": \"external\" needs { \"command\": [...] })");
        if (problem is not (SchrodingerLoheSpec or KuramotoSpec or WignerLoheSpec))
            throw root.Error("solver", $"the external-process contract (verification/examples/CONTRACT.md) covers Schrödinger-Lohe, Wigner-Lohe and Kuramoto cases, not {problem.Model}");
        var element = block.Element.GetProperty("command");
        block.Ignore("command");
        if (element.ValueKind != System.Text.Json.JsonValueKind.Array || element.GetArrayLength() == 0
            || element.EnumerateArray().Any(e => e.ValueKind != System.Text.Json.JsonValueKind.String || string.IsNullOrEmpty(e.GetString())))
            throw block.Error("command", "expected a non-empty array of non-empty strings: the program and its arguments");
        var command = element.EnumerateArray().Select(e => e.GetString()!).ToList();
        var timeout = block.NumberOr("timeoutSeconds", ExternalCommand.DefaultTimeoutSeconds);
        if (!(timeout > 0)) throw block.Error("timeoutSeconds", $"must be positive; got {timeout}");
        var persistent = block.BooleanOr("persistent", false);
        var schemes = block.Has("schemes") ? ReadSchemes(block) : null;
        block.EnsureAllRead();
        var folder = Path.GetDirectoryName(Path.GetFullPath(root.File)) ?? Directory.GetCurrentDirectory();
        if (command[0].Contains('/') && !Path.IsPathRooted(command[0])) command[0] = Path.GetFullPath(Path.Combine(folder, command[0]));
        Attach(problem, new ExternalCommand(command, folder, timeout, schemes) { Persistent = persistent });
    }

    /// <summary>"schemes": a non-empty array of { "name": well-formed and distinct, "order": positive and finite }.</summary>
    private static IReadOnlyList<DeclaredScheme> ReadSchemes(JsonFields block)
    {
        var entries = block.Objects("schemes");
        if (entries.Count == 0) throw block.Error("schemes", "declare at least one scheme ({ \"name\": ..., \"order\": ... }), or leave the field out");
        var declared = new List<DeclaredScheme>();
        foreach (var entry in entries)
        {
            var name = entry.String("name");
            if (!Solvers.SchemeDeclarations.IsWellFormedName(name))
                throw entry.Error("name", $"'{name}' is not a scheme name (expected {Solvers.SchemeDeclarations.NamePattern})");
            var order = entry.Number("order");
            if (!(order > 0 && double.IsFinite(order))) throw entry.Error("order", $"an expected order must be positive and finite; got {order}");
            if (Solvers.SchemeDeclarations.Find(declared, name) is not null) throw entry.Error("name", $"scheme {name} is declared twice");
            entry.EnsureAllRead();
            declared.Add(new DeclaredScheme(name, order));
        }
        return declared;
    }
}
