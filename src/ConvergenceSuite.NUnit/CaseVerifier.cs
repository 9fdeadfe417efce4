using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.NUnit;

/// <summary>Runs cases through the given solvers under test (and the built-in ones, unless told otherwise), as the
/// <c>verify</c> verb does, without the regression comparison (a user's solver has no reference data of ours).</summary>
public sealed class CaseVerifier
{
    private readonly VerificationRunner _runner;

    /// <summary>The solvers a case may name: <paramref name="solvers"/> and the built-in ones (a name in both is an error).</summary>
    public CaseVerifier(params ISolverUnderTest[] solvers) : this(solvers, includeBuiltIn: true)
    {
    }

    /// <summary>The solvers a case may name: <paramref name="solvers"/>, and the built-in ones when <paramref name="includeBuiltIn"/> (a name in both is an error).</summary>
    public CaseVerifier(IEnumerable<ISolverUnderTest> solvers, bool includeBuiltIn)
    {
        var list = solvers.ToList();
        if (includeBuiltIn) list.InsertRange(0, VerificationRunner.BuiltInSolvers());
        var clash = list.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException($"two solvers are named '{clash.Key}' ({string.Join(", ", clash.Select(s => s.GetType().FullName))}); a case names its solver, so names must be unique");
        _runner = new VerificationRunner(list);
    }

    /// <summary>Runs the case; <paramref name="solver"/>, when given, replaces the solver the case file names.</summary>
    public CaseResult Run(CaseDefinition definition, string? solver = null, CancellationToken cancellation = default) =>
        _runner.RunCase(solver is null ? definition : definition with { Solver = solver }, cancellation);
}
