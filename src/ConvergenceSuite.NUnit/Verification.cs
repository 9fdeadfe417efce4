using System.Globalization;
using System.Text;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using NUnit.Framework;

namespace ConvergenceSuite.NUnit;

/// <summary>
/// NUnit assertions on a case's result. They are as strict as the verify verb's exit code: a check that is
/// Inconclusive fails the assertion too (a run that could not decide has not shown the solver right), and the
/// failure message lists every check that did not pass with its own message.
/// </summary>
public static class Verification
{
    /// <summary>Fails unless the case ran and every check passed.</summary>
    public static void AssertAllChecksPass(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var check in result.Checks) TestContext.Out.WriteLine($"{check.CheckId}: {check.Verdict}: {check.Message}");
        if (result.Error is not null) Assert.Fail($"case {result.CaseId} did not run: {result.Error}");
        var bad = result.Checks.Where(c => c.Verdict != Verdict.Pass).ToList();
        if (result.Checks.Count == 0) Assert.Fail($"case {result.CaseId} ran no checks");
        if (bad.Count > 0)
        {
            var message = new StringBuilder($"case {result.CaseId} ({result.Solver}): {bad.Count} of {result.Checks.Count} checks did not pass");
            foreach (var c in bad) message.Append(CultureInfo.InvariantCulture, $"\n  {c.CheckId}: {c.Verdict}: {c.Message}");
            Assert.Fail(message.ToString());
        }
    }

    /// <summary>Fails unless the case's study (the one check that carries a study table, or the check
    /// <paramref name="checkId"/>) observed an order within ±<paramref name="tolerance"/> of <paramref name="expected"/>.
    /// The tolerance is the caller's statement of how far the fitted slope may be from nominal.</summary>
    public static void AssertObservedOrder(CaseResult result, double expected, double tolerance, string? checkId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Error is not null) Assert.Fail($"case {result.CaseId} did not run: {result.Error}");
        var studies = result.Checks.Where(c => c.Study is not null && (checkId is null || c.CheckId == checkId)).ToList();
        if (studies.Count != 1)
            Assert.Fail($"case {result.CaseId}: expected one study{(checkId is null ? "" : $" from check '{checkId}'")}, found {studies.Count} ({string.Join(", ", studies.Select(s => s.CheckId))}); name the check");
        var table = studies[0].Study!;
        var observed = table.Rate;
        if (!double.IsFinite(observed) || Math.Abs(observed - expected) > tolerance)
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"case {result.CaseId}: {studies[0].CheckId} observed order {observed:F3} ± {table.RateStandardError:F3} ({table.Scheme}, {table.Quantity}); expected {expected} ± {tolerance}"));
    }
}
