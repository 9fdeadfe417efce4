using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ConvergenceSuite.Harness.Regression;

/// <summary>Where and with what a reference was recorded. Volatile (commit, SDK, date): kept unchanged while the data
/// stay within tolerance, so that re-recording an unchanged solver rewrites nothing.</summary>
public sealed record ReferenceProvenance(
    string Solver,
    string Scheme,
    string Grid,
    double TimeStep,
    string FftBackend,
    string GitCommit,
    string Sdk,
    string Runtime,
    string Date);

/// <summary>A golden result of one case: its provenance and quantities.</summary>
/// <param name="CaseId">The case id.</param>
/// <param name="CaseSha256">SHA-256 of the case file the reference was recorded from (<c>CaseDefinition.Sha256</c>).</param>
/// <param name="Revision">1 for the first recording, +1 on every rewrite.</param>
/// <param name="Provenance">Solver, scheme, grid, dt, FFT backend, commit, SDK, runtime and date of the recording.</param>
/// <param name="Quantities">The stored quantities.</param>
public sealed record ReferenceData(string CaseId, string CaseSha256, int Revision, ReferenceProvenance Provenance, IReadOnlyList<Quantity> Quantities);

/// <summary>
/// The folder of reference files (reference-data/ of the repository). A case's reference is two files:
/// <c>&lt;case-id&gt;.v1.json</c> (manifest: provenance, one entry per quantity with name, kind, description, shape,
/// complex flag, offset and length in the data array; SHA-256 of the data file; SHA-256 of the manifest itself) and
/// <c>&lt;case-id&gt;.v1.npy</c> (all quantities as one little-endian float64 vector, complex values as (re, im) pairs).
/// "v1" is the format version. Files are written atomically (temporary file, then rename); every read verifies both
/// hashes, so a changed byte or a truncated file is reported with the file's name.
/// </summary>
public sealed class ReferenceStore
{
    /// <summary>Version of the file format, part of every file name.</summary>
    public const int FormatVersion = 1;

    /// <summary>Value of the manifest's "format" field.</summary>
    public const string FormatName = "convergence-suite-reference";

    /// <summary>File (in the folder) that records every rewrite, one line each.</summary>
    public const string ChangelogName = "CHANGELOG.md";

    private static readonly Regex ManifestHashField = new("\"manifestSha256\": \"([0-9a-f]*)\"", RegexOptions.CultureInvariant);

    /// <summary>A store over <paramref name="folder"/> (made absolute; it need not exist yet).</summary>
    public ReferenceStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>Absolute path of the reference-data folder.</summary>
    public string Folder { get; }

    /// <summary>Path of the case's JSON manifest, "{id}.v{FormatVersion}.json".</summary>
    public string ManifestPath(string caseId) => Path.Combine(Folder, $"{caseId}.v{FormatVersion}.json");

    /// <summary>Path of the case's data file, "{id}.v{FormatVersion}.npy".</summary>
    public string DataPath(string caseId) => Path.Combine(Folder, $"{caseId}.v{FormatVersion}.npy");

