namespace ConvergenceSuite.Convergence;

/// <summary>Outcome of one check.</summary>
public enum Verdict
{
    /// <summary>The check's criterion was met.</summary>
    Pass,
    /// <summary>The criterion was not met, or the data were invalid (NaN, missing quantity).</summary>
    Fail,
    /// <summary>The numbers cannot decide (e.g. the data never left the pre-asymptotic range).</summary>
    Inconclusive,
}
