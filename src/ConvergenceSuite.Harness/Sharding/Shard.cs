using System.Globalization;

namespace ConvergenceSuite.Harness.Sharding;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (1-based, "--shard 2/4"). Items are sorted by a stable key (the case
/// id, ordinal comparison) and item number p (0-based in that order) belongs to shard (p mod n) + 1: deterministic,
/// independent of file-system order and machine, the shards are disjoint, their union is every item, and their sizes
/// differ by at most one.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole run as one shard.</summary>
    public static Shard All { get; } = new(1, 1);

    /// <summary>Parses "i/n" with 1 ≤ i ≤ n; throws <see cref="FormatException"/> naming the problem.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new FormatException($"a shard is written i/n (e.g. 2/4), not '{text}'");
        if (n < 1 || i < 1 || i > n) throw new FormatException($"shard {text}: need 1 ≤ i ≤ n");
        return new Shard(i, n);
    }

    /// <summary>The items of this shard, in key order.</summary>
    public IReadOnlyList<T> Select<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var (index, count) = (Index, Count);
        return items.OrderBy(key, StringComparer.Ordinal).Where((_, p) => p % count == index - 1).ToList();
    }

    /// <summary>"2/4".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
