using System.Numerics;
using NUnit.Framework;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Models.States;
using QuantumSync.Numerics;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.Splitting;
using Shouldly;

namespace QuantumSync.Tests.Solvers;

/// <summary>The shared splitting engine: the calls it makes on a model's operators, and the two S-L paths it runs.</summary>
public class SplittingEngineTests
{
    /// <summary>Records every call the engine makes.</summary>
    private sealed class Recorder : ISplittingOperators
    {
        public List<string> Calls { get; } = [];
        public void Kinetic(double fraction) => Calls.Add($"K{fraction:R}");
        public void Potential(double fraction) => Calls.Add($"V{fraction:R}");
        public void Coupling(double fraction) => Calls.Add($"C{fraction:R}");
        public void EndGroup() => Calls.Add("|");
        public void Materialise() => Calls.Add("M");
    }

    [Test]
    public void Strang_TwoSteps_MergesTheCouplingsAcrossTheStepAndEndsEachGroup()
    {
        var ops = new Recorder();
        var engine = new SplittingEngine(SplittingSchemes.Strang, 0.1, ops);
        engine.Advance(2);
        // Held back: the closing C/2 of step 2 waits for a stage of another operator or a read.
        ops.Calls.ShouldBe(["C0.5", "V0.5", "|", "K1", "V0.5", "C1", "V0.5", "|", "K1", "V0.5"]);
        engine.Flush();
        ops.Calls.Skip(10).ShouldBe(["C0.5", "|", "M"]);
        engine.StepsTaken.ShouldBe(2);
    }

    [Test]
    public void AdvanceTo_NotAMultipleOfDt_OrInThePast_IsRefused()
    {
        var engine = new SplittingEngine(SplittingSchemes.Strang, 0.1, new Recorder());
        Should.Throw<ArgumentException>(() => engine.AdvanceTo(0.15, CancellationToken.None)).Message.ShouldContain("not a multiple of dt");
        engine.AdvanceTo(0.3, CancellationToken.None);
        Should.Throw<ArgumentException>(() => engine.AdvanceTo(0.1, CancellationToken.None)).Message.ShouldContain("before the current time");
        Should.Throw<ArgumentException>(() => new SplittingEngine(SplittingSchemes.Strang, double.NaN, new Recorder())).Message.ShouldContain("dt must be finite and positive");
    }

    /// <summary>Fused (deferred mixing) against general (every stage on the fields) on identical potentials: the same
    /// flow, so they agree to round-off (measured 3.2e-15 for N = 2, 4.0e-15 for N = 5; 1e-12 leaves room for other FFT plans).</summary>
    private const double PathAgreement = 1e-12;

    [TestCase(2)]
    [TestCase(5)]
    public void FusedAndGeneralPaths_OnIdenticalPotentials_AgreeToRoundOff(int n)
    {
        var grid = PeriodicGrid.Cube(1, 256, 40);
        var v = grid.Evaluate(x => Potential.Harmonic(0.5)[x]);
        var psi = Enumerable.Range(0, n)
            .Select(j => InitialStates.Normalised(InitialStates.Gaussian(grid, [0.7 * j - 1.5], [0.2 * j], 1.0 + 0.1 * j), grid.CellVolume)).ToArray();
        var problem = new SchrodingerLoheProblem(grid, 1.0, Enumerable.Repeat(v, n).ToArray(), psi);
        using var fused = new SplitStepSolver(new SchrodingerLoheOperators(problem, 0.01), SplittingSchemes.Yoshida4);
        using var general = new SplitStepSolver(new SchrodingerLoheOperators(problem, 0.01, fuseIdenticalPotentials: false), SplittingSchemes.Yoshida4);
        fused.AdvanceTo(2);
        general.AdvanceTo(2);
        var worst = 0.0;
        for (var j = 0; j < n; j++)
        {
            var a = fused.State(j).ToArray();
            var b = general.State(j).ToArray();
            for (var i = 0; i < a.Length; i++) worst = Math.Max(worst, Complex.Abs(a[i] - b[i]));
        }
        TestContext.Out.WriteLine($"N = {n}: max |ψ_fused − ψ_general| = {worst:E3}");
        worst.ShouldBeLessThan(PathAgreement);
        // The comparison can fail: the general path at half the coupling is a different flow and is told apart.
        var weakerProblem = new SchrodingerLoheProblem(grid, 0.5, problem.Potentials.ToArray(), psi);
        using var weaker = new SplitStepSolver(new SchrodingerLoheOperators(weakerProblem, 0.01, fuseIdenticalPotentials: false), SplittingSchemes.Yoshida4);
        weaker.AdvanceTo(2);
        Complex.Abs(weaker.State(0)[128] - fused.State(0)[128]).ShouldBeGreaterThan(PathAgreement);
    }

    [Test]
    public void Operators_BelongToOneSolverOnly()
    {
        var grid = PeriodicGrid.Cube(1, 16, 8);
        var problem = new SchrodingerLoheProblem(grid, 1.0, [new double[16]], [InitialStates.Normalised(InitialStates.Gaussian(grid, [0.0], [0.0], 1.0), grid.CellVolume)]);
        var ops = new SchrodingerLoheOperators(problem, 0.1);
        using var solver = new SplitStepSolver(ops, SplittingSchemes.Strang);
        Should.Throw<InvalidOperationException>(() => new SplitStepSolver(ops, SplittingSchemes.Strang)).Message.ShouldContain("already belong");
    }
}
