using System.Numerics;
using ConvergenceSuite.Cli;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Claims;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Claims;
using NUnit.Framework;
using QuantumSync.Models.Hydrodynamics;
using QuantumSync.Models.Reductions;
using Shouldly;
using static ConvergenceSuite.Harness.Claims.ClaimCriteria;

namespace ConvergenceSuite.Tests.Claims;

/// <summary>The ledger's own machinery: planted true statements come out "holds", planted false ones "violated".</summary>
public class LedgerMachineryTests
{
    private static readonly double[] Times = ClaimRuns.Uniform(40, 0.05);

    /// <summary>A planted rate statement "|1 − z12(t)| ≲ e^{−λt}" for (16) with z0 = 0.3 + 0.2i, K = 1, confirmed (when
    /// violated) by comparing with the Lemma 4.1 closed form.</summary>
    private static ClaimEntry PlantedRate(double claimedRate) => new($"planted-rate-{claimedRate}", "planted", $"|1 − z| ≲ e^{{−{claimedRate}t}}", "test", true, _ =>
    {
        Complex z0 = new(0.3, 0.2);
        var ode = CorrelationOde.Solve([1, z0, Complex.Conjugate(z0), 1], 2, 1.0, Times).Select(m => Complex.Abs(1 - m[1])).ToArray();
        var fit = FitRate(Times, ode, 1e-10, 1e-3);
        var verdict = RateVerdict(fit, claimedRate);
        var closed = Times.Select(t => Complex.Abs(Lemma41.OneMinusZ(z0, 1.0, t))).ToArray();
        var closedFit = FitRate(Times, closed, 1e-10, 1e-3);
        return new ClaimEvaluation(
            [new ClaimTest("z0 = 0.3 + 0.2i", verdict, Rate(fit), Evidence(("rate", fit!.Rate)), [])],
            new ClaimConfirmation("closed form", RateVerdict(closedFit, claimedRate) == Verdict.Fail, Rate(closedFit), Evidence(("rate", closedFit!.Rate))));
    });

    [Test]
    public void PlantedTrueRate_Holds() =>
        ClaimsLedger.Evaluate(PlantedRate(1.0), Tier.Quick).Verdict.ShouldBe(Verdict.Pass);

    [Test]
    public void PlantedWrongRate_IsViolatedWithConfirmation()
    {
        var outcome = ClaimsLedger.Evaluate(PlantedRate(2.0), Tier.Quick);
        outcome.Verdict.ShouldBe(Verdict.Fail);
        outcome.Confirmation!.Confirmed.ShouldBeTrue();
    }

    [Test]
    public void PlantedTrueBalanceLaw_Holds() =>
        ClaimCriteria.Combine(LedgerEntries.EvaluateLaw(BalanceLaw.Rho1, Tier.Quick).Tests.Select(t => t.Verdict)).ShouldBe(Verdict.Pass);

    [Test]
    public void PlantedSignFlippedBalanceLaw_IsViolatedConfirmedAndCorrected()
    {
        var flipped = BalanceLaws.SignFlipped(BalanceLaws.Printed(BalanceLaw.Rho1));
        var entry = new ClaimEntry("planted-rho1-flipped", "planted", flipped.Equation, "test", true,
            tier => LedgerEntries.EvaluateLaw(BalanceLaw.Rho1, tier, flipped, BalanceLaws.Printed(BalanceLaw.Rho1)));
        var outcome = ClaimsLedger.Evaluate(entry, Tier.Quick);
        outcome.Verdict.ShouldBe(Verdict.Fail);
        outcome.Confirmation!.Confirmed.ShouldBeTrue();
        outcome.Correction!.Verdict.ShouldBe(Verdict.Pass);
    }

    private sealed class Probe : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    [Test]
    public void LedgerCache_IsPerRun_AnotherThreadsRunNeitherSeesNorDisposesIt()
    {
        using (LedgerCache.Open())
        {
            var mine = LedgerCache.Get("k", () => new Probe());
            // Another ledger run on another thread, as a parallel test fixture is (not a child of this run).
            Task other;
            using (ExecutionContext.SuppressFlow()) other = Task.Run(() =>
            {
                LedgerCache.InScope.ShouldBeFalse();
                using (LedgerCache.Open())
                {
                    LedgerCache.Get("k", () => new Probe()).ShouldNotBeSameAs(mine);
                    LedgerCache.Clear();
                }
            });
            other.Wait();
            mine.Disposed.ShouldBeFalse();
            LedgerCache.Get("k", () => new Probe()).ShouldBeSameAs(mine);
            LedgerCache.Clear();
            mine.Disposed.ShouldBeTrue();
        }
        LedgerCache.InScope.ShouldBeFalse();
    }

