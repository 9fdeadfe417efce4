using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.NUnit;
using MySolver;
using NUnit.Framework;

namespace MySolver.Tests;

/// <summary>Every case file in cases/ as a test of NaiveStrangSolver, and its Strang order asserted.</summary>
public sealed class MySolverVerification
{
    private static readonly CaseVerifier Verifier = new(new NaiveStrangSolver());

    public static IEnumerable<TestCaseData> Cases() => VerificationCases.FromFolder("cases");

    [TestCaseSource(nameof(Cases))]
    public void Case(CaseDefinition c) => Verification.AssertAllChecksPass(Verifier.Run(c));

    [Test]
    public void StrangIsSecondOrder()
    {
        var study = VerificationCases.FromFolder("cases").Select(d => d.Arguments[0]).OfType<CaseDefinition>().Single(c => c.Id == "my-strang-order");
        Verification.AssertObservedOrder(Verifier.Run(study), expected: 2.0, tolerance: 0.1);
    }
}
