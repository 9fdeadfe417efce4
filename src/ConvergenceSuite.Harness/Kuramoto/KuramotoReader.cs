using System.Text.Json;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Solvers.Kuramoto;

namespace ConvergenceSuite.Harness.Kuramoto;

/// <summary>
/// "model": "kuramoto" — the Kuramoto model, paper eq. (7). Fields (documented in verification/cases/README.md):
/// <c>oscillators</c> N; <c>coupling</c> K; <c>frequencies</c> (a list of N numbers, or
/// <c>{ "kind": "lorentzian", "gamma": γ, "centre": Ω₀, "sampling": "quantile" | "random", "seed": s }</c>);
/// <c>phases</c> (a list of N numbers, <c>{ "kind": "uniform-random", "seed": s }</c> or <c>{ "kind": "constant", "value": θ }</c>);
/// <c>time</c> <c>{ "final": T, "dt": dt (rk4 only), "sampleEvery": Δ }</c>; <c>scheme</c> rk4 (default) | dopri5;
/// <c>tolerances</c> <c>{ "absolute": atol, "relative": rtol }</c> (dopri5 only). The resolution's time step is dt for
/// rk4 and 0 (meaning: adaptive) for dopri5.
/// </summary>
public sealed class KuramotoReader : IModelReader
{
    /// <inheritdoc />
    public string Model => "kuramoto";

    /// <inheritdoc />
    public (Problem Problem, Resolution Resolution) Read(JsonFields root)
    {
        var n = root.Integer("oscillators");
        if (n < 1) throw root.Error("oscillators", $"N must be ≥ 1; got {n}");
        var coupling = root.Number("coupling");

        LorentzianFrequencies? lorentzian = null;
        double[] omega;
        if (IsArray(root, "frequencies"))
        {
            omega = root.Numbers("frequencies");
            if (omega.Length != n) throw root.Error("frequencies", $"{n} oscillators but {omega.Length} frequencies");
        }
        else
        {
            var f = root.Object("frequencies");
            var kind = f.String("kind");
            if (kind != "lorentzian") throw f.Error("kind", $"unknown frequency kind \"{kind}\"; known: lorentzian (or give a list of numbers)");
            var gamma = f.Number("gamma");
            if (!(gamma > 0)) throw f.Error("gamma", $"the half-width γ must be positive; got {gamma}");
            var centre = f.NumberOr("centre", 0);
            var sampling = f.String("sampling");
            bool random = sampling switch
            {
                "quantile" => false,
                "random" => true,
                _ => throw f.Error("sampling", $"must be \"quantile\" or \"random\", not \"{sampling}\""),
            };
            if (!random && f.Has("seed")) throw f.Error("seed", "quantile sampling is deterministic and takes no seed");
            var seed = random ? f.Integer("seed") : 0;
            f.EnsureAllRead();
            lorentzian = new LorentzianFrequencies(gamma, centre, random, seed);
            omega = lorentzian.Sample(n);
        }

        int? phaseSeed = null;
        double[] theta;
        if (IsArray(root, "phases"))
        {
            theta = root.Numbers("phases");
            if (theta.Length != n) throw root.Error("phases", $"{n} oscillators but {theta.Length} initial phases");
        }
        else
        {
            var p = root.Object("phases");
            var kind = p.String("kind");
            switch (kind)
            {
                case "uniform-random":
                    phaseSeed = p.Integer("seed");
                    if (lorentzian is { Random: true } l && l.Seed == phaseSeed)
                        throw p.Error("seed", "the phases and the random frequencies use the same seed, which would correlate θ_j(0) with Ω_j; choose another");
                    theta = LorentzianKuramoto.UniformRandomPhases(n, phaseSeed.Value);
                    break;
                case "constant":
                    var value = p.Number("value");
                    theta = Enumerable.Repeat(value, n).ToArray();
                    break;
                default:
                    throw p.Error("kind", $"unknown phase kind \"{kind}\"; known: uniform-random, constant (or give a list of numbers)");
            }
            p.EnsureAllRead();
        }

        var schemeName = root.StringOr("scheme", "rk4")!;
        KuramotoScheme scheme;
        try { scheme = KuramotoSchemes.Find(schemeName); }
        catch (ArgumentException e) { throw root.Error("scheme", e.Message); }

        var (final, samples, dt) = ReadTime(root, scheme.IsAdaptive);
        double atol = KuramotoSpec.DefaultAbsoluteTolerance, rtol = KuramotoSpec.DefaultRelativeTolerance;
        if (root.ObjectOr("tolerances") is { } tol)
        {
            if (!scheme.IsAdaptive) throw root.Error("tolerances", $"{scheme.Name} is a fixed-step scheme; it takes time.dt, not tolerances");
            atol = tol.NumberOr("absolute", atol);
            rtol = tol.NumberOr("relative", rtol);
            tol.EnsureAllRead();
            if (atol < 0 || rtol < 0 || atol + rtol <= 0) throw root.Error("tolerances", $"need atol, rtol ≥ 0, not both 0; got {atol}, {rtol}");
        }

        KuramotoProblem problem;
        try { problem = new KuramotoProblem(omega, coupling, theta); }
        catch (ArgumentException e) { throw root.Error("frequencies", e.Message); }
        var spec = new KuramotoSpec(problem, final, samples, lorentzian, phaseSeed, atol, rtol);
        return (spec, new Resolution(scheme.Name, dt));
    }

    private static bool IsArray(JsonFields f, string name) =>
        f.Element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array;

    /// <summary>{ "final": T, "dt": dt, "sampleEvery": Δ }: dt only (and required) for fixed-step schemes; Δ a multiple of
    /// dt, T a multiple of Δ. Returns dt = 0 for adaptive schemes.</summary>
    private static (double Final, double[] Samples, double Dt) ReadTime(JsonFields root, bool adaptive)
    {
        var time = root.Object("time");
        var final = time.Number("final");
        var every = time.NumberOr("sampleEvery", final);
        double dt = 0;
        if (adaptive)
        {
            if (time.Has("dt")) throw time.Error("dt", "dopri5 chooses its own steps; give \"tolerances\" instead of dt");
            time.Ignore("dt");
        }
        else
        {
            dt = time.Number("dt");
            if (dt <= 0) throw time.Error("dt", $"must be positive; got {dt}");
        }
        time.EnsureAllRead();
        if (final <= 0) throw time.Error("final", $"must be positive; got {final}");
        if (every <= 0) throw time.Error("sampleEvery", $"must be positive; got {every}");
        if (!adaptive)
        {
            var ratio = every / dt;
            if (Math.Abs(ratio - Math.Round(ratio)) > 1e-9 * ratio) throw time.Error("sampleEvery", $"{every} is not a multiple of dt = {dt}");
        }
        var count = final / every;
        if (Math.Abs(count - Math.Round(count)) > 1e-9 * count) throw time.Error("final", $"{final} is not a multiple of sampleEvery = {every}");
        var samples = Enumerable.Range(0, (int)Math.Round(count) + 1).Select(i => i * every).ToArray();
        samples[^1] = final;
        return (final, samples, dt);
    }
}
