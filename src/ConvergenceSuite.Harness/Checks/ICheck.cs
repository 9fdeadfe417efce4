using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>A check turns a trajectory (and, for studies, further solver runs) into a verdict with evidence.</summary>
public interface ICheck
{
    /// <summary>Stable id, e.g. "lemma-4.1", used in case files, summaries and JUnit.</summary>
    string Id { get; }

    /// <summary>What the check verifies, in one sentence with the paper's numbering.</summary>
    string Statement { get; }

    CheckResult Evaluate(CheckContext context);
}