    [Test]
    public void PlantedWrongSignInWignerLine_IsViolated()
    {
        // (2) line 3 with the s-term sign of the complex form is true; the printed one (opposite sign) is false.
        var data = LedgerEntries.WignerData2(Tier.Quick);
        // One cache scope for both evaluations: the second reuses the S-L route ladder of the first.
        using (LedgerCache.Open())
        {
            Combine(LedgerEntries.EvaluateWigner(WignerLines.CorrectedLine3, WignerLines.CorrectedLine3, data).Tests.Select(t => t.Verdict)).ShouldBe(Verdict.Pass);
            var outcome = ClaimsLedger.Evaluate(new ClaimEntry("planted-w", "planted", "", "", true, _ => LedgerEntries.EvaluateWigner(WignerLines.Eq2Line3, WignerLines.CorrectedLine3, data)), Tier.Quick);
            outcome.Verdict.ShouldBe(Verdict.Fail);
        }
    }

    [Test]
    public void Violation_WithoutConfirmation_IsRecordedInconclusive()
    {
        var entry = new ClaimEntry("x", "x", "x", "x", true, _ => new ClaimEvaluation([new ClaimTest("d", Verdict.Fail, "m", Evidence(("a", 1)), [])]));
        var outcome = ClaimsLedger.Evaluate(entry, Tier.Quick);
        outcome.Verdict.ShouldBe(Verdict.Inconclusive);
        outcome.Summary.ShouldContain("NOT confirmed");
        var unconfirmed = entry with { Evaluate = _ => new ClaimEvaluation([new ClaimTest("d", Verdict.Fail, "m", Evidence(("a", 1)), [])],
            new ClaimConfirmation("route", false, "m", Evidence())) };
        ClaimsLedger.Evaluate(unconfirmed, Tier.Quick).Verdict.ShouldBe(Verdict.Inconclusive);
    }

