using System.Globalization;
using System.Numerics;
using System.Text;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Kuramoto;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.Harness.WignerLohe;
using QuantumSync.Models.Kuramoto;

namespace ConvergenceSuite.Harness.External;

/// <summary>One built-in problem of the contract test: a tiny case run through the adapter and through the built-in solver.</summary>
public sealed record ContractProblem(string Id, string Description, CaseDefinition Case, bool StoreStates);

/// <summary>How an adapter fared on one problem.</summary>
public enum ContractOutcome
{
    /// <summary>The output follows the contract and agrees with the reference within the tolerance.</summary>
    Pass,
    /// <summary>The run broke the contract (exit status, timeout, missing/malformed files, shapes, times, NaN).</summary>
    Violation,
    /// <summary>The output follows the contract but the numbers are wrong (further from the reference than the tolerance).</summary>
    WrongResult,
    /// <summary>The adapter answered out/unsupported.txt (the capability answer): nothing verified, not a failure.</summary>
    Unsupported,
}

/// <summary>The finding for one problem: the outcome and a message naming the problem (and, for numbers, the error and tolerance).</summary>
public sealed record ContractFinding(string Problem, ContractOutcome Outcome, string Message);

/// <summary>
/// The <c>contract-test</c> verb's logic: runs an external adapter (verification/examples/CONTRACT.md) on a few tiny
/// built-in problems and reports, per problem, every contract violation the harness detects (it reads the output with
/// the same <see cref="ExternalContract"/> code that verification uses) and whether the numbers are right.
/// <para>
/// Oracle. "Right" means: the adapter's z (and ψ when states are stored; θ for Kuramoto) are within
/// <c>tolerance = <see cref="ErrorConstantFactor"/> · e_builtin + <see cref="RoundOffFloor"/></c> of a reference, where the
/// reference is the built-in solver with a fourth-order method at a step <see cref="ReferenceRefinement"/> times smaller
/// (Yoshida-4 split-step for S-L, Yoshida-4 spectral W-L for W-L — z and every field w_jk —, RK4 for Kuramoto), and e_builtin is the distance from that reference of the built-in
/// solver run with the problem's own scheme and step. So an adapter passes when its error at the requested scheme and
/// step is at most 10× that of the suite's verified solver: a scheme of the same order with another (within reason)
/// error constant passes; a wrong model term (a kinetic factor, the coupling's sign or size, a wrong potential) changes z
/// by O(K·T) ≫ the discretisation error of these problems and fails (measured: the built-in Strang error is
/// 4.5e-7 in z and 1.9e-6 in ψ on the d = 1 problem, so the tolerance is 4.5e-6 in z; the stand-in run with K × 1.5 is
/// 0.076 away). What the oracle shares with
/// the built-in solver: the grid and the problem data (both read the same arrays) and, for the reference, the
/// split-step code; the built-in solver's own correctness is established by the verification cases (exact references,
/// Lemma 4.1, observed orders), which is why it can serve here.
/// </para>
/// </summary>
public static class ContractTester
{
    /// <summary>The adapter may have an error constant up to this many times the built-in solver's: splittings of the same
    /// order (another operator order, the coupling flow integrated differently) differ in their constants by O(1) factors.</summary>
    public const double ErrorConstantFactor = 10;

    /// <summary>Floor of the tolerance: round-off of ≤ 100 steps of FFTs on ≤ 256 points is ~1e-14 (the stand-in agrees with
    /// the built-in solver to 1e-13, numpy to 2.4e-15); 1e-10 covers float64 adapters with other FFT libraries.</summary>
    public const double RoundOffFloor = 1e-10;

    /// <summary>The reference's step is the problem's step divided by this (fourth order: its error is ≥ 10⁴× smaller than a
    /// fourth-order run at the problem's step and far below any second-order one).</summary>
    public const int ReferenceRefinement = 10;

    private const string SlOneD = """
        {
          "id": "ID", "description": "DESC", "model": "schrodinger-lohe", "coupling": 1.0,
          "grid": { "points": [64], "lengths": [20.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.5 }, { "kind": "harmonic", "omega": 0.8 } ],
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0], "momentum": [0.3], "width": 1.0 },
            { "kind": "gaussian", "center": [1.0], "width": 1.2 }
          ],
          "time": { "final": 0.5, "dt": 0.01, "sampleEvery": 0.25 },
          "scheme": "strang", "storeStates": STATES,
          "checks": [ { "id": "norm-conservation" } ]
        }
        """;

