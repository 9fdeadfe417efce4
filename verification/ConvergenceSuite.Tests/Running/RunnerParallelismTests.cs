using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Running;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Running;

/// <summary>Cases run concurrently (--jobs) give bit-for-bit the evidence of a sequential run.</summary>
public class RunnerParallelismTests
{
    /// <summary>Three cheap cases of different models.</summary>
    private static readonly string[] CaseIds = ["sl-1d-n3-unnormalised", "sl-1d-n4-correlation-ode", "ku-adler-locked"];

    private static IReadOnlyList<CaseDefinition> Cases() =>
        CaseLoader.LoadFolder(Path.Combine(TestContext.CurrentContext.TestDirectory, "cases")).Where(c => CaseIds.Contains(c.Id)).ToList();

    private static List<string> Evidence(int jobs)
    {
        var summary = new VerificationRunner().Run(Cases(), new RunOptions(Tier.Full, null, jobs), "test");
        return summary.Cases.SelectMany(c => c.Checks.SelectMany(k =>
                k.Evidence.Select(e => $"{c.CaseId}/{k.CheckId}/{e.Key}={BitConverter.DoubleToInt64Bits(e.Value)}")
                    .Prepend($"{c.CaseId}/{k.CheckId}:{k.Verdict}")))
            .ToList();
    }

    [Test]
    public void Run_OneJobAndTwoJobs_BitwiseIdenticalEvidence()
    {
        Cases().Count.ShouldBe(CaseIds.Length);
        var sequential = Evidence(1);
        sequential.ShouldNotBeEmpty();
        Evidence(2).ShouldBe(sequential);
        Evidence(2).ShouldBe(sequential);
    }
}
