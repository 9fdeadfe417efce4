namespace ConvergenceSuite.Abstractions;

/// <summary>Which solver, in which version and from which source revision, produced a case's results (each part as the
/// solver reported it; version and commit null when not given).</summary>
public sealed record SolverProvenance(string Name, string? Version, string? Commit)
{
    /// <summary>"name 1.2.0 (commit abc123)", leaving out what is unknown.</summary>
    public override string ToString() =>
        Name + (Version is null ? "" : " " + Version) + (Commit is null ? "" : $" (commit {Commit})");
}
