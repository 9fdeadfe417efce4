using System.Numerics;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>Small shared pieces of the checks: verdicts that NaN can never pass, and series builders.</summary>
public static class CheckHelpers
{
    /// <summary>Pass only when <paramref name="measured"/> ≤ <paramref name="tolerance"/>; NaN fails.</summary>
    public static Verdict AtMost(double measured, double tolerance) => measured <= tolerance ? Verdict.Pass : Verdict.Fail;

    /// <summary>max over a sequence, NaN-propagating (Enumerable.Max ignores nothing but compares NaN as smallest).</summary>
    public static double MaxOrNaN(IEnumerable<double> values)
    {
        var max = double.NegativeInfinity;
        var any = false;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) return double.NaN;
            any = true;
            if (v > max) max = v;
        }
        return any ? max : double.NaN;
    }

    /// <summary>True if any entry of any matrix is NaN or infinite.</summary>
    public static bool HasNonFinite(IEnumerable<Complex[]> matrices) =>
        matrices.Any(m => m.Any(v => !double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary)));

    /// <summary>A plot series y(x); <paramref name="reference"/> marks a closed form, bound or tolerance line rather than solver output.</summary>
    public static Series Curve(string name, IReadOnlyList<double> x, IEnumerable<double> y, bool reference = false) =>
        new(name, x.ToArray(), y.ToArray(), reference);

    /// <summary>The named numbers a check reports as its evidence.</summary>
    public static Dictionary<string, double> Evidence(params (string Key, double Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value);
}