    private const string SlTwoD = """
        {
          "id": "ID", "description": "DESC", "model": "schrodinger-lohe", "coupling": 1.0,
          "grid": { "points": [64, 64], "lengths": [24.0, 24.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.4 }, { "kind": "harmonic", "omega": 0.6 } ],
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0, 0.5], "momentum": [0.3, 0.0], "width": 1.2 },
            { "kind": "gaussian", "center": [0.8, -0.4], "momentum": [-0.2, 0.4], "width": 1.2 }
          ],
          "time": { "final": 0.3, "dt": 0.01, "sampleEvery": 0.1 },
          "scheme": "strang", "storeStates": STATES,
          "checks": [ { "id": "norm-conservation" } ]
        }
        """;

    // The W-L problems are small (the contract test compares the adapter with the built-in solver on the same grid, so
    // edge tails of the data, which both see alike, do not matter): the loader's 1e-20 edge demand is relaxed.
    private const string WlOneD = """
        {
          "id": "ID", "description": "DESC", "model": "wigner-lohe", "coupling": 1.0,
          "grid": { "points": [64], "lengths": [24.0] },
          "potential": { "kind": "harmonic", "omega": 0.5 },
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0], "momentum": [0.3], "width": 1.0 },
            { "kind": "gaussian", "center": [1.0], "width": 1.2 }
          ],
          "leakageTolerance": 1e-10,
          "time": { "final": 0.5, "dt": 0.01, "sampleEvery": 0.25 },
          "scheme": "strang", "storeStates": STATES,
          "checks": [ { "id": "correlation-psd" } ]
        }
        """;

    private const string WlMixed = """
        {
          "id": "ID", "description": "DESC", "model": "wigner-lohe", "coupling": 1.0,
          "grid": { "points": [64], "lengths": [24.0] },
          "potential": { "kind": "harmonic", "omega": 0.5 },
          "oscillators": [
            { "kind": "phase-space-gaussian", "center": [-0.8], "momentum": [0.3], "sigmaX": 1.0, "sigmaP": 0.7 },
            { "kind": "phase-space-gaussian", "center": [0.6], "momentum": [-0.2], "sigmaX": 0.9, "sigmaP": 0.8 }
          ],
          "coherences": [ { "pair": [0, 1], "coefficient": [0.6, 0.2] } ],
          "leakageTolerance": 1e-10,
          "time": { "final": 0.5, "dt": 0.01, "sampleEvery": 0.25 },
          "scheme": "strang", "storeStates": STATES,
          "checks": [ { "id": "correlation-psd" } ]
        }
        """;

    private const string WlTwoD = """
        {
          "id": "ID", "description": "DESC", "model": "wigner-lohe", "coupling": 1.0,
          "grid": { "points": [16, 16], "lengths": [12.0, 12.0] },
          "potential": { "kind": "harmonic", "omega": 0.5 },
          "oscillators": [
            { "kind": "gaussian", "center": [-0.4, 0.2], "momentum": [0.2, 0.0], "width": 1.4142135623730951 },
            { "kind": "gaussian", "center": [0.4, -0.2], "momentum": [0.0, -0.1], "width": 1.4142135623730951 }
          ],
          "leakageTolerance": 1e-2,
          "time": { "final": 0.2, "dt": 0.02, "sampleEvery": 0.1 },
          "scheme": "strang", "storeStates": STATES,
          "checks": [ { "id": "correlation-psd" } ]
        }
        """;

    private const string Ku = """
        {
          "id": "ID", "description": "DESC", "model": "kuramoto", "oscillators": 2, "coupling": 1.0,
          "frequencies": [0.3, 1.0], "phases": [0.0, 2.5],
          "time": { "final": 2.0, "dt": 0.01, "sampleEvery": 0.5 },
          "scheme": "rk4",
          "checks": [ { "id": "adler-locked-phase" } ]
        }
        """;

