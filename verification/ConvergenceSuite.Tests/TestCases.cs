using System.Numerics;
using System.Text;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Solvers;

namespace ConvergenceSuite.Tests;

/// <summary>Small cases built in code for harness tests, and trajectory surgery to make wrong data.</summary>
internal static class TestCases
{
    /// <summary>A cheap 1-D S-L case (M = 80 on [−12, 12), V = x²/8, N given) with the checks listed.</summary>
    public static CaseDefinition Small(int oscillators, string checks, string scheme = "yoshida4", double dt = 0.01, double final = 2.0,
        double coupling = 1.0, string extra = "")
    {
        var states = string.Join(",\n", Enumerable.Range(0, oscillators).Select(j =>
            $$"""{ "kind": "gaussian", "center": [{{(j - oscillators / 2.0) * 0.8:R}}], "momentum": [{{0.3 * (j % 3) - 0.2:R}}], "width": {{1.0 + 0.1 * j:R}} }"""));
        var json = $$"""
            {
              "id": "test-small-n{{oscillators}}",
              "model": "schrodinger-lohe",
              "coupling": {{coupling:R}},
              "grid": { "points": [80], "lengths": [24.0] },
              "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
              "oscillators": [ {{states}} ],
              "time": { "final": {{final:R}}, "dt": {{dt:R}}, "sampleEvery": 0.1 },
              "scheme": "{{scheme}}",
              {{extra}}
              "checks": [ {{checks}} ]
            }
            """;
        return CaseLoader.Parse("test-small.json", Encoding.UTF8.GetBytes(json));
    }

    public static Trajectory Run(CaseDefinition definition) =>
        new SplitStepAdapter().Run(definition.Problem, definition.Resolution, definition.StoreStates);

    /// <summary>A copy of the trajectory with its correlations replaced.</summary>
    public static Trajectory WithCorrelations(Trajectory t, Func<int, Complex[], Complex[]> change) =>
        new(t.Solver, t.Scheme, t.Backend, t.TimeStep, t.Grid, t.Oscillators, t.Times,
            t.Correlations.Select((z, s) => change(s, z.ToArray())).ToArray(), t.States, t.ElapsedSeconds);

    /// <summary>A copy of the trajectory with its states replaced.</summary>
    public static Trajectory WithStates(Trajectory t, Func<int, Complex[][], Complex[][]> change) =>
        new(t.Solver, t.Scheme, t.Backend, t.TimeStep, t.Grid, t.Oscillators, t.Times, t.Correlations,
            t.States!.Select((p, s) => change(s, p.Select(a => a.ToArray()).ToArray())).ToArray(), t.ElapsedSeconds);
}
