namespace ConvergenceSuite.Harness.Claims;

/// <summary>
/// Runs shared by several entries of ONE ledger run (e.g. the phase-space ladder all lines of (2)/(13) are evaluated
/// on). <see cref="ClaimsLedger.Run"/> clears it before and after each run, so runs never share results and repeated
/// runs recompute everything. Entries are evaluated one after another; the lock only guards against misuse.
/// </summary>
public static class LedgerCache
{
    private static readonly Dictionary<string, object> Items = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>The cached value for <paramref name="key"/>, created by <paramref name="factory"/> on first use.</summary>
    public static T Get<T>(string key, Func<T> factory) where T : class
    {
        lock (Gate)
        {
            if (Items.TryGetValue(key, out var v)) return (T)v;
            var created = factory();
            Items[key] = created;
            return created;
        }
    }

    /// <summary>Drops (and disposes) every cached run.</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            foreach (var v in Items.Values) (v as IDisposable)?.Dispose();
            Items.Clear();
        }
    }
}