    /// <summary>The built-in problems, optionally only those of one model ("schrodinger-lohe", "wigner-lohe" or "kuramoto").</summary>
    public static IReadOnlyList<ContractProblem> Problems(string? model = null)
    {
        var all = new List<ContractProblem>();
        ContractProblem Make(string id, string description, string template, bool states)
        {
            var json = template.Replace("ID", id).Replace("DESC", description).Replace("STATES", states ? "true" : "false");
            var c = CaseLoader.Parse($"contract-test/{id}.json", Encoding.UTF8.GetBytes(json));
            return new ContractProblem(id, description, c, states);
        }
        if (model is null or "schrodinger-lohe")
        {
            all.Add(Make("sl-1d-n2-states", "S-L d = 1, N = 2, M = 64, distinct harmonic V_j (so z depends on the whole dynamics), strang dt = 0.01 to T = 0.5, with states", SlOneD, true));
            all.Add(Make("sl-1d-n2", "S-L d = 1, N = 2, as above, storeStates false (z only)", SlOneD, false));
            all.Add(Make("sl-2d-n2-states", "S-L d = 2, N = 2, 64×64 grid, distinct harmonic V_j, strang dt = 0.01 to T = 0.3, with states", SlTwoD, true));
        }
        if (model is null or "wigner-lohe")
        {
            all.Add(Make("wl-1d-n2-states", "W-L d = 1, N = 2, 64×64 phase space, pure Gaussian data, V = x²/8, strang dt = 0.01 to T = 0.5, with the fields", WlOneD, true));
            all.Add(Make("wl-1d-n2-mixed", "W-L d = 1, N = 2, mixed phase-space Gaussians with a coherence w12 = c·√(w1 w2), z only", WlMixed, false));
            all.Add(Make("wl-2d-n2-states", "W-L d = 2, N = 2, 16⁴ phase space, strang dt = 0.02 to T = 0.2, with the fields", WlTwoD, true));
        }
        if (model is null or "kuramoto")
            all.Add(Make("ku-n2", "Kuramoto N = 2, K = 1, Ω = (0.3, 1.0), rk4 dt = 0.01 to T = 2", Ku, false));
        return all;
    }

    /// <summary>Runs the adapter on one problem and judges the result; never throws for a misbehaving adapter.</summary>
    public static ContractFinding Test(ContractProblem p, ExternalCommand command, CancellationToken cancellation = default)
    {
        var c = p.Case;
        ExternalCommands.Attach(c.Problem, command);
        Trajectory got;
        try
        {
            got = new ExternalSolverAdapter().Run(c.Problem, c.Resolution, p.StoreStates, cancellation: cancellation);
        }
        catch (ExternalSolverException e)
        {
            return new ContractFinding(p.Id, ContractOutcome.Violation, e.Message);
        }
        catch (NotSupportedException e)
        {
            return new ContractFinding(p.Id, ContractOutcome.Unsupported, e.Message);
        }
        return c.Problem switch
        {
            KuramotoSpec => JudgeKuramoto(p, got),
            WignerLoheSpec => JudgeWignerLohe(p, got),
            _ => JudgeSchrodingerLohe(p, got),
        };
    }

    /// <summary>W-L: z and (with states) every field w_jk against the built-in spectral W-L solver with Yoshida-4 at a ten
    /// times smaller step; the tolerance from the built-in solver's own error at the problem's scheme and step.</summary>
    private static ContractFinding JudgeWignerLohe(ContractProblem p, Trajectory got)
    {
        var c = p.Case;
        var solver = new SpectralWignerLoheAdapter();
        var same = solver.Run(c.Problem, c.Resolution, p.StoreStates);
        var reference = solver.Run(c.Problem, c.Resolution with { Scheme = "yoshida4", TimeStep = c.Resolution.TimeStep / ReferenceRefinement }, p.StoreStates,
            c.Problem.SampleTimes);
        var problems = new List<string>();
        var parts = new List<string>();
        Judge("z", Distance(same.Correlations, reference.Correlations), Distance(got.Correlations, reference.Correlations));
        if (p.StoreStates)
        {
            IReadOnlyList<Complex[][]> Fields(Trajectory t) => ((WignerLohePayload)t.Payload!).Fields!;
            Judge("w", FieldDistance(Fields(same), Fields(reference)), FieldDistance(Fields(got), Fields(reference)));
        }
        return Verdict(p, problems, parts);

        void Judge(string what, (double Max, double Time, string Where) builtIn, (double Max, double Time, string Where) adapter)
        {
            var tolerance = ErrorConstantFactor * builtIn.Max + RoundOffFloor;
            if (adapter.Max <= tolerance) parts.Add(Inv($"max |Δ{what}| = {adapter.Max:G3} ≤ {tolerance:G3}"));
            else problems.Add(Inv($"{what} is wrong: max |Δ{what}| = {adapter.Max:G3} ({adapter.Where}, t = {c.Problem.SampleTimes[(int)adapter.Time]:R}) against the reference, tolerance {tolerance:G3} (= {ErrorConstantFactor:G} × the built-in {c.Resolution.Scheme} error {builtIn.Max:G3} + {RoundOffFloor:G})"));
        }
    }

    private static (double Max, double Time, string Where) FieldDistance(IReadOnlyList<Complex[][]> a, IReadOnlyList<Complex[][]> b)
    {
        var best = (Max: 0.0, Time: 0.0, Where: "");
        for (var s = 0; s < b.Count; s++)
        {
            var n = (int)Math.Round(Math.Sqrt(b[s].Length));
            for (var f = 0; f < b[s].Length; f++)
                for (var i = 0; i < b[s][f].Length; i++)
                {
                    var d = Complex.Abs(a[s][f][i] - b[s][f][i]);
                    if (d > best.Max) best = (d, s, $"w_{f / n}{f % n} at phase-space point {i}");
                }
        }
        return best;
    }

