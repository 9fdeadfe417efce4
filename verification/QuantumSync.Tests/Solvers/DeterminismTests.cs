using System.Numerics;
using NUnit.Framework;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics;
using QuantumSync.Solvers.SchrodingerLohe;
using Shouldly;

namespace QuantumSync.Tests.Solvers;

/// <summary>
/// Results do not depend on scheduling: the same run twice, and runs on two threads at once, give the same bits
/// (the fused passes work in fixed chunks in a fixed order; nothing depends on the thread count).
/// </summary>
public class DeterminismTests
{
    private static SchrodingerLoheProblem Problem(int n)
    {
        var grid = PeriodicGrid.Cube(1, 512, 40.0);
        var v = grid.Evaluate(x => x[0] * x[0] / 8);
        var psi = Enumerable.Range(0, n).Select(j =>
        {
            var x0 = -2.0 + j;
            var f = grid.Evaluate(x => Math.Exp(-(x[0] - x0) * (x[0] - x0) / 2)).Select((a, i) => Complex.FromPolarCoordinates(a, 0.3 * j * i)).ToArray();
            var norm = Integrals.Norm(f, grid.CellVolume);
            return f.Select(z => z / norm).ToArray();
        }).ToArray();
        return new SchrodingerLoheProblem(grid, 1.0, Enumerable.Repeat(v, n).ToArray(), psi);
    }

    private static Complex[] Run(SchrodingerLoheProblem problem, SplittingScheme scheme)
    {
        using var solver = new SplitStepSolver(problem, scheme, 0.01);
        solver.AdvanceTo(0.5);
        var result = new List<Complex>();
        for (var j = 0; j < problem.Oscillators; j++) result.AddRange(solver.State(j).ToArray());
        return result.ToArray();
    }

    [TestCase("strang", 3)]
    [TestCase("yoshida4", 5)]
    public void SplitStep_TwoRuns_BitwiseIdentical(string scheme, int n)
    {
        var problem = Problem(n);
        Run(problem, SplittingSchemes.Get(scheme)).ShouldBe(Run(problem, SplittingSchemes.Get(scheme)));
    }

    [Test]
    public void SplitStep_ConcurrentRuns_BitwiseEqualToSequential()
    {
        var problem = Problem(4);
        var sequential = Run(problem, SplittingSchemes.Strang);
        var concurrent = new Complex[4][];
        Parallel.For(0, concurrent.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => concurrent[i] = Run(problem, SplittingSchemes.Strang));
        foreach (var c in concurrent) c.ShouldBe(sequential);
    }
}
