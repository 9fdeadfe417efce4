using System.Text;
using System.Text.Json;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Running;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Running;

/// <summary>Issue 15 bounds: the loader's memory estimate, the per-case wall-clock budget and run cancellation.</summary>
[NonParallelizable] // CaseLoader.AvailableMemory is process-wide
public class BoundsTests
{
    private static string Case(string id, string points, string time, string extra = "") => $$"""
        {
          "id": "{{id}}", "model": "schrodinger-lohe", "coupling": 1.0,
          "grid": { "points": [{{points}}], "lengths": [24.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
          "oscillators": [ { "kind": "gaussian", "center": [-0.5], "momentum": [0.1], "width": 1.0 },
                           { "kind": "gaussian", "center": [0.5], "momentum": [-0.1], "width": 1.1 } ],
          "time": {{time}}, {{extra}}
          "checks": [ { "id": "norm-conservation" } ]
        }
        """;

    [Test]
    public void Estimate_OfTheIssuesGrid_IsGigabytes_AndOfASmallCaseMegabytes()
    {
        // 2 oscillators × 2²⁸ points × 16 B × 3 arrays = 24 GiB before any sample is stored: the arithmetic, by hand.
        using var huge = JsonDocument.Parse(Case("huge", "268435456", """{ "final": 1.0, "dt": 0.01 }""", "\"storeStates\": false,"));
        CaseMemory.Estimate(huge.RootElement).ShouldBe(2.0 * 268435456 * 16 * 3 + 2 * 2 * 2 * 16, 1.0);
        using var small = JsonDocument.Parse(Case("small", "80", """{ "final": 1.0, "dt": 0.01, "sampleEvery": 0.1 }"""));
        CaseMemory.Estimate(small.RootElement).ShouldBeLessThan(1e6);
    }

    [Test]
    public void Loader_RefusesACaseThatCannotFit_NamingCaseAndEstimate_BeforeAllocating()
    {
        var saved = CaseLoader.AvailableMemory;
        try
        {
            CaseLoader.AvailableMemory = () => 8.0 * (1L << 30);
            var e = Should.Throw<CaseFileException>(() => CaseLoader.Parse("huge.json", Encoding.UTF8.GetBytes(Case("huge-grid", "268435456", """{ "final": 1.0, "dt": 0.01 }"""))));
            e.Message.ShouldContain("case 'huge-grid' needs at least");
            e.Message.ShouldContain("GiB");
            var sampled = Should.Throw<CaseFileException>(() => CaseLoader.Parse("long.json", Encoding.UTF8.GetBytes(Case("endless", "80", """{ "final": 1e9, "dt": 0.01, "sampleEvery": 0.1 }"""))));
            sampled.Message.ShouldContain("case 'endless'");
            // the same small case loads: the estimate refuses only what cannot fit
            CaseLoader.Parse("ok.json", Encoding.UTF8.GetBytes(Case("ok", "80", """{ "final": 1.0, "dt": 0.01, "sampleEvery": 0.1 }"""))).Id.ShouldBe("ok");
        }
        finally
        {
            CaseLoader.AvailableMemory = saved;
        }
    }

    [Test]
    public void Budget_ExceededCase_EndsTimedOut_NamingTheBudget_OtherCasesRun()
    {
        // final = 1e9 with one sample: the solver would run for ever; a budget of 0.2 s stops it. The small case has no
        // budget of its own and the run's default (600 s) is far away, so it completes.
        var endless = CaseLoader.Parse("endless.json", Encoding.UTF8.GetBytes(Case("endless", "80", """{ "final": 1e9, "dt": 0.01 }""", "\"budgetSeconds\": 0.2,")));
        endless.BudgetSeconds.ShouldBe(0.2);
        var small = TestCases.Small(2, """{ "id": "norm-conservation" }""", final: 0.5);
        var summary = new VerificationRunner().Run([endless, small], new RunOptions(MaxParallelCases: 2, CaseBudgetSeconds: 600), "bounds");
        var timedOut = summary.Cases.Single(c => c.CaseId == "endless");
        timedOut.Error.ShouldNotBeNull();
        timedOut.Error.ShouldStartWith(VerificationRunner.TimedOutPrefix);
        timedOut.Error.ShouldContain("0.2 s");
        timedOut.Passed.ShouldBeFalse();
        summary.Cases.Single(c => c.CaseId != "endless").Passed.ShouldBeTrue();
    }

    [Test]
    public void BudgetField_MustBePositive()
    {
        Should.Throw<CaseFileException>(() => CaseLoader.Parse("b.json", Encoding.UTF8.GetBytes(Case("b", "80", """{ "final": 1.0, "dt": 0.01 }""", "\"budgetSeconds\": -1,"))))
            .Message.ShouldContain("budgetSeconds");
    }

    [Test]
    public void CancelledRun_Throws_NoSummary()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var small = TestCases.Small(2, """{ "id": "norm-conservation" }""", final: 0.5);
        Should.Throw<OperationCanceledException>(() => new VerificationRunner().Run([small, small], new RunOptions(MaxParallelCases: 2), "cancelled", cancellation: cts.Token));
    }
}
