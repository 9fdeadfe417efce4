using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Claims;

/// <summary>
/// Runs shared by several entries of ONE ledger run (e.g. the phase-space ladder all lines of (2)/(13) are evaluated
/// on). The cache is a scope: <see cref="ClaimsLedger.Run"/> (and <see cref="ClaimsLedger.Evaluate"/> outside a run) opens
/// one, and closing it disposes every cached run, so runs never share results and repeated runs recompute everything.
/// The scope flows with the execution context (<see cref="AsyncLocal{T}"/>), so ledger runs on different threads (e.g.
/// parallel test fixtures) each have their own and never clear or dispose each other's runs.
/// </summary>
public static class LedgerCache
{
    private static readonly AsyncLocal<Scope?> Current = new();

    /// <summary>True when a scope is open in this execution context.</summary>
    public static bool InScope => Current.Value is not null;

    /// <summary>Opens a scope (nested in the current one, which is restored on dispose).</summary>
    public static IDisposable Open()
    {
        var scope = new Scope(Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>The cached value for <paramref name="key"/> in the current scope, created by <paramref name="factory"/> on
    /// first use; outside any scope the value is created and not cached. The solver runs the factory made
    /// (<see cref="ClaimRuns.Recording{T}"/>) are recorded again for every later use, so each entry lists the runs its
    /// solutions came from.</summary>
    public static T Get<T>(string key, Func<T> factory) where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var scope = Current.Value;
        if (scope is null) return factory();
        if (scope.Items.TryGetValue(key, out var v))
        {
            ClaimRuns.Replay(scope.Runs[key]);
            return (T)v;
        }
        var (created, runs) = ClaimRuns.Recording(factory);
        scope.Items[key] = created;
        scope.Runs[key] = runs;
        return created;
    }

    /// <summary>Drops (and disposes) every run cached in the current scope.</summary>
    public static void Clear() => Current.Value?.Clear();

    private sealed class Scope(Scope? parent) : IDisposable
    {
        public Dictionary<string, object> Items { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, IReadOnlyList<ClaimSolverRun>> Runs { get; } = new(StringComparer.Ordinal);

        public void Clear()
        {
            foreach (var v in Items.Values) (v as IDisposable)?.Dispose();
            Items.Clear();
            Runs.Clear();
        }

        public void Dispose()
        {
            Clear();
            Current.Value = parent;
        }
    }
}
