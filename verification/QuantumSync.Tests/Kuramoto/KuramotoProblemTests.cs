using NUnit.Framework;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Solvers.Kuramoto;
using Shouldly;

namespace QuantumSync.Tests.Kuramoto;

public class KuramotoProblemTests
{
    [Test]
    public void Constructor_NaNNaturalFrequency_ThrowsNamingTheOscillator()
    {
        var ex = Should.Throw<ArgumentException>(() => new KuramotoProblem([0.1, double.NaN, 0.3], 1, [0, 0, 0]));
        ex.Message.ShouldContain("oscillator 1");
        ex.Message.ShouldContain("Ω");
    }

    [Test]
    public void Constructor_InfiniteInitialPhase_Throws() =>
        Should.Throw<ArgumentException>(() => new KuramotoProblem([0.1, 0.2], 1, [0, double.PositiveInfinity]))
            .Message.ShouldContain("θ(0)");

    [Test]
    public void Constructor_NaNCoupling_Throws() =>
        Should.Throw<ArgumentException>(() => new KuramotoProblem([0.1, 0.2], double.NaN, [0, 0])).Message.ShouldContain("coupling K");

    [Test]
    public void Constructor_MismatchedLengths_ThrowsWithBothLengths()
    {
        var ex = Should.Throw<ArgumentException>(() => new KuramotoProblem([0.1, 0.2, 0.3], 1, [0, 0]));
        ex.Message.ShouldContain("3");
        ex.Message.ShouldContain("2");
    }

    [Test]
    public void Constructor_NoOscillators_Throws() =>
        Should.Throw<ArgumentException>(() => new KuramotoProblem([], 1, [])).Message.ShouldContain("N ≥ 1");

    [TestCase(0)]
    [TestCase(-5)]
    public void FrequencySamplers_NonPositiveN_Throw(int n)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => LorentzianKuramoto.QuantileFrequencies(n, 1)).Message.ShouldContain("N must be ≥ 1");
        Should.Throw<ArgumentOutOfRangeException>(() => LorentzianKuramoto.RandomFrequencies(n, 1, seed: 1));
        Should.Throw<ArgumentOutOfRangeException>(() => LorentzianKuramoto.UniformRandomPhases(n, seed: 1));
        Should.Throw<ArgumentOutOfRangeException>(() => LorentzianKuramoto.IncoherentRmsOrderParameter(0.5, 1, n));
    }

    [Test]
    public void Constructor_CopiesItsInputs()
    {
        double[] omega = [0.1, 0.2];
        var problem = new KuramotoProblem(omega, 1, [0, 0]);
        omega[0] = 99;
        problem.NaturalFrequencies[0].ShouldBe(0.1);
    }

    [Test]
    public void Solve_BadSampleTimes_Throw()
    {
        var problem = new KuramotoProblem([0.1, 0.2], 1, [0, 0]);
        foreach (var scheme in KuramotoSchemes.All)
        {
            Should.Throw<ArgumentException>(() => KuramotoSolver.Solve(problem, scheme, KuramotoTestSettings.Tight, [0, 2, 1])).Message.ShouldContain("increase");
            Should.Throw<ArgumentException>(() => KuramotoSolver.Solve(problem, scheme, KuramotoTestSettings.Tight, [0, double.NaN]));
            Should.Throw<ArgumentException>(() => KuramotoSolver.Solve(problem, scheme, KuramotoTestSettings.Tight, [-1, 1]));
            Should.Throw<ArgumentException>(() => KuramotoSolver.Solve(problem, scheme, KuramotoTestSettings.Tight, []));
        }
    }

    [Test]
    public void Solve_BadStepSettings_Throw()
    {
        var problem = new KuramotoProblem([0.1, 0.2], 1, [0, 0]);
        Should.Throw<ArgumentException>(() => KuramotoSolver.Solve(problem, KuramotoSchemes.Rk4, KuramotoSolverOptions.FixedStep(0), [0, 1]));
        Should.Throw<ArgumentException>(() => KuramotoSolver.Solve(problem, KuramotoSchemes.Rk4, KuramotoSolverOptions.FixedStep(double.NaN), [0, 1]));
        Should.Throw<ArgumentException>(() => KuramotoSolver.Solve(problem, KuramotoSchemes.DormandPrince54, KuramotoSolverOptions.Adaptive(0, 0), [0, 1]));
        Should.Throw<ArgumentException>(() => KuramotoSolver.Solve(problem, KuramotoSchemes.DormandPrince54, KuramotoSolverOptions.Adaptive(-1, 1e-6), [0, 1]));
    }

    [Test]
    public void Find_UnknownScheme_ListsKnownOnes() =>
        Should.Throw<ArgumentException>(() => KuramotoSchemes.Find("euler")).Message.ShouldContain("rk4");
}
