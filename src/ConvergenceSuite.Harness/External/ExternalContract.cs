using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Regression;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Models.WignerLohe;

namespace ConvergenceSuite.Harness.External;

/// <summary>A run of an external solver that did not produce a usable trajectory (the message says which way).</summary>
public sealed class ExternalSolverException(string message) : Exception(message);

/// <summary>What an external solver returned, read back from its output folder.</summary>
public sealed record ExternalOutput(double[] Times, Complex[][] Correlations, Complex[][][]? States, string? Name, string? Scheme, string? Backend)
{
    /// <summary>"version" of solver.json, or null.</summary>
    public string? Version { get; init; }

    /// <summary>"commit" of solver.json (the source revision), or null.</summary>
    public string? Commit { get; init; }

    /// <summary>Name, version and commit as reported, or null when solver.json gave none of them.</summary>
    public SolverProvenance? Provenance =>
        Name is null && Version is null && Commit is null ? null : new(Name ?? ExternalCommands.SolverName, Version, Commit);
}

/// <summary>
/// The files of the process contract, version 1 (verification/examples/CONTRACT.md), for S-L, W-L and Kuramoto problems:
/// the harness writes problem.json and .npy arrays into a problem folder; the solver writes times.npy, z_re.npy,
/// z_im.npy (and states_re.npy, states_im.npy, or for W-L the fields w_re.npy, w_im.npy, when asked for states;
/// theta.npy for Kuramoto; optionally solver.json) into its "out" subfolder. The harness writes 1-D
/// little-endian float64 .npy files, multi-index data flattened row-major (last index fastest); it reads every layout
/// <see cref="NpyReader"/> accepts (complex single files, n-D shapes, Fortran order, float32, big-endian, versions 2 and 3).
/// </summary>
public static class ExternalContract
{
    /// <summary>The capability answer: a solver that does not support a problem writes this file (its reason, one line)
    /// into out/ and exits 0; the case's checks are then Inconclusive with that reason.</summary>
    public const string UnsupportedFile = "unsupported.txt";

    /// <summary>Value of "contract" in problem.json.</summary>
    public const string ContractVersion = "convergence-suite-external-solver/1";

    /// <summary>Name of the output subfolder of the problem folder.</summary>
    public const string OutputFolder = "out";

    /// <summary>Relative tolerance on returned sample times: t_s must equal the requested time to round-off of a sum of
    /// up to ~10⁶ steps (10⁶ · 1e-16 ≈ 1e-10), relative to T.</summary>
    public const double TimeTolerance = 1e-9;