    private static ContractFinding JudgeSchrodingerLohe(ContractProblem p, Trajectory got)
    {
        var c = p.Case;
        var solver = new SplitStepAdapter();
        var same = solver.Run(c.Problem, c.Resolution, p.StoreStates);
        var reference = solver.Run(c.Problem, c.Resolution with { Scheme = "yoshida4", TimeStep = c.Resolution.TimeStep / ReferenceRefinement }, p.StoreStates,
            c.Problem.SampleTimes);
        var problems = new List<string>();
        var parts = new List<string>();
        Judge("z", Distance(same.Correlations, reference.Correlations), Distance(got.Correlations, reference.Correlations));
        if (p.StoreStates)
            Judge("ψ", StateDistance(same.States!, reference.States!), StateDistance(got.States!, reference.States!));
        return Verdict(p, problems, parts);

        void Judge(string what, (double Max, double Time, string Where) builtIn, (double Max, double Time, string Where) adapter)
        {
            var tolerance = ErrorConstantFactor * builtIn.Max + RoundOffFloor;
            if (adapter.Max <= tolerance) parts.Add(Inv($"max |Δ{what}| = {adapter.Max:G3} ≤ {tolerance:G3}"));
            else problems.Add(Inv($"{what} is wrong: max |Δ{what}| = {adapter.Max:G3} ({adapter.Where}, t = {c.Problem.SampleTimes[(int)adapter.Time]:R}) against the reference, tolerance {tolerance:G3} (= {ErrorConstantFactor:G} × the built-in {c.Resolution.Scheme} error {builtIn.Max:G3} + {RoundOffFloor:G})"));
        }
    }

    private static ContractFinding JudgeKuramoto(ContractProblem p, Trajectory got)
    {
        var c = p.Case;
        var solver = new KuramotoAdapter();
        double[][] Phases(Trajectory t) => ((KuramotoTrajectory)t.Payload!).Phases;
        var same = Phases(solver.Run(c.Problem, c.Resolution, false));
        var reference = Phases(solver.Run(c.Problem, c.Resolution with { Scheme = "rk4", TimeStep = c.Resolution.TimeStep / ReferenceRefinement }, false, c.Problem.SampleTimes));
        var adapter = Phases(got);
        double Max(double[][] a) => a.Zip(reference, (x, r) => x.Zip(r, (u, v) => Math.Abs(u - v)).Max()).Max();
        var tolerance = ErrorConstantFactor * Max(same) + RoundOffFloor;
        var error = Max(adapter);
        return error <= tolerance
            ? Verdict(p, [], [Inv($"max |Δθ| = {error:G3} ≤ {tolerance:G3}")])
            : Verdict(p, [Inv($"θ is wrong: max |Δθ| = {error:G3} against the reference, tolerance {tolerance:G3} (= {ErrorConstantFactor:G} × the built-in rk4 error {Max(same):G3} + {RoundOffFloor:G})")], []);
    }

    private static ContractFinding Verdict(ContractProblem p, List<string> problems, List<string> parts) =>
        problems.Count > 0
            ? new ContractFinding(p.Id, ContractOutcome.WrongResult, string.Join("; ", problems))
            : new ContractFinding(p.Id, ContractOutcome.Pass, string.Join(", ", parts));

    private static (double Max, double Time, string Where) Distance(IReadOnlyList<Complex[]> a, IReadOnlyList<Complex[]> b)
    {
        var best = (Max: 0.0, Time: 0.0, Where: "");
        for (var s = 0; s < b.Count; s++)
        {
            var n = (int)Math.Round(Math.Sqrt(b[s].Length));
            for (var q = 0; q < b[s].Length; q++)
            {
                var d = Complex.Abs(a[s][q] - b[s][q]);
                if (d > best.Max) best = (d, s, $"z_{q / n}{q % n}");
            }
        }
        return best;
    }

    private static (double Max, double Time, string Where) StateDistance(IReadOnlyList<Complex[][]> a, IReadOnlyList<Complex[][]> b)
    {
        var best = (Max: 0.0, Time: 0.0, Where: "");
        for (var s = 0; s < b.Count; s++)
            for (var j = 0; j < b[s].Length; j++)
                for (var i = 0; i < b[s][j].Length; i++)
                {
                    var d = Complex.Abs(a[s][j][i] - b[s][j][i]);
                    if (d > best.Max) best = (d, s, $"ψ_{j} at grid point {i}");
                }
        return best;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
