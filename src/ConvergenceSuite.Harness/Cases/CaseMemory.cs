using System.Globalization;
using System.Text.Json;

namespace ConvergenceSuite.Harness.Cases;

/// <summary>
/// An estimate of the memory a case needs, made from the raw case file BEFORE anything is sampled (the loader samples
/// the initial data on the grid, so a 2²⁸-point grid would allocate gigabytes while "loading"). The loader refuses a case
/// whose estimate exceeds the memory available, naming the case and the estimate.
/// The estimate is a lower bound of the real working set (buffers of one run; the studies' extra runs are sequential):
/// it is meant to refuse what cannot fit, never to refuse what can.
/// </summary>
public static class CaseMemory
{
    /// <summary>Complex arrays of grid size per oscillator in one Schrödinger-Lohe run: the state, a stage copy and the
    /// FFT work buffer (the split-step solver and the loader's sampling each hold at least these).</summary>
    public const double SchrodingerArraysPerOscillator = 3;

    /// <summary>Complex arrays of phase-space size per field w_jk in one Wigner-Lohe run: the field and an FFT buffer.</summary>
    public const double WignerArraysPerField = 2;

    /// <summary>Doubles per oscillator in one Kuramoto run: the phases and the seven Dormand-Prince stages (RK4 needs fewer).</summary>
    public const double KuramotoDoublesPerOscillator = 8;

    private const double ComplexBytes = 16;

    /// <summary>Bytes the case needs at least, from its model, grid, oscillators, sample count and storeStates;
    /// fields it lacks count as nothing (the loader reports missing fields itself).</summary>
    public static double Estimate(JsonElement root)
    {
        var model = Str(root, "model");
        var storeStates = !(root.TryGetProperty("storeStates", out var st) && st.ValueKind == JsonValueKind.False);
        var samples = Samples(root);
        if (model == "kuramoto")
        {
            var n = root.TryGetProperty("oscillators", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetDouble() : 0;
            return n * 8 * KuramotoDoublesPerOscillator + samples * n * 8;
        }
        var points = 1.0;
        if (root.TryGetProperty("grid", out var g) && g.ValueKind == JsonValueKind.Object && g.TryGetProperty("points", out var p) && p.ValueKind == JsonValueKind.Array)
            foreach (var e in p.EnumerateArray())
                if (e.ValueKind == JsonValueKind.Number) points *= e.GetDouble();
        var osc = root.TryGetProperty("oscillators", out var os) && os.ValueKind == JsonValueKind.Array ? os.GetArrayLength() : 0;
        var correlations = samples * osc * osc * ComplexBytes;
        if (model == "wigner-lohe")
        {
            var phase = points * points;
            var fields = (double)osc * osc;
            return fields * phase * ComplexBytes * WignerArraysPerField + correlations + (storeStates ? samples * fields * phase * ComplexBytes : 0);
        }
        return osc * points * ComplexBytes * SchrodingerArraysPerOscillator + correlations + (storeStates ? samples * osc * points * ComplexBytes : 0);
    }

    /// <summary>final/sampleEvery + 1 (sampleEvery defaults to final); 0 when the fields are missing or invalid.</summary>
    public static double Samples(JsonElement root)
    {
        if (!root.TryGetProperty("time", out var t) || t.ValueKind != JsonValueKind.Object) return 0;
        if (!t.TryGetProperty("final", out var f) || f.ValueKind != JsonValueKind.Number) return 0;
        var final = f.GetDouble();
        var every = t.TryGetProperty("sampleEvery", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : final;
        return final > 0 && every > 0 ? Math.Floor(final / every) + 1 : 0;
    }

    /// <summary>Memory available to this process: MemAvailable of /proc/meminfo (Linux), capped by the GC's limit
    /// (container limit or physical memory).</summary>
    public static double Available()
    {
        double limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                var kb = double.Parse(line["MemAvailable:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                return Math.Min(limit, kb * 1024);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        catch (FormatException) { }
        return limit;
    }

    /// <summary>Throws a <see cref="CaseFileException"/> naming the case and the estimate when it exceeds <paramref name="available"/>.</summary>
    public static void Check(string file, JsonElement root, double available)
    {
        var estimate = Estimate(root);
        if (!(estimate > available)) return;
        var id = Str(root, "id") ?? Path.GetFileNameWithoutExtension(file);
        throw new CaseFileException(file, "$", string.Create(CultureInfo.InvariantCulture,
            $"case '{id}' needs at least {Gib(estimate)} of memory (grid, oscillators, {Samples(root):G6} samples{(root.TryGetProperty("storeStates", out var s) && s.ValueKind == JsonValueKind.False ? "" : ", stored states")}) but {Gib(available)} is available; refused before allocating anything (reduce grid.points, time.final/sampleEvery, or set \"storeStates\": false)"));
    }

    private static string Gib(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 30):G3} GiB");

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