    /// <summary>Writes the problem folder for one run; returns the path of problem.json.</summary>
    public static string WriteProblem(string folder, SchrodingerLoheProblem discrete, string scheme, double dt,
        IReadOnlyList<double> sampleTimes, bool storeStates)
    {
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(folder, OutputFolder));
        var grid = discrete.Grid;
        var axes = new List<string>();
        for (var a = 0; a < grid.Dimension; a++)
        {
            var name = $"x{a}.npy";
            File.WriteAllBytes(Path.Combine(folder, name), NpyArray.Write(grid.Coordinates(a)));
            axes.Add(name);
        }
        var potentials = new List<string>();
        var initial = new List<(string Re, string Im)>();
        for (var j = 0; j < discrete.Oscillators; j++)
        {
            var v = $"V_{j}.npy";
            File.WriteAllBytes(Path.Combine(folder, v), NpyArray.Write(discrete.Potentials[j]));
            potentials.Add(v);
            var (re, im) = ($"psi0_{j}_re.npy", $"psi0_{j}_im.npy");
            File.WriteAllBytes(Path.Combine(folder, re), NpyArray.Write(discrete.Initial[j].Select(c => c.Real).ToArray()));
            File.WriteAllBytes(Path.Combine(folder, im), NpyArray.Write(discrete.Initial[j].Select(c => c.Imaginary).ToArray()));
            initial.Add((re, im));
        }
        var path = Path.Combine(folder, "problem.json");
        using (var stream = File.Create(path))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("contract", ContractVersion);
            w.WriteString("model", "schrodinger-lohe");
            w.WriteNumber("dimension", grid.Dimension);
            w.WriteNumber("oscillators", discrete.Oscillators);
            w.WriteNumber("coupling", discrete.Coupling);
            w.WriteStartObject("grid");
            WriteArray(w, "points", grid.Sizes.Select(s => (double)s));
            WriteArray(w, "lengths", grid.Lengths);
            w.WriteStartArray("axes");
            foreach (var a in axes) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteEndObject();
            WriteRun(w, scheme, dt, sampleTimes, storeStates);
            w.WriteStartArray("potentials");
            foreach (var p in potentials) w.WriteStringValue(p);
            w.WriteEndArray();
            WriteInitial(w, initial);
            w.WriteString("output", OutputFolder);
            w.WriteEndObject();
        }
        return path;
    }

    /// <summary>"scheme", "dt", "sampleTimes", "storeStates": the members every S-L and W-L problem.json has.</summary>
    private static void WriteRun(Utf8JsonWriter w, string scheme, double dt, IEnumerable<double> sampleTimes, bool storeStates)
    {
        w.WriteString("scheme", scheme);
        w.WriteNumber("dt", dt);
        WriteArray(w, "sampleTimes", sampleTimes);
        w.WriteBoolean("storeStates", storeStates);
    }

    /// <summary>"initial": the initial-data files, one { "re", "im" } pair each.</summary>
    private static void WriteInitial(Utf8JsonWriter w, IEnumerable<(string Re, string Im)> initial)
    {
        w.WriteStartArray("initial");
        foreach (var (re, im) in initial)
        {
            w.WriteStartObject();
            w.WriteString("re", re);
            w.WriteString("im", im);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (v == Math.Round(v) && Math.Abs(v) < int.MaxValue) w.WriteNumberValue((long)v);
            else w.WriteNumberValue(v);
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// Reads and validates the solver's output: every file present and well-formed, the sizes consistent with N, M and the
    /// sample count, the times equal to the requested ones, and every value finite. Any violation throws
    /// <see cref="ExternalSolverException"/> naming the file and the problem. Each complex quantity may come as one
    /// complex file (<c>z.npy</c>, <c>states.npy</c>) or as a real pair (<c>z_re.npy</c> + <c>z_im.npy</c>, …); each
    /// array may be flat or have its logical shape ((S, N, N) for z; (S, N, M) or (S, N, M_1, …, M_d) for the states),
    /// in C or Fortran memory order, in any element type and version <see cref="NpyReader"/> reads.
    /// </summary>
    public static ExternalOutput ReadOutput(string folder, int oscillators, int points, IReadOnlyList<double> sampleTimes, bool storeStates,
        IReadOnlyList<int>? gridSizes = null)
    {
        var output = Path.Combine(folder, OutputFolder);
        var n = oscillators;
        var s = sampleTimes.Count;
        var times = ReadReal(output, "times.npy", [[s]]);
        var scale = Math.Max(1.0, Math.Abs(sampleTimes[^1]));
        for (var i = 0; i < s; i++)
            if (!(Math.Abs(times[i] - sampleTimes[i]) <= TimeTolerance * scale))
                throw new ExternalSolverException(Inv($"out/times.npy: sample {i} is at t = {times[i]:R}, the harness asked for t = {sampleTimes[i]:R}"));
        var z = ReadComplex(output, "z", [[s, n, n]], "(S, N, N), index (s, j, k)");
        var correlations = new Complex[s][];
        for (var t = 0; t < s; t++)
        {
            correlations[t] = new Complex[n * n];
            for (var q = 0; q < n * n; q++)
            {
                var v = z[t * n * n + q];
                if (!double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary))
                    throw new ExternalSolverException(Inv($"out/z*.npy: non-finite z_{q / n}{q % n} = {v} at t = {sampleTimes[t]:R} (the solver diverged or wrote NaN)"));
                correlations[t][q] = v;
            }
        }
        Complex[][][]? states = null;
        if (storeStates)
        {
            long[][] shapes = gridSizes is { Count: > 1 }
                ? [[s, n, points], [s, n, .. gridSizes.Select(m => (long)m)]]
                : [[s, n, points]];
            var all = ReadComplex(output, "states", shapes, "(S, N, M) or (S, N, M_1, …, M_d), index (s, j, i)");
            states = new Complex[s][][];
            for (var t = 0; t < s; t++)
            {
                states[t] = new Complex[n][];
                for (var j = 0; j < n; j++)
                {
                    var psi = new Complex[points];
                    var offset = ((long)t * n + j) * points;
                    for (var i = 0; i < points; i++)
                    {
                        psi[i] = all[offset + i];
                        if (!double.IsFinite(psi[i].Real) || !double.IsFinite(psi[i].Imaginary))
                            throw new ExternalSolverException(Inv($"out/states*.npy: non-finite ψ_{j} at grid point {i}, t = {sampleTimes[t]:R}"));
                    }
                    states[t][j] = psi;
                }
            }
        }
        string? name = null, scheme = null, backend = null, version = null, commit = null;
        var info = Path.Combine(output, "solver.json");
        if (File.Exists(info))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(info));
                string? Get(string key) => doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                (name, scheme, backend, version, commit) = (Get("name"), Get("scheme"), Get("backend"), Get("version"), Get("commit"));
            }
            catch (JsonException e)
            {
                throw new ExternalSolverException($"out/solver.json is not valid JSON: {e.Message}");
            }
        }
        return new ExternalOutput(times, correlations, states, name, scheme, backend) { Version = version, Commit = commit };
    }

    /// <summary>A complex quantity from <c>{stem}.npy</c> (complex) or from <c>{stem}_re.npy</c> + <c>{stem}_im.npy</c> (real).</summary>
    private static Complex[] ReadComplex(string folder, string stem, long[][] shapes, string described)
    {
        var single = $"{stem}.npy";
        var (re, im) = ($"{stem}_re.npy", $"{stem}_im.npy");
        var hasSingle = File.Exists(Path.Combine(folder, single));
        if (hasSingle && (File.Exists(Path.Combine(folder, re)) || File.Exists(Path.Combine(folder, im))))
            throw new ExternalSolverException($"out/{single} and out/{re} (or {im}) are both present: write one form of {stem}, not both");
        if (hasSingle)
        {
            var data = ReadNpy(folder, single, shapes, described);
            if (!data.IsComplex)
                throw new ExternalSolverException($"out/{single} holds real numbers ('{data.Descriptor}'); a single {stem} file must be complex ('<c16'), or write {re} and {im}");
            return data.Values;
        }
        if (!File.Exists(Path.Combine(folder, re)) && !File.Exists(Path.Combine(folder, im)))
            throw new ExternalSolverException($"out/{re} is missing: the solver wrote neither {single} nor {re} and {im}");
        var real = ReadReal(folder, re, shapes, described);
        var imaginary = ReadReal(folder, im, shapes, described);
        var values = new Complex[real.Length];
        for (var i = 0; i < values.Length; i++) values[i] = new Complex(real[i], imaginary[i]);
        return values;
    }

    private static double[] ReadReal(string folder, string file, long[][] shapes, string? described = null)
    {
        var data = ReadNpy(folder, file, shapes, described);
        if (data.IsComplex) throw new ExternalSolverException($"out/{file} holds complex numbers ('{data.Descriptor}') where real numbers are expected");
        return data.Values.Select(v => v.Real).ToArray();
    }

    /// <summary>Reads one output array and checks its size (and, unless flat, its shape against the logical shapes).</summary>
    private static NpyData ReadNpy(string folder, string file, long[][] shapes, string? described)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path)) throw new ExternalSolverException($"out/{file} is missing: the solver wrote no such file");
        NpyData data;
        try
        {
            data = NpyReader.Read(File.ReadAllBytes(path), $"out/{file}");
        }
        catch (ReferenceFileException e)
        {
            throw new ExternalSolverException($"out/{file} is malformed: {e.Problem}");
        }
        var expected = shapes[0].Aggregate(1L, (p, d) => p * d);
        if (data.Count != expected)
            throw new ExternalSolverException(Inv($"out/{file} holds {data.Count} values; the contract asks for {expected}"));
        var flat = data.Shape.Length == 1;
        if (!flat && !shapes.Any(sh => sh.SequenceEqual(data.Shape)))
            throw new ExternalSolverException(Inv($"out/{file} has shape ({string.Join(", ", data.Shape)}); the contract asks for {described ?? "a flat array"} in C or Fortran order, or a flat array of {expected} values"));
        return data;
    }

    /// <summary>Writes the problem folder of a Kuramoto run (model "kuramoto"): omega.npy (Ω_j), theta0.npy (θ_j(0)),
    /// and in problem.json N, K, the scheme, dt (fixed-step schemes), the tolerances (adaptive ones) and the sample times.</summary>
    public static string WriteKuramotoProblem(string folder, KuramotoProblem problem, string scheme, double dt, double absoluteTolerance,
        double relativeTolerance, IReadOnlyList<double> sampleTimes)
    {
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(folder, OutputFolder));
        File.WriteAllBytes(Path.Combine(folder, "omega.npy"), NpyArray.Write(problem.NaturalFrequencies.ToArray()));
        File.WriteAllBytes(Path.Combine(folder, "theta0.npy"), NpyArray.Write(problem.InitialPhases.ToArray()));
        var path = Path.Combine(folder, "problem.json");
        using (var stream = File.Create(path))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("contract", ContractVersion);
            w.WriteString("model", "kuramoto");
            w.WriteNumber("oscillators", problem.NaturalFrequencies.Length);
            w.WriteNumber("coupling", problem.Coupling);
            w.WriteString("frequencies", "omega.npy");
            w.WriteString("initialPhases", "theta0.npy");
            w.WriteString("scheme", scheme);
            w.WriteNumber("dt", dt);
            w.WriteNumber("absoluteTolerance", absoluteTolerance);
            w.WriteNumber("relativeTolerance", relativeTolerance);
            WriteArray(w, "sampleTimes", sampleTimes);
            w.WriteString("output", OutputFolder);
            w.WriteEndObject();
        }
        return path;
    }

    /// <summary>Reads a Kuramoto run's output: times.npy (S) and theta.npy (S, N), the phases θ_j(t_s) unwrapped
    /// (continuous in t, not reduced mod 2π), C or Fortran order, or flat. Sizes, times and finiteness are checked as
    /// for the S-L contract; phases that jump by more than π between samples are refused, since the checks read
    /// unwrapped phases and a wrapped series would be misread as slips.</summary>
    public static (double[] Times, double[][] Phases) ReadKuramotoOutput(string folder, int oscillators, IReadOnlyList<double> sampleTimes,
        double maxPhaseStepPerSample)
    {
        var output = Path.Combine(folder, OutputFolder);
        var s = sampleTimes.Count;
        var n = oscillators;
        var times = ReadReal(output, "times.npy", [[s]]);
        var scale = Math.Max(1.0, Math.Abs(sampleTimes[^1]));
        for (var i = 0; i < s; i++)
            if (!(Math.Abs(times[i] - sampleTimes[i]) <= TimeTolerance * scale))
                throw new ExternalSolverException(Inv($"out/times.npy: sample {i} is at t = {times[i]:R}, the harness asked for t = {sampleTimes[i]:R}"));
        var flat = ReadReal(output, "theta.npy", [[s, n]], "(S, N), index (s, j)");
        var phases = new double[s][];
        for (var t = 0; t < s; t++)
        {
            phases[t] = new double[n];
            for (var j = 0; j < n; j++)
            {
                var v = flat[(long)t * n + j];
                if (!double.IsFinite(v)) throw new ExternalSolverException(Inv($"out/theta.npy: non-finite θ_{j} = {v} at t = {sampleTimes[t]:R}"));
                if (t > 0 && Math.Abs(v - phases[t - 1][j]) > maxPhaseStepPerSample)
                    throw new ExternalSolverException(Inv($"out/theta.npy: θ_{j} moves by {v - phases[t - 1][j]:G4} between t = {sampleTimes[t - 1]:R} and {sampleTimes[t]:R}, more than |Ω_j| + K allows ({maxPhaseStepPerSample:G4}); write unwrapped phases (numpy.unwrap), not phases mod 2π"));
                phases[t][j] = v;
            }
        }
        return (times, phases);
    }

    /// <summary>
    /// Writes the problem folder of a Wigner-Lohe run (model "wigner-lohe", CONTRACT.md): the x and p axes
    /// (<c>x{a}.npy</c>, <c>p{a}.npy</c>), the common potential V on the x-grid (<c>V.npy</c>) and on the half-step grid
    /// (<c>V_half.npy</c>: 2·M_a points per axis at −L_a/2 + i·L_a/(2M_a), so that V(x ± y/2) is a sample for every
    /// grid x and y), and the N² initial fields w_jk(0) (<c>w0_{j}_{k}_re.npy</c>, <c>_im</c>) in the phase-space layout
    /// of <see cref="QuantumSync.Numerics.Wigner.PhaseSpaceGrid"/>: shape (M_1, …, M_d, M_1, …, M_d), x axes first, row-major.
    /// </summary>
    public static string WriteWignerProblem(string folder, WignerLoheProblem discrete, string scheme, double dt, IReadOnlyList<double> sampleTimes,
        bool storeStates)
    {
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(folder, OutputFolder));
        var phase = discrete.Grid;
        var grid = phase.XGrid;
        var d = grid.Dimension;
        var axes = new List<string>();
        var momenta = new List<string>();
        for (var a = 0; a < d; a++)
        {
            var (x, p) = ($"x{a}.npy", $"p{a}.npy");
            File.WriteAllBytes(Path.Combine(folder, x), NpyArray.Write(grid.Coordinates(a)));
            File.WriteAllBytes(Path.Combine(folder, p), NpyArray.Write(phase.Momenta(a)));
            axes.Add(x);
            momenta.Add(p);
        }
        var potential = discrete.Potential;
        var onGrid = new double[grid.Count];
        var point = new double[d];
        var index = new int[d];
        for (var i = 0; i < grid.Count; i++)
        {
            Unflatten(i, grid.Sizes, index);
            for (var a = 0; a < d; a++) point[a] = grid.Coordinates(a)[index[a]];
            onGrid[i] = potential[point];
        }
        var halfSizes = grid.Sizes.Select(m => 2 * m).ToArray();
        var halfCount = halfSizes.Aggregate(1, (p, m) => p * m);
        var half = new double[halfCount];
        for (var i = 0; i < halfCount; i++)
        {
            Unflatten(i, halfSizes, index);
            for (var a = 0; a < d; a++) point[a] = -grid.Lengths[a] / 2 + index[a] * grid.Lengths[a] / halfSizes[a];
            half[i] = potential[point];
        }
        File.WriteAllBytes(Path.Combine(folder, "V.npy"), NpyArray.Write(onGrid));
        File.WriteAllBytes(Path.Combine(folder, "V_half.npy"), NpyArray.Write(half));
        var n = discrete.Oscillators;
        var initial = new List<(string Re, string Im)>();
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            var (re, im) = ($"w0_{j}_{k}_re.npy", $"w0_{j}_{k}_im.npy");
            var field = discrete.Initial[j * n + k];
            File.WriteAllBytes(Path.Combine(folder, re), NpyArray.Write(field.Select(c => c.Real).ToArray()));
            File.WriteAllBytes(Path.Combine(folder, im), NpyArray.Write(field.Select(c => c.Imaginary).ToArray()));
            initial.Add((re, im));
        }
        var path = Path.Combine(folder, "problem.json");
        using (var stream = File.Create(path))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("contract", ContractVersion);
            w.WriteString("model", "wigner-lohe");
            w.WriteNumber("dimension", d);
            w.WriteNumber("oscillators", n);
            w.WriteNumber("coupling", discrete.Coupling);
            w.WriteStartObject("grid");
            WriteArray(w, "points", grid.Sizes.Select(s => (double)s));
            WriteArray(w, "lengths", grid.Lengths);
            w.WriteStartArray("axes");
            foreach (var a in axes) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteStartArray("momenta");
            foreach (var a in momenta) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("potential");
            w.WriteString("grid", "V.npy");
            w.WriteString("halfGrid", "V_half.npy");
            w.WriteString("description", potential.Description);
            w.WriteEndObject();
            WriteRun(w, scheme, dt, sampleTimes, storeStates);
            WriteInitial(w, initial);
            w.WriteString("output", OutputFolder);
            w.WriteEndObject();
        }
        return path;
    }

    private static void Unflatten(int flat, IReadOnlyList<int> sizes, int[] index)
    {
        for (var a = sizes.Count - 1; a >= 0; a--)
        {
            index[a] = flat % sizes[a];
            flat /= sizes[a];
        }
    }

    /// <summary>
    /// Reads a Wigner-Lohe run's output: times.npy (S), z (S, N, N) as for S-L, and, when <paramref name="storeStates"/>,
    /// the fields w_jk(t_s) as <c>w.npy</c> (complex) or <c>w_re.npy</c> + <c>w_im.npy</c>, shape (S, N, N, P) with
    /// P = (Π M_a)² the phase-space points, or (S, N, N, M_1, …, M_d, M_1, …, M_d), or flat; C or Fortran order.
    /// Returns the fields as [sample][j·N + k][point] in the layout of the phase-space grid.
    /// </summary>
    public static (ExternalOutput Output, Complex[][][]? Fields) ReadWignerOutput(string folder, int oscillators, IReadOnlyList<int> gridSizes,
        IReadOnlyList<double> sampleTimes, bool storeStates)
    {
        var basic = ReadOutput(folder, oscillators, 0, sampleTimes, storeStates: false);
        if (!storeStates) return (basic, null);
        var output = Path.Combine(folder, OutputFolder);
        var n = oscillators;
        var s = sampleTimes.Count;
        var points = gridSizes.Aggregate(1L, (p, m) => p * m);
        points *= points;
        var sizes = gridSizes.Select(m => (long)m).ToArray();
        var all = ReadComplex(output, "w", [[s, n, n, points], [s, n, n, .. sizes, .. sizes]],
            "(S, N, N, P) or (S, N, N, M_1, …, M_d, M_1, …, M_d), index (s, j, k, x…, p…)");
        var fields = new Complex[s][][];
        for (var t = 0; t < s; t++)
        {
            fields[t] = new Complex[n * n][];
            for (var f = 0; f < n * n; f++)
            {
                var w = new Complex[points];
                var offset = ((long)t * n * n + f) * points;
                for (var i = 0; i < points; i++)
                {
                    w[i] = all[offset + i];
                    if (!double.IsFinite(w[i].Real) || !double.IsFinite(w[i].Imaginary))
                        throw new ExternalSolverException(Inv($"out/w*.npy: non-finite w_{f / n}{f % n} at phase-space point {i}, t = {sampleTimes[t]:R}"));
                }
                fields[t][f] = w;
            }
        }
        return (basic, fields);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
