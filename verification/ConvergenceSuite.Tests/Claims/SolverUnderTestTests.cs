using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Cli;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Claims;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.Harness.Summary;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Claims;

/// <summary>
/// The ledger takes its solutions from the solver under test: a deliberately wrong solver changes the verdicts of the
/// entries that use solutions, not those of the entries on the harness's own references; a model the selected solver
/// lacks makes its entries inconclusive with the reason, with no fallback to a built-in solver.
/// </summary>
public class SolverUnderTestTests
{
    /// <summary>A wrong S-L solver: the built-in split-step run with HALF the coupling K (as if a factor 1/2 were lost in
    /// the coupling term), reported under its own name.</summary>
    private sealed class HalfCouplingSolver : ISolverUnderTest
    {
        private readonly SplitStepAdapter _inner = new();

        public string Name => "half-coupling";

        public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.SchrodingerLohe];

        public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
        {
            var s = (SchrodingerLoheSpec)problem;
            var wrong = new SchrodingerLoheSpec(s.Lengths, s.GridPoints, s.Coupling / 2, s.Potentials, s.Initial, s.Normalise, s.FinalTime, s.SampleTimes);
            return _inner.Run(wrong, resolution, storeStates, sampleTimes, cancellation);
        }
    }

    /// <summary>Entries on S-L solutions (rate, residual and bound statements) and one on the harness's own ODE.</summary>
    private static readonly string[] Ids = ["theorem-2.4", "ode-16", "theorem-2.3", "lemma-4.1"];

    private static Dictionary<string, ClaimOutcome> Run(ClaimSolvers? solvers) =>
        ClaimsLedger.Run(Tier.Quick, entries: ClaimsLedger.Entries.Where(e => Ids.Contains(e.Id)), solvers: solvers).Outcomes.ToDictionary(o => o.Id);

    [Test]
    public void AWrongSolver_ChangesTheSolutionDependentVerdicts_NotTheIndependentOnes()
    {
        var builtIn = Run(null);
        var wrong = Run(new ClaimSolvers([new HalfCouplingSolver()]));

        // The built-in solver: the verdicts the ledger records for the paper (Theorem 2.3 violated, the others hold).
        builtIn.Values.Select(o => (o.Id, o.Verdict)).ShouldBe(
            [("theorem-2.3", Verdict.Fail), ("theorem-2.4", Verdict.Pass), ("ode-16", Verdict.Pass), ("lemma-4.1", Verdict.Pass)], ignoreOrder: true);

        // Half the coupling: |1 − z| decays at K/2, and (16) with K no longer fits; without an independent confirmation the
        // ledger records that as inconclusive (the paper is not blamed for the solver), but it no longer "holds".
        wrong["theorem-2.4"].Verdict.ShouldNotBe(Verdict.Pass);
        wrong["theorem-2.4"].Tests[0].Verdict.ShouldBe(Verdict.Fail);
        wrong["theorem-2.4"].Tests[0].Evidence["fitted_rate"].ShouldBe(0.5, 0.02);
        wrong["ode-16"].Verdict.ShouldNotBe(Verdict.Pass);
        // Theorem 2.3's measured ratio moves with the solver; its confirmation is the closed form, which does not.
        wrong["theorem-2.3"].Tests[0].Evidence["max_ratio"].ShouldBeGreaterThan(builtIn["theorem-2.3"].Tests[0].Evidence["max_ratio"]);
        wrong["theorem-2.3"].Confirmation!.Evidence.ShouldBe(builtIn["theorem-2.3"].Confirmation!.Evidence);
        // Lemma 4.1 runs on the harness's own DOPRI5 integration of (16): untouched by the solver under test.
        wrong["lemma-4.1"].Verdict.ShouldBe(Verdict.Pass);
        wrong["lemma-4.1"].Tests.Select(t => t.Evidence).ShouldBe(builtIn["lemma-4.1"].Tests.Select(t => t.Evidence));
    }

    [Test]
    public void AModelTheSolverLacks_IsInconclusiveWithTheReason_NotServedByABuiltInSolver()
    {
        var run = ClaimsLedger.Run(Tier.Quick, entries: ClaimsLedger.Entries.Where(e => e.Id is "theorem-4.2" or "remark-3"),
            solvers: ClaimSolvers.Select(ClaimSolvers.BuiltIn.Solvers, "split-step"));
        run.MachineryPassed.ShouldBeTrue();
        run.Solvers.ShouldBe("split-step (SchrodingerLohe)");
        foreach (var o in run.Outcomes)
        {
            o.Verdict.ShouldBe(Verdict.Inconclusive);
            o.Summary.ShouldContain("split-step");
            o.Summary.ShouldContain("WignerLohe");
        }
    }

    [Test]
    public void TheRunRecordsWhichSolversProducedTheSolutions()
    {
        ClaimsLedger.Run(Tier.Quick, entries: ClaimsLedger.Entries.Where(e => e.Id == "lemma-4.1")).Solvers
            .ShouldBe("split-step (SchrodingerLohe), spectral-wl (WignerLohe)");
        var wrong = ClaimsLedger.Run(Tier.Quick, entries: ClaimsLedger.Entries.Where(e => e.Id == "lemma-4.1"), solvers: new ClaimSolvers([new HalfCouplingSolver()]));
        wrong.Solvers.ShouldBe("half-coupling (SchrodingerLohe)");
        wrong.ToCaseResult().Solver.ShouldStartWith("half-coupling");
    }

    [Test]
    public void ClaimsVerb_UnknownSolverName_IsAUsageErrorNamingTheKnownOnes()
    {
        var e = Should.Throw<UsageException>(() => ClaimsCommand.Solvers("no-such-solver", null));
        e.Message.ShouldContain("no-such-solver");
        e.Message.ShouldContain("split-step");
        ClaimsCommand.Solvers("spectral-wl", null).Names.ShouldBe("spectral-wl");
        ClaimsCommand.Solvers(null, null).Names.ShouldBe("split-step, spectral-wl");
    }
}
