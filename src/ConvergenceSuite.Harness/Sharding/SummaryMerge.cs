using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Sharding;

/// <summary>Shards that cannot be merged (overlapping cases, different tiers or filters, nothing to merge).</summary>
public sealed class MergeException(string message) : Exception(message);

/// <summary>
/// Combines the summaries of the shards of one run into the summary of the whole run: the cases of every shard, sorted
/// by case id; the environment of the earliest shard (its date is the run's start) with the commit marked "mixed" when
/// shards ran different commits; coverage and the claims ledger's run from the shard that has them. Shards must agree on tier and case filter and
/// must not share a case.
/// </summary>
public static class SummaryMerge
{
    /// <summary>Merges the shard summaries (see the class summary); <paramref name="runId"/> names the merged run (default: derived from the first shard's id). Throws <see cref="MergeException"/> when they do not belong together.</summary>
    public static VerificationSummary Merge(IReadOnlyList<VerificationSummary> shards, string? runId = null)
    {
        if (shards.Count == 0) throw new MergeException("no shard summaries to merge");
        var tiers = shards.Select(s => s.Environment.Tier).Distinct(StringComparer.Ordinal).ToList();
        if (tiers.Count > 1) throw new MergeException($"the shards ran different tiers: {string.Join(", ", tiers)}");
        var filters = shards.Select(s => s.Environment.CaseFilter ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (filters.Count > 1) throw new MergeException($"the shards ran different case filters: {string.Join(", ", filters.Select(f => f.Length == 0 ? "(none)" : f))}");
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in shards)
        foreach (var c in s.Cases)
        {
            if (owner.TryGetValue(c.CaseId, out var other))
                throw new MergeException($"case '{c.CaseId}' appears in shard {other} and in shard {s.RunId}: the shards overlap");
            owner[c.CaseId] = s.RunId;
        }
        // The ledger runs in one shard (the first, by default); its run travels with the merged summary.
        var claims = shards.Where(s => s.Claims is not null).Select(s => s.Claims!).ToList();
        if (claims.Count > 1)
            throw new MergeException($"the claims ledger ran in {claims.Count} shards ({string.Join(", ", shards.Where(s => s.Claims is not null).Select(s => s.RunId))}); it must run in one");
        var first = shards.OrderBy(s => s.Environment.Date).First();
        var commits = shards.Select(s => s.Environment.GitCommit).Distinct(StringComparer.Ordinal).ToList();
        var environment = commits.Count == 1 ? first.Environment : first.Environment with { GitCommit = $"mixed: {string.Join(", ", commits)}" };
        var cases = shards.SelectMany(s => s.Cases).OrderBy(c => c.CaseId, StringComparer.Ordinal).ToList();
        return new VerificationSummary(runId ?? MergedRunId(first.RunId), environment, cases)
        {
            Coverage = shards.Select(s => s.Coverage).FirstOrDefault(c => c is not null),
            Claims = claims.FirstOrDefault(),
        };
    }

    /// <summary>"20250314-150926-quick-shard2of4" → "20250314-150926-quick-merged".</summary>
    public static string MergedRunId(string shardRunId)
    {
        var at = shardRunId.LastIndexOf("-shard", StringComparison.Ordinal);
        return (at > 0 ? shardRunId[..at] : shardRunId) + "-merged";
    }

    /// <summary>The run id of a shard: the run id with "-shard{i}of{n}" appended (nothing for the whole run).</summary>
    public static string ShardRunId(string runId, Shard shard) => shard.Count == 1 ? runId : $"{runId}-shard{shard.Index}of{shard.Count}";
}