    /// <summary>The repository's reference-data/ (the folder holding ConvergenceSuite.sln, searched upward from the
    /// working directory, then from the binary), or null when no repository is found.</summary>
    public static ReferenceStore? FindDefault()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ConvergenceSuite.sln"))) return new ReferenceStore(Path.Combine(dir.FullName, "reference-data"));
        }
        return null;
    }

    /// <summary>The reference of a case, or null when it has none (no manifest). A manifest or data file that is
    /// malformed, truncated or does not match its recorded hash throws <see cref="ReferenceFileException"/> naming it.</summary>
    public ReferenceData? TryLoad(string caseId)
    {
        var manifestPath = ManifestPath(caseId);
        if (!File.Exists(manifestPath)) return null;
        var bytes = File.ReadAllBytes(manifestPath);
        var text = Encoding.UTF8.GetString(bytes);
        var hashMatch = ManifestHashField.Match(text);
        if (!hashMatch.Success) throw new ReferenceFileException(manifestPath, "no \"manifestSha256\" field: not a reference manifest, or damaged");
        var canonical = text[..hashMatch.Groups[1].Index] + text[(hashMatch.Groups[1].Index + hashMatch.Groups[1].Length)..];
        var actual = Sha256(Encoding.UTF8.GetBytes(canonical));
        if (!string.Equals(actual, hashMatch.Groups[1].Value, StringComparison.Ordinal))
            throw new ReferenceFileException(manifestPath, $"manifest SHA-256 mismatch: recorded {Short(hashMatch.Groups[1].Value)}, content hashes to {Short(actual)} (the file was edited or damaged)");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new ReferenceFileException(manifestPath, $"malformed JSON: {e.Message}");
        }
        using (document)
        {
            try
            {
                return Parse(document.RootElement, caseId, manifestPath);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new ReferenceFileException(manifestPath, $"malformed manifest: {e.Message}");
            }
        }
    }

    private ReferenceData Parse(JsonElement root, string caseId, string manifestPath)
    {
        var format = root.GetProperty("format").GetString();
        var version = root.GetProperty("formatVersion").GetInt32();
        if (format != FormatName || version != FormatVersion)
            throw new ReferenceFileException(manifestPath, $"format {format} v{version}; expected {FormatName} v{FormatVersion}");
        var id = root.GetProperty("caseId").GetString()!;
        if (id != caseId) throw new ReferenceFileException(manifestPath, $"records case '{id}', not '{caseId}'");
        var p = root.GetProperty("provenance");
        var provenance = new ReferenceProvenance(
            p.GetProperty("solver").GetString()!, p.GetProperty("scheme").GetString()!, p.GetProperty("grid").GetString()!,
            p.GetProperty("dt").GetDouble(), p.GetProperty("fftBackend").GetString()!, p.GetProperty("gitCommit").GetString()!,
            p.GetProperty("sdk").GetString()!, p.GetProperty("runtime").GetString()!, p.GetProperty("date").GetString()!);
        var data = root.GetProperty("data");
        var dataFile = data.GetProperty("file").GetString()!;
        var dataPath = Path.Combine(Folder, dataFile);
        if (dataFile != Path.GetFileName(DataPath(caseId))) throw new ReferenceFileException(manifestPath, $"names data file '{dataFile}', expected '{Path.GetFileName(DataPath(caseId))}'");
        if (!File.Exists(dataPath)) throw new ReferenceFileException(dataPath, $"missing (named by {Path.GetFileName(manifestPath)})");
        var npy = File.ReadAllBytes(dataPath);
        var recorded = data.GetProperty("sha256").GetString()!;
        var hash = Sha256(npy);
        if (!string.Equals(hash, recorded, StringComparison.Ordinal))
            throw new ReferenceFileException(dataPath, $"data SHA-256 mismatch: {Path.GetFileName(manifestPath)} records {Short(recorded)}, the file hashes to {Short(hash)} ({npy.Length} bytes; tampered or truncated)");
        var values = NpyArray.Read(npy, dataPath);
        var quantities = new List<Quantity>();
        foreach (var q in root.GetProperty("quantities").EnumerateArray())
        {
            var name = q.GetProperty("name").GetString()!;
            var kindText = q.GetProperty("kind").GetString()!;
            if (!Enum.TryParse<QuantityKind>(kindText, out var kind)) throw new ReferenceFileException(manifestPath, $"quantity '{name}' has unknown kind '{kindText}'");
            var shape = q.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var complex = q.GetProperty("complex").GetBoolean();
            var offset = q.GetProperty("offset").GetInt64();
            var length = q.GetProperty("length").GetInt64();
            var expected = shape.Aggregate(1L, (a, b) => a * b) * (complex ? 2 : 1);
            if (length != expected || offset < 0 || offset + length > values.Length)
                throw new ReferenceFileException(manifestPath, $"quantity '{name}': offset {offset}, length {length} do not fit shape [{string.Join(",", shape)}] and {values.Length} stored values");
            quantities.Add(new Quantity(name, kind, q.GetProperty("description").GetString()!, shape, complex, values.AsSpan((int)offset, (int)length).ToArray()));
        }
        return new ReferenceData(id, root.GetProperty("caseSha256").GetString()!, root.GetProperty("revision").GetInt32(), provenance, quantities);
    }

    /// <summary>Writes the reference's two files atomically (each to a temporary file in the folder, flushed, then
    /// renamed over the final name: data first, then the manifest that hashes it).</summary>
    public void Save(ReferenceData reference)
    {
        Directory.CreateDirectory(Folder);
        var (manifest, npy) = Serialise(reference);
        WriteAtomically(DataPath(reference.CaseId), npy);
        WriteAtomically(ManifestPath(reference.CaseId), manifest);
    }

    /// <summary>The manifest and .npy bytes of a reference (deterministic: same reference → same bytes).</summary>
    public (byte[] Manifest, byte[] Data) Serialise(ReferenceData reference)
    {
        var all = new List<double>();
        var entries = new List<(Quantity Q, int Offset)>();
        foreach (var q in reference.Quantities)
        {
            q.Validated();
            entries.Add((q, all.Count));
            all.AddRange(q.Values);
        }
        var npy = NpyArray.Write(all);
        var withoutHash = Manifest(reference, entries, Sha256(npy), "");
        var manifest = Manifest(reference, entries, Sha256(npy), Sha256(withoutHash));
        return (manifest, npy);
    }

    private byte[] Manifest(ReferenceData r, List<(Quantity Q, int Offset)> entries, string dataHash, string manifestHash)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("caseId", r.CaseId);
            w.WriteString("caseSha256", r.CaseSha256);
            w.WriteNumber("revision", r.Revision);
            w.WriteStartObject("provenance");
            w.WriteString("solver", r.Provenance.Solver);
            w.WriteString("scheme", r.Provenance.Scheme);
            w.WriteString("grid", r.Provenance.Grid);
            w.WritePropertyName("dt");
            w.WriteRawValue(r.Provenance.TimeStep.ToString("R", CultureInfo.InvariantCulture));
            w.WriteString("fftBackend", r.Provenance.FftBackend);
            w.WriteString("gitCommit", r.Provenance.GitCommit);
            w.WriteString("sdk", r.Provenance.Sdk);
            w.WriteString("runtime", r.Provenance.Runtime);
            w.WriteString("date", r.Provenance.Date);
            w.WriteEndObject();
            w.WriteStartObject("data");
            w.WriteString("file", Path.GetFileName(DataPath(r.CaseId)));
            w.WriteString("format", "npy 1.0, little-endian float64, one-dimensional; complex quantities as (re, im) pairs");
            w.WriteNumber("length", entries.Sum(e => (long)e.Q.Values.Length));
            w.WriteString("sha256", dataHash);
            w.WriteEndObject();
            w.WriteStartArray("quantities");
            foreach (var (q, offset) in entries)
            {
                w.WriteStartObject();
                w.WriteString("name", q.Name);
                w.WriteString("kind", q.Kind.ToString());
                w.WriteString("description", q.Description);
                w.WriteStartArray("shape");
                foreach (var s in q.Shape) w.WriteNumberValue(s);
                w.WriteEndArray();
                w.WriteBoolean("complex", q.IsComplex);
                w.WriteNumber("offset", offset);
                w.WriteNumber("length", q.Values.Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("manifestSha256", manifestHash);
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Appends lines to <see cref="ChangelogName"/> (created with a heading when missing).</summary>
    public void AppendChangelog(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0) return;
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, ChangelogName);
        var text = new StringBuilder();
        if (!File.Exists(path)) text.Append("# Reference data changelog\n\nOne line per created or rewritten reference (written by `verify --update-reference`).\n\n");
        foreach (var line in list) text.Append("- ").Append(line).Append('\n');
        File.AppendAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>SHA-256 of the bytes as lower-case hex.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Short(string hash) => hash.Length > 16 ? hash[..16] + "…" : hash;
}