    [Test]
    public void Exception_IsAMachineryFailure_AndFailsTheSummaryCheck()
    {
        var entry = new ClaimEntry("boom", "boom", "q", "t", true, _ => throw new InvalidOperationException("solver diverged"));
        var run = ClaimsLedger.Run(Tier.Quick, entries: [entry]);
        run.Outcomes[0].Evaluated.ShouldBeFalse();
        run.Outcomes[0].Error!.ShouldContain("solver diverged");
        run.MachineryPassed.ShouldBeFalse();
        run.ToCaseResult().Checks[0].Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void NaNEvidence_IsAMachineryFailure()
    {
        var entry = new ClaimEntry("nan", "nan", "q", "t", true, _ => new ClaimEvaluation([new ClaimTest("d", Verdict.Pass, "m", Evidence(("rate", double.NaN)), [])]));
        var outcome = ClaimsLedger.Evaluate(entry, Tier.Quick);
        outcome.Evaluated.ShouldBeFalse();
        outcome.Error!.ShouldContain("non-finite");
    }

    [Test]
    public void ViolatedPaperStatement_DoesNotFailTheSummary()
    {
        var run = ClaimsLedger.Run(Tier.Quick, entries: [PlantedRate(2.0), PlantedRate(1.0)]);
        run.MachineryPassed.ShouldBeTrue();
        var result = run.ToCaseResult();
        result.Passed.ShouldBeTrue();
        result.Checks[0].Message.ShouldStartWith("paper: violated");
        result.Checks[0].Evidence["paper_verdict"].ShouldBe(-1);
        ClaimsCommand.Finish(run).ShouldBe(CommandLine.Success);
    }

    [Test]
    public void Criteria_RejectWrongData()
    {
        ResidualVerdict([1e-7, 1.6e-9, 2.5e-11]).ShouldBe(Verdict.Pass);
        ResidualVerdict([0.02, 0.02, 0.02]).ShouldBe(Verdict.Fail);
        ResidualVerdict([1e-3, 5e-4, 2.5e-4]).ShouldBe(Verdict.Inconclusive);
        ResidualVerdict([1e-3, double.NaN]).ShouldBe(Verdict.Inconclusive);
        BoundVerdict(0.9).ShouldBe(Verdict.Pass);
        BoundVerdict(1.27).ShouldBe(Verdict.Fail);
        BoundVerdict(double.NaN).ShouldBe(Verdict.Inconclusive);
        RateVerdict(new RateFit(0.5, 1e-4, 50, 0, 1), 1.0).ShouldBe(Verdict.Fail);
        RateVerdict(new RateFit(0.995, 1e-4, 50, 0, 1), 1.0).ShouldBe(Verdict.Pass);
        RateVerdict(null, 1.0).ShouldBe(Verdict.Inconclusive);
    }

    [Test]
    public void ClaimsSection_ShowsVerdictsConfirmationsAndFindings()
    {
        var run = ClaimsLedger.Run(Tier.Quick, entries: [PlantedRate(2.0), PlantedRate(1.0),
            new ClaimEntry("boom", "boom", "q", "t", true, _ => throw new InvalidOperationException("x"))]);
        var html = new ClaimsSection(run).RenderHtml(new VerificationSummary("r", Harness.Running.VerificationRunner.Environment(new(Tier.Quick)), [run.ToCaseResult()]));
        html.ShouldContain("violated");
        html.ShouldContain("<b>confirmed</b>");
        html.ShouldContain("NOT EVALUATED");
        html.ShouldContain("holds");
    }

    /// <summary>Verdicts and their numbers are the same in three runs of a representative subset (rates, bounds,
    /// residual ladders on both levels, the W-L solver, the exact reference).</summary>
    [Test]
    public void Verdicts_AreReproducibleOverThreeRuns()
    {
        string[] ids = ["theorem-2.3", "eq-13-line2", "eq-19-rho-d", "estimate-20", "theorem-4.2", "remark-3"];
        var entries = ClaimsLedger.Entries.Where(e => ids.Contains(e.Id)).ToList();
        entries.Count.ShouldBe(ids.Length);
        var runs = Enumerable.Range(0, 3).Select(_ => ClaimsLedger.Run(Tier.Quick, entries: entries)).ToList();
        foreach (var r in runs) r.MachineryPassed.ShouldBeTrue();
        for (var i = 1; i < 3; i++)
        {
            runs[i].Outcomes.Select(o => o.Verdict).ShouldBe(runs[0].Outcomes.Select(o => o.Verdict));
            runs[i].Outcomes.Select(o => o.Summary).ShouldBe(runs[0].Outcomes.Select(o => o.Summary));
        }
    }

    [Test, Category("Slow")]
    public void QuickTier_EveryEntryEvaluated_SameVerdictsOverThreeRuns()
    {
        var runs = Enumerable.Range(0, 3).Select(_ => ClaimsLedger.Run(Tier.Quick)).ToList();
        runs[0].MachineryPassed.ShouldBeTrue();
        runs[0].Outcomes.Count.ShouldBe(ClaimsLedger.Entries.Count(e => e.Quick));
        for (var i = 1; i < 3; i++) runs[i].Outcomes.Select(o => (o.Id, o.Verdict)).ShouldBe(runs[0].Outcomes.Select(o => (o.Id, o.Verdict)));
    }

    [Test]
    public void EveryViolationOfTheQuickTier_CarriesAConfirmedIndependentRoute()
    {
        // The ledger's rule, applied to the real entries that are violated in the quick tier.
        string[] violated = ["theorem-2.3", "eq-2-line3", "eq-19-rho-d", "estimate-20"];
        var run = ClaimsLedger.Run(Tier.Quick, entries: ClaimsLedger.Entries.Where(e => violated.Contains(e.Id)));
        foreach (var o in run.Outcomes)
        {
            o.Verdict.ShouldBe(Verdict.Fail, o.Id);
            o.Confirmation!.Confirmed.ShouldBeTrue(o.Id);
            o.Correction!.Verdict.ShouldBe(Verdict.Pass, o.Id);
        }
    }

    [Test]
    public void ClaimsVerb_OneEntry_ExitsZeroAndWritesTheClaimsPage()
    {
        var dir = Directory.CreateTempSubdirectory("claims-");
        try
        {
            CommandLine.Run(["claims", "--entry", "lemma-4.1", "--out", dir.FullName]).ShouldBe(CommandLine.Success);
            File.ReadAllText(Path.Combine(dir.FullName, "index.html")).ShouldContain("id=\"claims\"");
            CommandLine.Run(["claims", "--entry", "no-such-entry", "--out", dir.FullName]).ShouldBe(CommandLine.UsageError);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
