using System.Numerics;
using System.Text.Json;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Checks;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.States;
using QuantumSync.Numerics;

namespace ConvergenceSuite.Harness.Cases;

/// <summary>
/// Reads case files. Every problem is reported as a <see cref="CaseFileException"/> naming the file, the JSON
/// path and what is wrong; unknown fields are errors. The format is documented in verification/cases/README.md.
/// </summary>
public static class CaseLoader
{
    /// <summary>Initial data whose Fourier tail holds more than this fraction of the energy are under-resolved:
    /// amplitudes ≈ 1e-10 at |k| &gt; 0.8 k_max would spoil 1e-10-level checks.</summary>
    public const double SpectralTailTolerance = 1e-20;

    /// <summary>Initial mass within 5 % of the box edge above this fraction wraps around in the periodic box.</summary>
    public const double EdgeMassTolerance = 1e-20;

    /// <summary>Most sample times a case may ask for: 10⁸ (the sample-time array alone is then 800 MB).</summary>
    public const double MaxSamples = 1e8;

    /// <summary>Loads every *.json file under a folder, sorted by path; a bad file throws naming itself.</summary>
    public static IReadOnlyList<CaseDefinition> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"No case folder at {folder}.");
        var cases = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(LoadFile)
            .ToList();
        var duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CaseFileException(duplicate.Last().File, "$.id", $"id '{duplicate.Key}' is also used by {duplicate.First().File}");
        return cases;
    }

    /// <summary>Reads and parses one case file; throws <see cref="CaseFileException"/> on bad input.</summary>
    public static CaseDefinition LoadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Parse(path, bytes);
    }

    /// <summary>Parses a case file's UTF-8 bytes (comments allowed, trailing commas not): schema and memory checks, then the
    /// model's reader and the checks; <paramref name="file"/> names the file in errors.</summary>
    public static CaseDefinition Parse(string file, byte[] utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new CaseFileException(file, $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}", $"malformed JSON: {e.Message}");
        }
        using (document)
        {
            Schema.CaseSchema.Check(file, document.RootElement);
            CaseMemory.Check(file, document.RootElement, AvailableMemory());
            var root = new JsonFields(file, "$", document.RootElement);
            root.Ignore("$schema");
            var id = root.String("id");
            if (string.IsNullOrWhiteSpace(id) || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                throw root.Error("id", "must be non-empty and use only letters, digits, '-', '_' and '.'");
            var description = root.StringOr("description", "")!;
            var tier = root.StringOr("tier", "quick") switch
            {
                "quick" => Tier.Quick,
                "full" => Tier.Full,
                var other => throw root.Error("tier", $"must be \"quick\" or \"full\", not \"{other}\""),
            };
            var model = root.String("model");
            if (!Readers.Value.TryGetValue(model, out var reader))
                throw root.Error("model", $"unknown model \"{model}\"; known: {string.Join(", ", Readers.Value.Keys.Order(StringComparer.Ordinal))}");
            var (problem, resolution) = reader.Read(root);
            var solver = root.StringOr("solver", "split-step")!;
            var storeStates = root.BooleanOr("storeStates", true);
            double? budget = root.Has("budgetSeconds") ? root.Number("budgetSeconds") : null;
            if (budget is { } b && !(b > 0 && double.IsFinite(b))) throw root.Error("budgetSeconds", $"must be a positive number of seconds; got {b}");
            External.ExternalCommands.Read(root, solver, problem);
            var checks = root.Objects("checks").Select(c => CheckRegistry.Create(c, problem)).ToList();
            if (checks.Count == 0) throw root.Error("checks", "a case needs at least one check");
            if (Solvers.SchemeDeclarations.IsBuiltInSolver(solver) && solver != External.ExternalCommands.SolverName
                && problem.Model is ModelKind.SchrodingerLohe or ModelKind.WignerLohe)
            {
                // Studies accept names a solver outside the suite may declare; a built-in solver has the registry only.
                for (var i = 0; i < checks.Count; i++)
                {
                    if (checks[i] is not Solvers.IUsesSchemes uses) continue;
                    foreach (var name in uses.SchemesUsed)
                    {
                        try { QuantumSync.Solvers.SchrodingerLohe.SplittingSchemes.Get(name); }
                        catch (ArgumentException e) { throw new CaseFileException(file, $"$.checks[{i}].{(checks[i] is Studies.WorkPrecisionCheck ? "schemes" : "scheme")}", e.Message); }
                    }
                }
            }
            var dup = checks.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) throw root.Error("checks", $"check '{dup.Key}' is listed twice");
            root.EnsureAllRead();
            var hash = Schema.CaseSchema.ContentHash(utf8);
            return new CaseDefinition(id, description, tier, file, hash, problem, resolution, solver, storeStates, checks) { BudgetSeconds = budget };
        }
    }

    /// <summary>Model readers, found by reflection in the harness assembly (one per "model" value).</summary>
    private static readonly Lazy<Dictionary<string, IModelReader>> Readers = new(() =>
        typeof(IModelReader).Assembly.GetTypes()
            .Where(t => typeof(IModelReader).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IModelReader)Activator.CreateInstance(t)!)
            .ToDictionary(r => r.Model, StringComparer.Ordinal));

    /// <summary>Reads the model-specific fields of a Schrödinger-Lohe case.</summary>
    internal static (Problem, Resolution) ReadSchrodingerLohe(JsonFields root)
    {
        var coupling = root.Number("coupling");
        if (coupling < 0) throw root.Error("coupling", $"K must be ≥ 0; got {coupling}");

        var grid = root.Object("grid");
        var points = grid.Integers("points");
        var lengths = grid.Numbers("lengths");
        var torus = grid.BooleanOr("torus", false);
        grid.EnsureAllRead();
        if (points.Length is < 1 or > 3) throw grid.Error("points", $"1 to 3 axes are supported; got {points.Length}");
        if (lengths.Length != points.Length) throw grid.Error("lengths", $"{points.Length} axes in points but {lengths.Length} lengths");
        for (var a = 0; a < points.Length; a++)
        {
            if (points[a] < 4) throw new CaseFileException(root.File, $"{grid.Child("points")}[{a}]", $"at least 4 points per axis; got {points[a]}");
            if (lengths[a] <= 0) throw new CaseFileException(root.File, $"{grid.Child("lengths")}[{a}]", $"box length must be positive; got {lengths[a]}");
        }
        var dimension = points.Length;

        var oscillators = root.Objects("oscillators");
        if (oscillators.Count < 1) throw root.Error("oscillators", "at least one oscillator is needed");
        var recipes = oscillators.Select((o, j) => ReadState(o, dimension, j)).ToList();

        var potentialFields = root.Objects("potentials");
        if (potentialFields.Count != 1 && potentialFields.Count != recipes.Count)
            throw root.Error("potentials", $"give one potential (shared) or one per oscillator ({recipes.Count}); got {potentialFields.Count}");
        var parsed = potentialFields.Select(p => ReadPotential(p, dimension)).ToList();
        var potentials = potentialFields.Count == 1 ? Enumerable.Repeat(parsed[0], recipes.Count).ToList() : parsed;

        var normalise = root.BooleanOr("normalise", true);
        var (final, samples, dt) = ReadTime(root);
        var scheme = ReadScheme(root);

        var spec = new SchrodingerLoheSpec(lengths, points, coupling, potentials, recipes, normalise, final, samples);
        ValidateData(root, spec, torus);
        return (spec, new Resolution(scheme, dt, points));
    }

    /// <summary>The case's splitting "scheme" (default strang), for S-L and W-L cases.</summary>
    internal static string ReadScheme(JsonFields root)
    {
        var scheme = root.StringOr("scheme", "strang")!;
        // A built-in solver implements the splitting registry only, so any other name is a typo caught here; a solver from
        // outside the suite may declare its own schemes (checked against its declarations when the case runs), and so may
        // an external process (the "schemes" of the case's "external" block).
        if (SolverOf(root) is var solverName && Solvers.SchemeDeclarations.IsBuiltInSolver(solverName) && solverName != External.ExternalCommands.SolverName)
        {
            try { QuantumSync.Solvers.SchrodingerLohe.SplittingSchemes.Get(scheme); }
            catch (ArgumentException e) { throw root.Error("scheme", e.Message); }
        }
        else if (!Solvers.SchemeDeclarations.IsWellFormedName(scheme))
            throw root.Error("scheme", $"'{scheme}' is not a scheme name (expected {Solvers.SchemeDeclarations.NamePattern})");
        return scheme;
    }

    /// <summary>The case's "solver" (default split-step), read ahead of its turn (it is marked read where the loader reads it).</summary>
    private static string SolverOf(JsonFields root) =>
        root.Element.TryGetProperty("solver", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "split-step";

    /// <summary>Samples the initial data once to reject non-normalisable data and grids too coarse for them.</summary>
    /// <remarks>With <c>torus</c> the problem is posed on the torus itself (periodic data, Section 2.1), not on ℝ^d cut
    /// to a box: mass at the box edge is then legitimate and not checked.</remarks>
    private static void ValidateData(JsonFields root, SchrodingerLoheSpec spec, bool torus)
    {
        var grid = spec.Grid();
        var states = new List<Complex[]>();
        var k2 = grid.WavenumberSquared();
        var kMax = Enumerable.Range(0, grid.Dimension).Min(a => Math.PI / grid.Spacings[a]);
        var edge = grid.Evaluate(x => x.Select((v, a) => Math.Abs(v) > 0.45 * grid.Lengths[a] ? 1.0 : 0.0).Max());
        for (var j = 0; j < spec.Initial.Count; j++)
        {
            var path = $"$.oscillators[{j}]";
            Complex[] psi;
            try { psi = spec.Initial[j].Sample(grid, states); }
            catch (ArgumentException e) { throw new CaseFileException(root.File, path, e.Message); }
            states.Add(psi);
            var norm2 = Integrals.NormSquared(psi, grid.CellVolume);
            if (!(norm2 > 0) || !double.IsFinite(norm2))
                throw new CaseFileException(root.File, path, $"the initial state is not normalisable: ||ψ||² = {norm2}");
            var edgeMass = 0.0;
            for (var i = 0; i < psi.Length; i++) edgeMass += edge[i] * (psi[i].Real * psi[i].Real + psi[i].Imaginary * psi[i].Imaginary);
            edgeMass *= grid.CellVolume / norm2;
            if (!torus && edgeMass > EdgeMassTolerance)
                throw new CaseFileException(root.File, path, $"the box is too small for this state: a fraction {edgeMass:E2} of its mass lies within 5% of the box edge (limit {EdgeMassTolerance:E0})");
            using var buffer = new ComplexBuffer(psi.Length);
            psi.CopyTo(buffer.Span);
            QuantumSync.Numerics.Fft.FftBackends.Default.Plan(grid.Sizes).Execute(buffer, 0, QuantumSync.Numerics.Fft.FftDirection.Forward);
            double total = 0, tail = 0;
            var span = buffer.Span;
            for (var i = 0; i < psi.Length; i++)
            {
                var e = span[i].Real * span[i].Real + span[i].Imaginary * span[i].Imaginary;
                total += e;
                if (k2[i] > 0.64 * kMax * kMax) tail += e;
            }
            if (tail / total > SpectralTailTolerance)
                throw new CaseFileException(root.File, path, $"the grid is too coarse for this state: a fraction {tail / total:E2} of its spectral energy lies above 0.8 k_max (limit {SpectralTailTolerance:E0}); refine $.grid.points");
        }
    }

    /// <summary>The memory the loader compares case estimates with (<see cref="CaseMemory.Available"/>); tests may lower it.</summary>
    public static Func<double> AvailableMemory { get; set; } = CaseMemory.Available;

    internal static (double Final, double[] Samples, double Dt) ReadTime(JsonFields root)
    {
        var time = root.Object("time");
        var final = time.Number("final");
        var dt = time.Number("dt");
        var every = time.NumberOr("sampleEvery", final);
        time.EnsureAllRead();
        if (final <= 0) throw time.Error("final", $"must be positive; got {final}");
        if (dt <= 0) throw time.Error("dt", $"must be positive; got {dt}");
        if (every <= 0) throw time.Error("sampleEvery", $"must be positive; got {every}");
        var ratio = every / dt;
        if (Math.Abs(ratio - Math.Round(ratio)) > 1e-9 * ratio) throw time.Error("sampleEvery", $"{every} is not a multiple of dt = {dt}");
        var count = final / every;
        if (Math.Abs(count - Math.Round(count)) > 1e-9 * count) throw time.Error("final", $"{final} is not a multiple of sampleEvery = {every}");
        if (count + 1 > MaxSamples) throw time.Error("sampleEvery", $"{count + 1:G4} samples (final / sampleEvery + 1); at most {MaxSamples:G4} are supported");
        var samples = Enumerable.Range(0, (int)Math.Round(count) + 1).Select(i => i * every).ToArray();
        samples[^1] = final;
        return (final, samples, dt);
    }

    internal static Potential ReadPotential(JsonFields p, int dimension)
    {
        var kind = p.String("kind");
        Potential result = kind switch
        {
            "zero" => Potential.Zero,
            "constant" => Potential.Constant(p.Number("value")),
            "harmonic" => ReadHarmonic(p, dimension),
            _ => throw p.Error("kind", $"unknown potential kind \"{kind}\"; known: zero, constant, harmonic"),
        };
        p.EnsureAllRead();
        return result;
    }

    /// <summary>"omega": ω (every axis) or "omegas": [ω_1, …, ω_d] (one per axis); optional "center" and "offset" Ω:
    /// V = Σ_a ω_a²(x_a − c_a)²/2 + Ω.</summary>
    private static Potential ReadHarmonic(JsonFields p, int dimension)
    {
        if (p.Has("omega") == p.Has("omegas"))
            throw p.Error("omega", "give exactly one of \"omega\" (one ω for every axis) and \"omegas\" (one ω per axis)");
        var omegas = p.Has("omega") ? [p.Number("omega")] : Vector(p, "omegas", dimension)!;
        var center = Vector(p, "center", dimension) ?? new double[dimension];
        var offset = p.NumberOr("offset", 0.0);
        return Potential.Harmonic(omegas, center, offset);
    }

    internal static double[]? Vector(JsonFields f, string name, int dimension)
    {
        var v = f.NumbersOr(name, null);
        if (v is not null && v.Length != dimension) throw f.Error(name, $"needs {dimension} components (the grid's dimension); got {v.Length}");
        return v;
    }

    internal static StateRecipe ReadState(JsonFields s, int dimension, int index)
    {
        var kind = s.String("kind");
        var coefficient = s.NumbersOr("coefficient", [1.0, 0.0])!;
        if (coefficient.Length != 2) throw s.Error("coefficient", "a complex number is written [re, im]");
        var c = new Complex(coefficient[0], coefficient[1]);
        StateRecipe recipe;
        switch (kind)
        {
            case "gaussian":
            {
                var center = Vector(s, "center", dimension) ?? throw s.Error("center", "required field is missing");
                var momentum = Vector(s, "momentum", dimension) ?? new double[dimension];
                var width = s.Number("width");
                if (width <= 0) throw s.Error("width", $"must be positive; got {width}");
                recipe = new StateRecipe($"gaussian(x0=[{string.Join(",", center)}], p0=[{string.Join(",", momentum)}], σ={width})",
                    (g, _) => InitialStates.Gaussian(g, center, momentum, width)) { Gaussian = new GaussianParameters(center, momentum, width) };
                break;
            }
            case "random":
            {
                var seed = s.Integer("seed");
                var bandwidth = s.Number("bandwidth");
                var envelope = s.Number("envelope");
                if (bandwidth <= 0) throw s.Error("bandwidth", "must be positive");
                if (envelope <= 0) throw s.Error("envelope", "must be positive");
                recipe = new StateRecipe($"random(seed={seed}, κ={bandwidth}, s={envelope})",
                    (g, _) => InitialStates.RandomSmooth(g, seed, bandwidth, envelope));
                break;
            }
            case "superposition":
            {
                var parts = s.Objects("components").Select((o, i) => ReadState(o, dimension, index)).ToList();
                if (parts.Count == 0) throw s.Error("components", "at least one component is needed");
                recipe = new StateRecipe($"superposition({string.Join(" + ", parts.Select(p => p.Description))})", (g, previous) =>
                {
                    var sum = new Complex[g.Count];
                    foreach (var part in parts)
                    {
                        var v = part.Sample(g, previous);
                        for (var i = 0; i < sum.Length; i++) sum[i] += v[i];
                    }
                    return sum;
                });
                break;
            }
            case "copy":
            {
                var of = s.Integer("of");
                if (of < 0 || of >= index) throw s.Error("of", $"must name an earlier oscillator (0..{index - 1}); got {of}");
                recipe = new StateRecipe($"copy of ψ_{of}", (_, previous) => previous[of].ToArray());
                break;
            }
            case "constant":
            {
                var theta = s.Number("theta");
                recipe = new StateRecipe($"e^(-iθ)/√|T|, θ={theta}", (g, _) =>
                {
                    var volume = g.Lengths.Aggregate(1.0, (p, l) => p * l);
                    return Enumerable.Repeat(Complex.FromPolarCoordinates(1 / Math.Sqrt(volume), -theta), g.Count).ToArray();
                });
                break;
            }
            default:
                throw s.Error("kind", $"unknown state kind \"{kind}\"; known: gaussian, random, superposition, copy, constant");
        }
        s.EnsureAllRead();
        if (c == Complex.One) return recipe;
        return new StateRecipe($"({c.Real}{(c.Imaginary >= 0 ? "+" : "")}{c.Imaginary}i)·{recipe.Description}",
            (g, previous) => recipe.Sample(g, previous).Select(v => c * v).ToArray());
    }
}
