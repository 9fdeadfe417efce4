using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Schema;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace ConvergenceSuite.NUnit;

/// <summary>
/// A <c>[TestCaseSource]</c> over a folder of case files: one test per case, named <c>Case_&lt;id&gt;</c>, full-tier
/// cases in category <c>Slow</c> (so <c>--filter "Category!=Slow"</c> keeps a quick CI tier). A case file that does
/// not load becomes a test of its own that fails with the loader's message (file, JSON path, problem), so one bad file
/// neither hides the others nor disappears from the run.
/// </summary>
/// <example>
/// <code>
/// public static IEnumerable&lt;TestCaseData&gt; Cases() =&gt; VerificationCases.FromFolder("cases");
/// [TestCaseSource(nameof(Cases))]
/// public void Case(CaseDefinition c) =&gt; Verification.AssertAllChecksPass(new CaseVerifier(new MySolver()).Run(c));
/// </code>
/// </example>
public static class VerificationCases
{
    /// <summary>The cases of <paramref name="folder"/> (searched recursively for *.json, schemas excepted). A relative
    /// folder is taken from the test assembly's directory first (where case files copied to the output land), then
    /// from the current directory.</summary>
    public static IEnumerable<TestCaseData> FromFolder(string folder)
    {
        var full = Resolve(folder);
        var load = CaseFolder.Load(full);
        foreach (var c in load.Cases)
        {
            var data = new TestCaseData(c).SetName($"Case_{c.Id}");
            data.Properties.Set("CaseFile", c.File);
            if (c.Tier == Tier.Full) data.SetCategory("Slow");
            yield return data;
        }
        foreach (var e in load.Errors)
        {
            // Not runnable: NUnit reports such a test as failed (not skipped), with this reason as its message.
            var data = new TestCaseData(new object?[] { null }) { RunState = RunState.NotRunnable }.SetName($"BadCaseFile_{Path.GetFileName(e.File)}");
            data.Properties.Set(PropertyNames.SkipReason, $"bad case file {e.File}: {e.JsonPath}: {e.Problem}");
            yield return data;
        }
    }

    private static string Resolve(string folder)
    {
        if (Path.IsPathRooted(folder)) return folder;
        var besideTests = Path.Combine(AppContext.BaseDirectory, folder);
        if (Directory.Exists(besideTests)) return besideTests;
        var fromCwd = Path.GetFullPath(folder);
        if (Directory.Exists(fromCwd)) return fromCwd;
        throw new DirectoryNotFoundException($"no case folder '{folder}' beside the test assembly ({besideTests}) or in the current directory ({fromCwd})");
    }
}
