using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>A check turns a trajectory (and, for studies, further solver runs) into a verdict with evidence.</summary>
public interface ICheck
{
    /// <summary>Stable id, e.g. "lemma-4.1", used in case files, summaries and JUnit.</summary>
    string Id { get; }

    /// <summary>What the check verifies, in one sentence with the paper's numbering.</summary>
    string Statement { get; }

    /// <summary>Evaluates the check on the context's trajectory (running the solver again where the check needs further
    /// runs) and returns the verdict with its evidence.</summary>
    CheckResult Evaluate(CheckContext context);
}
