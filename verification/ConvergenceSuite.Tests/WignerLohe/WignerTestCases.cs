using System.Numerics;
using System.Text;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Harness.WignerLohe;

namespace ConvergenceSuite.Tests.WignerLohe;

/// <summary>Small W-L cases built in code, and surgery on their phase-space payload to make wrong data.</summary>
internal static class WignerTestCases
{
    /// <summary>Two pure Gaussians on M = 128, L = 40 (V = x²/8), data well inside the central half.</summary>
    public const string PureGaussians = """
        { "kind": "gaussian", "center": [-0.8], "momentum": [0.3], "width": 1.0 },
        { "kind": "gaussian", "center": [0.6], "momentum": [-0.2], "width": 1.2 }
        """;

    /// <summary>Two mixed Gaussian states of different widths with coherence c = 0.6 + 0.2i.</summary>
    public const string MixedGaussians = """
        { "kind": "phase-space-gaussian", "center": [-0.8], "momentum": [0.3], "sigmaX": 1.0, "sigmaP": 0.7 },
        { "kind": "phase-space-gaussian", "center": [0.6], "momentum": [-0.2], "sigmaX": 0.9, "sigmaP": 0.8 }
        """;

    public static CaseDefinition Case(string oscillators, string checks, string extra = "", double coupling = 1.0, double final = 2.0,
        double dt = 0.05, string scheme = "strang", int points = 128, double length = 40.0, double sampleEvery = 0.5)
    {
        var json = $$"""
            {
              "id": "test-wl",
              "model": "wigner-lohe",
              "solver": "spectral-wl",
              "coupling": {{coupling:R}},
              "grid": { "points": [{{points}}], "lengths": [{{length:R}}] },
              "potential": { "kind": "harmonic", "omega": 0.5 },
              "oscillators": [ {{oscillators}} ],
              {{extra}}
              "time": { "final": {{final:R}}, "dt": {{dt:R}}, "sampleEvery": {{sampleEvery:R}} },
              "scheme": "{{scheme}}",
              "checks": [ {{checks}} ]
            }
            """;
        return CaseLoader.Parse("test-wl.json", Encoding.UTF8.GetBytes(json));
    }

    public static Trajectory Run(CaseDefinition definition) =>
        new SpectralWignerLoheAdapter().Run(definition.Problem, definition.Resolution, definition.StoreStates);

    public static CheckResult Evaluate(CaseDefinition definition, Trajectory trajectory) =>
        definition.Checks.Single().Evaluate(new CheckContext(definition, trajectory, new SpectralWignerLoheAdapter()));

    /// <summary>A copy of the trajectory whose stored fields are changed.</summary>
    public static Trajectory WithFields(Trajectory t, Func<int, Complex[][], Complex[][]> change)
    {
        var payload = (WignerLohePayload)t.Payload!;
        var fields = payload.Fields!.Select((f, s) => change(s, f.Select(a => a.ToArray()).ToArray())).ToArray();
        return new Trajectory(t.Solver, t.Scheme, t.Backend, t.TimeStep, t.Grid, t.Oscillators, t.Times, t.Correlations, t.States, t.ElapsedSeconds)
        {
            Payload = payload with { Fields = fields },
        };
    }

    /// <summary>A copy of the trajectory whose correlations are changed.</summary>
    public static Trajectory WithCorrelations(Trajectory t, Func<int, Complex[], Complex[]> change) =>
        new(t.Solver, t.Scheme, t.Backend, t.TimeStep, t.Grid, t.Oscillators, t.Times,
            t.Correlations.Select((z, s) => change(s, z.ToArray())).ToArray(), t.States, t.ElapsedSeconds) { Payload = t.Payload };

    /// <summary>Field f scaled by (1 + ε) at every sample after the first.</summary>
    public static Trajectory Scaled(Trajectory t, int field, double epsilon) =>
        WithFields(t, (s, f) =>
        {
            if (s > 0) f[field] = f[field].Select(v => v * (1 + epsilon)).ToArray();
            return f;
        });
}
