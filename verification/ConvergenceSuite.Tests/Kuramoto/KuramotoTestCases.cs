using System.Numerics;
using System.Text;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Kuramoto;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.Harness.Summary;
using NUnit.Framework;
using QuantumSync.Models.Kuramoto;

namespace ConvergenceSuite.Tests.Kuramoto;

/// <summary>Small Kuramoto and S-L cases built in code, runs, and surgery on their results to make wrong data.</summary>
internal static class KuramotoTestCases
{
    public static CaseDefinition Parse(string json) => CaseLoader.Parse("test-kuramoto.json", Encoding.UTF8.GetBytes(json));

    /// <summary>A Kuramoto case with the given model fields (frequencies, phases, time, scheme, ...) and checks.</summary>
    public static CaseDefinition KuramotoCase(int oscillators, double coupling, string fields, string checks) => Parse($$"""
        {
          "id": "test-kuramoto",
          "model": "kuramoto",
          "solver": "kuramoto",
          "oscillators": {{oscillators}},
          "coupling": {{coupling:R}},
          {{fields}},
          "checks": [ {{checks}} ]
        }
        """);

    /// <summary>Adler pair: Ω = (0.3, 0.3 + ΔΩ), θ(0) = (0, 2.5), RK4.</summary>
    public static CaseDefinition Adler(double deltaOmega, double coupling, string check, double final = 60, double dt = 0.01, double every = 0.05) =>
        KuramotoCase(2, coupling, $$"""
            "frequencies": [0.3, {{0.3 + deltaOmega:R}}], "phases": [0.0, 2.5],
            "time": { "final": {{final:R}}, "dt": {{dt:R}}, "sampleEvery": {{every:R}} }, "scheme": "rk4"
            """, check);

    /// <summary>An S-L case on a 1-D torus with N constant states e^{−iθ_j}/√|T| and constant potentials Ω_j.</summary>
    public static CaseDefinition Reduction(double[] omega, double[] theta, double coupling, string checks, double final = 2.0, double dt = 0.002, double every = 0.05) => Parse($$"""
        {
          "id": "test-reduction",
          "model": "schrodinger-lohe",
          "coupling": {{coupling:R}},
          "grid": { "points": [8], "lengths": [6.283185307179586], "torus": true },
          "potentials": [ {{string.Join(", ", omega.Select(o => $$"""{ "kind": "constant", "value": {{o:R}} }"""))}} ],
          "oscillators": [ {{string.Join(", ", theta.Select(t => $$"""{ "kind": "constant", "theta": {{t:R}} }"""))}} ],
          "time": { "final": {{final:R}}, "dt": {{dt:R}}, "sampleEvery": {{every:R}} },
          "scheme": "yoshida4",
          "checks": [ {{checks}} ]
        }
        """);

    /// <summary>N = 2 S-L with harmonic traps of frequency 1 and 1.5 (distinct potentials), both starting as the ω = 1 ground state.</summary>
    public static CaseDefinition Distinct(double coupling, string checks, double final = 12.0) => Parse($$"""
        {
          "id": "test-distinct",
          "model": "schrodinger-lohe",
          "coupling": {{coupling:R}},
          "grid": { "points": [96], "lengths": [20.0] },
          "potentials": [ { "kind": "harmonic", "omega": 1.0 }, { "kind": "harmonic", "omega": 1.5 } ],
          "oscillators": [ { "kind": "gaussian", "center": [0.0], "width": 1.0 }, { "kind": "gaussian", "center": [0.0], "width": 1.0 } ],
          "time": { "final": {{final:R}}, "dt": 0.02, "sampleEvery": 0.1 },
          "scheme": "strang",
          "storeStates": false,
          "checks": [ {{checks}} ]
        }
        """);

    public static ISolverUnderTest SolverFor(CaseDefinition definition) =>
        definition.Solver == "kuramoto" ? new KuramotoAdapter() : new SplitStepAdapter();

    public static Trajectory Run(CaseDefinition definition) =>
        SolverFor(definition).Run(definition.Problem, definition.Resolution, definition.StoreStates);

    public static CheckResult Evaluate(CaseDefinition definition, Trajectory trajectory, ISolverUnderTest? solver = null)
    {
        var check = definition.Checks.Single();
        var result = check.Evaluate(new CheckContext(definition, trajectory, solver ?? SolverFor(definition)));
        TestContext.Out.WriteLine($"{check.Id}: {result.Verdict}: {result.Message}");
        return result;
    }

    /// <summary>A copy of a Kuramoto trajectory with its payload (and the correlations built from it) replaced.</summary>
    public static Trajectory WithPayload(Trajectory t, Func<KuramotoTrajectory, KuramotoTrajectory> change)
    {
        var payload = change((KuramotoTrajectory)t.Payload!);
        return new Trajectory(t.Solver, t.Scheme, t.Backend, t.TimeStep, t.Grid, t.Oscillators, payload.Times,
            new PhaseCorrelations(payload.Phases, t.Oscillators), t.States, t.ElapsedSeconds) { Payload = payload };
    }

    /// <summary>Phases copied, with <paramref name="change"/>(sample, phases) applied.</summary>
    public static double[][] ChangePhases(KuramotoTrajectory k, Func<int, double[], double[]> change) =>
        k.Phases.Select((p, s) => change(s, p.ToArray())).ToArray();

    /// <summary>A copy of an S-L trajectory with states (and correlations) replaced.</summary>
    public static Trajectory With(Trajectory t, Func<int, Complex[], Complex[]>? correlations = null, Func<int, Complex[][], Complex[][]>? states = null) =>
        new(t.Solver, t.Scheme, t.Backend, t.TimeStep, t.Grid, t.Oscillators, t.Times,
            t.Correlations.Select((z, s) => correlations is null ? z : correlations(s, z.ToArray())).ToArray(),
            t.States?.Select((p, s) => states is null ? p : states(s, p.Select(a => a.ToArray()).ToArray())).ToArray(), t.ElapsedSeconds);
}

/// <summary>A solver under test that delegates to another but rescales the coupling of every problem it is given: a
/// solver with a wrong coupling convention (e.g. K/2N instead of K/N).</summary>
internal sealed class WrongCouplingSolver(ISolverUnderTest inner, double factor) : ISolverUnderTest
{
    public string Name => inner.Name;
    public IReadOnlyCollection<ModelKind> Models => inner.Models;

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default) =>
        inner.Run(((KuramotoSpec)problem).WithCoupling(problem.Coupling * factor), resolution, storeStates, sampleTimes, cancellation);
}

/// <summary>A solver under test that always fails, like a diverging solver.</summary>
internal sealed class ThrowingSolver : ISolverUnderTest
{
    public string Name => "throwing";
    public IReadOnlyCollection<ModelKind> Models => [ModelKind.SchrodingerLohe];

    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default) =>
        throw new QuantumSync.Solvers.SchrodingerLohe.SolverDivergedException("diverged on purpose", 0.5);
}
