using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Reports.Json;

/// <summary>
/// Writes a <see cref="VerificationSummary"/> as <c>summary.json</c> and reads it back.
/// The schema is documented field by field in SUMMARY-SCHEMA.md next to this project.
/// </summary>
/// <remarks>
/// Finite doubles are written as JSON numbers in the shortest form that round-trips exactly
/// (System.Text.Json's formatter, culture-independent). JSON has no NaN or infinity, so non-finite
/// doubles are written as the strings "NaN", "Infinity" and "-Infinity"; the reader accepts a number
/// or exactly one of those three strings wherever a double is expected. A check's convergence study
/// (<see cref="CheckResult.Study"/>) is the "study" object, null for other checks; files without the
/// field (written before it existed) read as Study = null. The claims ledger's run is the top-level "claims" object
/// (null when the ledger did not run); files without it read as Claims = null, so the schema version stays 1.
/// </remarks>
public static class SummaryJson
{
    /// <summary>Name of the file inside a report directory.</summary>
    public const string FileName = "summary.json";

    /// <summary>String written for <see cref="double.NaN"/>.</summary>
    public const string NaNToken = "NaN";

    /// <summary>String written for <see cref="double.PositiveInfinity"/>.</summary>
    public const string PositiveInfinityToken = "Infinity";

    /// <summary>String written for <see cref="double.NegativeInfinity"/>.</summary>
    public const string NegativeInfinityToken = "-Infinity";

    // Relaxed escaping keeps "ψ", "‖", "<" readable; summary.json is never embedded in HTML or script.
    private static readonly JsonWriterOptions IndentedOptions =
        new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions CompactOptions =
        new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serialises the summary to UTF-8 JSON bytes (no BOM, "\n" line endings).</summary>
    public static byte[] ToUtf8Bytes(VerificationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var stream = new MemoryStream();
        Write(summary, stream);
        return stream.ToArray();
    }

    /// <summary>Serialises the summary to a JSON string.</summary>
    public static string ToJson(VerificationSummary summary) => Encoding.UTF8.GetString(ToUtf8Bytes(summary));

    /// <summary>Writes the summary as UTF-8 JSON to <paramref name="stream"/>.</summary>
    public static void Write(VerificationSummary summary, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, IndentedOptions);
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", VerificationSummary.SchemaVersion);
        w.WriteString("runId", summary.RunId);
        w.WriteBoolean("allPassed", summary.AllPassed);
        WriteEnvironment(w, summary.Environment);
        WriteCoverage(w, summary.Coverage);
        w.WriteStartArray("failingChecks");
        foreach (var f in summary.FailingChecks())
        {
            w.WriteStringValue(f);
        }
        w.WriteEndArray();
        w.WriteStartArray("cases");
        foreach (var c in summary.Cases)
        {
            WriteCase(w, c);
        }
        w.WriteEndArray();
        WriteClaims(w, summary.Claims);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteEnvironment(Utf8JsonWriter w, EnvironmentInfo e)
    {
        w.WriteStartObject("environment");
        w.WriteString("fftBackend", e.FftBackend);
        w.WriteString("runtime", e.Runtime);
        w.WriteString("operatingSystem", e.OperatingSystem);
        w.WriteNumber("processorCount", e.ProcessorCount);
        w.WriteString("gitCommit", e.GitCommit);
        w.WriteString("date", e.Date.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("tier", e.Tier);
        if (e.CaseFilter is null)
        {
            w.WriteNull("caseFilter");
        }
        else
        {
            w.WriteString("caseFilter", e.CaseFilter);
        }
        w.WriteEndObject();
    }

    private static void WriteCoverage(Utf8JsonWriter w, CoverageSummary? c)
    {
        if (c is null)
        {
            w.WriteNull("coverage");
            return;
        }
        w.WriteStartObject("coverage");
        w.WriteString("scope", c.Scope);
        WriteDouble(w, "lineRate", c.LineRate);
        WriteDouble(w, "branchRate", c.BranchRate);
        w.WriteNumber("linesCovered", c.LinesCovered);
        w.WriteNumber("linesValid", c.LinesValid);
        w.WriteNumber("branchesCovered", c.BranchesCovered);
        w.WriteNumber("branchesValid", c.BranchesValid);
        w.WriteString("report", c.Report);
        w.WriteStartArray("assemblies");
        foreach (var a in c.Assemblies)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            WriteDouble(w, "lineRate", a.LineRate);
            WriteDouble(w, "branchRate", a.BranchRate);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static CoverageSummary? ReadCoverage(JsonElement root)
    {
        if (!root.TryGetProperty("coverage", out var c) || c.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        const string path = "$.coverage";
        RequireKind(c, JsonValueKind.Object, path);
        var list = Get(c, "assemblies", path);
        RequireKind(list, JsonValueKind.Array, path + ".assemblies");
        var assemblies = new List<AssemblyCoverage>();
        var i = 0;
        foreach (var a in list.EnumerateArray())
        {
            var p = $"{path}.assemblies[{i++}]";
            RequireKind(a, JsonValueKind.Object, p);
            assemblies.Add(new AssemblyCoverage(GetString(a, "name", p), GetDouble(Get(a, "lineRate", p), p + ".lineRate"),
                GetDouble(Get(a, "branchRate", p), p + ".branchRate")));
        }
        return new CoverageSummary(
            GetDouble(Get(c, "lineRate", path), path + ".lineRate"),
            GetDouble(Get(c, "branchRate", path), path + ".branchRate"),
            GetLong(c, "linesCovered", path),
            GetLong(c, "linesValid", path),
            GetLong(c, "branchesCovered", path),
            GetLong(c, "branchesValid", path),
            GetString(c, "scope", path),
            GetString(c, "report", path),
            assemblies);
    }

    private static long GetLong(JsonElement obj, string name, string path)
    {
        var v = Get(obj, name, path);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var l))
        {
            throw new InvalidDataException($"{path}.{name}: expected an integer.");
        }
        return l;
    }

    /// <summary>"claims": the ledger run, or null when the ledger did not run. Verdicts are <see cref="Verdict"/> names as
    /// for checks (Pass = the statement holds, Fail = violated).</summary>
    private static void WriteClaims(Utf8JsonWriter w, LedgerRun? run)
    {
        if (run is null)
        {
            w.WriteNull("claims");
            return;
        }
        w.WriteStartObject("claims");
        w.WriteString("tier", run.Tier);
        w.WriteString("solvers", run.Solvers);
        WriteDouble(w, "elapsedSeconds", run.ElapsedSeconds);
        w.WriteStartArray("entries");
        foreach (var o in run.Outcomes)
        {
            w.WriteStartObject();
            w.WriteString("id", o.Id);
            w.WriteString("title", o.Title);
            w.WriteString("quote", o.Quote);
            w.WriteString("tested", o.Tested);
            w.WriteString("verdict", o.Verdict.ToString());
            w.WriteString("summary", o.Summary);
            WriteNullableString(w, "error", o.Error);
            WriteDouble(w, "elapsedSeconds", o.ElapsedSeconds);
            w.WriteStartArray("tests");
            foreach (var t in o.Tests)
            {
                w.WriteStartObject();
                w.WriteString("dataSet", t.DataSet);
                w.WriteString("verdict", t.Verdict.ToString());
                w.WriteString("message", t.Message);
                WriteEvidence(w, t.Evidence);
                w.WriteStartArray("plots");
                foreach (var p in t.Plots)
                {
                    WritePlot(w, p);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (o.Confirmation is { } c)
            {
                w.WriteStartObject("confirmation");
                w.WriteString("route", c.Route);
                w.WriteBoolean("confirmed", c.Confirmed);
                w.WriteString("message", c.Message);
                WriteEvidence(w, c.Evidence);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("confirmation");
            }
            if (o.Correction is { } r)
            {
                w.WriteStartObject("correction");
                w.WriteString("statement", r.Statement);
                w.WriteString("verdict", r.Verdict.ToString());
                w.WriteString("message", r.Message);
                WriteEvidence(w, r.Evidence);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("correction");
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteEvidence(Utf8JsonWriter w, IReadOnlyDictionary<string, double> evidence)
    {
        w.WriteStartObject("evidence");
        foreach (var (key, value) in evidence)
        {
            WriteDouble(w, key, value);
        }
        w.WriteEndObject();
    }

    private static void WriteCase(Utf8JsonWriter w, CaseResult c)
    {
        w.WriteStartObject();
        w.WriteString("caseId", c.CaseId);
        w.WriteString("description", c.Description);
        w.WriteString("model", c.Model);
        w.WriteString("solver", c.Solver);
        if (c.Provenance is { } provenance)
        {
            w.WriteStartObject("solverProvenance");
            w.WriteString("name", provenance.Name);
            if (provenance.Version is null) w.WriteNull("version"); else w.WriteString("version", provenance.Version);
            if (provenance.Commit is null) w.WriteNull("commit"); else w.WriteString("commit", provenance.Commit);
            w.WriteEndObject();
        }
        w.WriteString("scheme", c.Scheme);
        w.WriteString("grid", c.Grid);
        WriteDouble(w, "timeStep", c.TimeStep);
        WriteDouble(w, "elapsedSeconds", c.ElapsedSeconds);
        w.WriteBoolean("passed", c.Passed);
        if (c.Error is null)
        {
            w.WriteNull("error");
        }
        else
        {
            w.WriteString("error", c.Error);
        }
        w.WriteStartArray("checks");
        foreach (var k in c.Checks)
        {
            WriteCheck(w, c.CaseId, k);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCheck(Utf8JsonWriter w, string caseId, CheckResult k)
    {
        w.WriteStartObject();
        w.WriteString("caseId", caseId);
        w.WriteString("checkId", k.CheckId);
        w.WriteString("verdict", k.Verdict.ToString());
        w.WriteString("message", k.Message);
        w.WriteStartObject("evidence");
        foreach (var (key, value) in k.Evidence)
        {
            WriteDouble(w, key, value);
        }
        w.WriteEndObject();
        w.WriteStartArray("plots");
        foreach (var p in k.Plots)
        {
            WritePlot(w, p);
        }
        w.WriteEndArray();
        if (k.Heatmaps is null)
        {
            w.WriteNull("heatmaps");
        }
        else
        {
            w.WriteStartArray("heatmaps");
            foreach (var h in k.Heatmaps)
            {
                WriteHeatmap(w, h);
            }
            w.WriteEndArray();
        }
        if (k.Study is null)
        {
            w.WriteNull("study");
        }
        else
        {
            w.WritePropertyName("study");
            WriteStudy(w, k.Study);
        }
        w.WriteEndObject();
    }

    private static void WriteStudy(Utf8JsonWriter w, StudyTable t)
    {
        w.WriteStartObject();
        w.WriteString("kind", t.Kind.ToString());
        w.WriteString("stepName", t.StepName);
        w.WriteString("rateName", t.RateName);
        w.WriteString("scheme", t.Scheme);
        w.WriteString("quantity", t.Quantity);
        w.WriteString("reference", t.Reference);
        WriteNullableString(w, "valueLabel", t.ValueLabel);
        WriteDouble(w, "rate", t.Rate);
        WriteDouble(w, "rateStandardError", t.RateStandardError);
        WriteDouble(w, "expectedLow", t.ExpectedLow);
        WriteDouble(w, "expectedHigh", t.ExpectedHigh);
        WriteDouble(w, "floor", t.Floor);
        WriteCompactArray(w, "referenceSlopes", t.ReferenceSlopes);
        w.WriteStartArray("rows");
        foreach (var r in t.Rows)
        {
            w.WriteStartObject();
            WriteDouble(w, "step", r.Step);
            if (r.GridPoints is null)
            {
                w.WriteNull("gridPoints");
            }
            else
            {
                WriteCompactIntArray(w, "gridPoints", r.GridPoints);
            }
            WriteDouble(w, "error", r.Error);
            WriteNullableDouble(w, "pairwiseRate", r.PairwiseRate);
            WriteNullableDouble(w, "gciFine", r.GciFine);
            WriteNullableDouble(w, "wallSeconds", r.WallSeconds);
            WriteNullableDouble(w, "value", r.Value);
            w.WriteBoolean("kept", r.Kept);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("plot");
        WritePlot(w, t.Plot);
        if (t.WorkPrecision is null)
        {
            w.WriteNull("workPrecision");
        }
        else
        {
            w.WritePropertyName("workPrecision");
            WritePlot(w, t.WorkPrecision);
        }
        w.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullableDouble(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            WriteDouble(w, name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WritePlot(Utf8JsonWriter w, PlotSpec p)
    {
        w.WriteStartObject();
        w.WriteString("title", p.Title);
        w.WriteString("xLabel", p.XLabel);
        w.WriteString("yLabel", p.YLabel);
        w.WriteBoolean("logX", p.LogX);
        w.WriteBoolean("logY", p.LogY);
        w.WriteStartArray("series");
        foreach (var s in p.Series)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteBoolean("isReference", s.IsReference);
            WriteCompactArray(w, "x", s.X);
            WriteCompactArray(w, "y", s.Y);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteHeatmap(Utf8JsonWriter w, HeatmapSpec h)
    {
        w.WriteStartObject();
        w.WriteString("title", h.Title);
        w.WriteNumber("rows", h.Rows);
        w.WriteNumber("columns", h.Columns);
        WriteDouble(w, "xMin", h.XMin);
        WriteDouble(w, "xMax", h.XMax);
        WriteDouble(w, "yMin", h.YMin);
        WriteDouble(w, "yMax", h.YMax);
        w.WriteString("xLabel", h.XLabel);
        w.WriteString("yLabel", h.YLabel);
        WriteCompactArray(w, "values", h.Values);
        w.WriteEndObject();
    }

    /// <summary>
    /// Numeric arrays go on one line (an indented writer would put every element on its own line,
    /// which makes a 256×256 heatmap 65 536 lines long).
    /// </summary>
    private static void WriteCompactArray(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 + 24 * values.Count);
        using (var inner = new Utf8JsonWriter(buffer, CompactOptions))
        {
            inner.WriteStartArray();
            foreach (var v in values)
            {
                WriteDoubleValue(inner, v);
            }
            inner.WriteEndArray();
        }
        w.WritePropertyName(name);
        w.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Integer arrays (grid points per axis) on one line, like <see cref="WriteCompactArray"/>.</summary>
    private static void WriteCompactIntArray(Utf8JsonWriter w, string name, IReadOnlyList<int> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 + 12 * values.Count);
        using (var inner = new Utf8JsonWriter(buffer, CompactOptions))
        {
            inner.WriteStartArray();
            foreach (var v in values)
            {
                inner.WriteNumberValue(v);
            }
            inner.WriteEndArray();
        }
        w.WritePropertyName(name);
        w.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    private static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        WriteDoubleValue(w, value);
    }

    private static void WriteDoubleValue(Utf8JsonWriter w, double value)
    {
        if (double.IsNaN(value))
        {
            w.WriteStringValue(NaNToken);
        }
        else if (double.IsPositiveInfinity(value))
        {
            w.WriteStringValue(PositiveInfinityToken);
        }
        else if (double.IsNegativeInfinity(value))
        {
            w.WriteStringValue(NegativeInfinityToken);
        }
        else
        {
            // Utf8JsonWriter formats doubles in the shortest round-trippable form, culture-independently.
            w.WriteNumberValue(value);
        }
    }

    // ───────────────────────────── reading ─────────────────────────────

    /// <summary>Reads a summary.json file.</summary>
    /// <exception cref="InvalidDataException">The file is not a summary of a supported schema version.</exception>
    public static VerificationSummary ReadFile(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Parses summary.json text.</summary>
    /// <exception cref="InvalidDataException">The text is not a summary of a supported schema version.</exception>
    public static VerificationSummary Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    /// <summary>Parses summary.json UTF-8 bytes (a leading BOM is tolerated).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a summary of a supported schema version.</exception>
    public static VerificationSummary Read(ReadOnlyMemory<byte> utf8)
    {
        var span = utf8;
        if (span.Length >= 3 && span.Span[0] == 0xEF && span.Span[1] == 0xBB && span.Span[2] == 0xBF)
        {
            span = span[3..];
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(span, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"summary.json is not valid JSON: {ex.Message}", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            RequireKind(root, JsonValueKind.Object, "$");
            var version = GetInt(root, "schemaVersion", "$");
            if (version != VerificationSummary.SchemaVersion)
            {
                throw new InvalidDataException(
                    $"summary.json has schemaVersion {version}; this reader understands {VerificationSummary.SchemaVersion}.");
            }
            var env = ReadEnvironment(Get(root, "environment", "$"), "$.environment");
            var casesEl = Get(root, "cases", "$");
            RequireKind(casesEl, JsonValueKind.Array, "$.cases");
            var cases = new List<CaseResult>();
            var i = 0;
            foreach (var c in casesEl.EnumerateArray())
            {
                cases.Add(ReadCase(c, $"$.cases[{i++}]"));
            }
            return new VerificationSummary(GetString(root, "runId", "$"), env, cases) { Coverage = ReadCoverage(root), Claims = ReadClaims(root) };
        }
    }

    /// <summary>"claims" absent (files written before the ledger was part of the summary) or null: no ledger run.</summary>
    private static LedgerRun? ReadClaims(JsonElement root)
    {
        if (!root.TryGetProperty("claims", out var c) || c.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        const string path = "$.claims";
        RequireKind(c, JsonValueKind.Object, path);
        var entriesEl = Get(c, "entries", path);
        RequireKind(entriesEl, JsonValueKind.Array, path + ".entries");
        var outcomes = new List<ClaimOutcome>();
        var i = 0;
        foreach (var e in entriesEl.EnumerateArray())
        {
            var ep = $"{path}.entries[{i++}]";
            RequireKind(e, JsonValueKind.Object, ep);
            var testsEl = Get(e, "tests", ep);
            RequireKind(testsEl, JsonValueKind.Array, ep + ".tests");
            var tests = new List<ClaimTest>();
            var j = 0;
            foreach (var t in testsEl.EnumerateArray())
            {
                var tp = $"{ep}.tests[{j++}]";
                RequireKind(t, JsonValueKind.Object, tp);
                var plotsEl = Get(t, "plots", tp);
                RequireKind(plotsEl, JsonValueKind.Array, tp + ".plots");
                var plots = new List<PlotSpec>();
                var k = 0;
                foreach (var p in plotsEl.EnumerateArray())
                {
                    plots.Add(ReadPlot(p, $"{tp}.plots[{k++}]"));
                }
                tests.Add(new ClaimTest(GetString(t, "dataSet", tp), GetEnum<Verdict>(t, "verdict", tp), GetString(t, "message", tp), ReadEvidence(t, tp), plots));
            }
            ClaimConfirmation? confirmation = null;
            if (e.TryGetProperty("confirmation", out var cEl) && cEl.ValueKind != JsonValueKind.Null)
            {
                var cp = ep + ".confirmation";
                RequireKind(cEl, JsonValueKind.Object, cp);
                confirmation = new ClaimConfirmation(GetString(cEl, "route", cp), GetBool(cEl, "confirmed", cp), GetString(cEl, "message", cp), ReadEvidence(cEl, cp));
            }
            ClaimCorrection? correction = null;
            if (e.TryGetProperty("correction", out var rEl) && rEl.ValueKind != JsonValueKind.Null)
            {
                var rp = ep + ".correction";
                RequireKind(rEl, JsonValueKind.Object, rp);
                correction = new ClaimCorrection(GetString(rEl, "statement", rp), GetEnum<Verdict>(rEl, "verdict", rp), GetString(rEl, "message", rp), ReadEvidence(rEl, rp));
            }
            outcomes.Add(new ClaimOutcome(GetString(e, "id", ep), GetString(e, "title", ep), GetString(e, "quote", ep), GetString(e, "tested", ep),
                GetEnum<Verdict>(e, "verdict", ep), GetString(e, "summary", ep), tests, confirmation, correction,
                GetDouble(Get(e, "elapsedSeconds", ep), ep + ".elapsedSeconds"), GetNullableString(e, "error", ep)));
        }
        return new LedgerRun(GetString(c, "tier", path), outcomes, GetDouble(Get(c, "elapsedSeconds", path), path + ".elapsedSeconds"))
        {
            Solvers = GetString(c, "solvers", path),
        };
    }

    private static Dictionary<string, double> ReadEvidence(JsonElement obj, string path)
    {
        var evidenceEl = Get(obj, "evidence", path);
        RequireKind(evidenceEl, JsonValueKind.Object, path + ".evidence");
        var evidence = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in evidenceEl.EnumerateObject())
        {
            if (!evidence.TryAdd(p.Name, GetDouble(p.Value, $"{path}.evidence.{p.Name}")))
            {
                throw new InvalidDataException($"{path}.evidence: duplicate key '{p.Name}'.");
            }
        }
        return evidence;
    }

    private static EnvironmentInfo ReadEnvironment(JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.Object, path);
        var dateText = GetString(e, "date", path);
        if (!DateTimeOffset.TryParseExact(dateText, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidDataException($"{path}.date: '{dateText}' is not an ISO 8601 round-trip date.");
        }
        return new EnvironmentInfo(
            GetString(e, "fftBackend", path),
            GetString(e, "runtime", path),
            GetString(e, "operatingSystem", path),
            GetInt(e, "processorCount", path),
            GetString(e, "gitCommit", path),
            date,
            GetString(e, "tier", path),
            GetNullableString(e, "caseFilter", path));
    }

    private static CaseResult ReadCase(JsonElement c, string path)
    {
        RequireKind(c, JsonValueKind.Object, path);
        var checksEl = Get(c, "checks", path);
        RequireKind(checksEl, JsonValueKind.Array, path + ".checks");
        var checks = new List<CheckResult>();
        var i = 0;
        foreach (var k in checksEl.EnumerateArray())
        {
            checks.Add(ReadCheck(k, $"{path}.checks[{i++}]"));
        }
        return new CaseResult(
            GetString(c, "caseId", path),
            GetString(c, "description", path),
            GetString(c, "model", path),
            GetString(c, "solver", path),
            GetString(c, "scheme", path),
            GetString(c, "grid", path),
            GetDouble(Get(c, "timeStep", path), path + ".timeStep"),
            GetDouble(Get(c, "elapsedSeconds", path), path + ".elapsedSeconds"),
            checks,
            GetNullableString(c, "error", path))
        {
            Provenance = c.TryGetProperty("solverProvenance", out var sp) && sp.ValueKind == JsonValueKind.Object
                ? new SolverProvenance(GetString(sp, "name", path + ".solverProvenance"), GetNullableString(sp, "version", path + ".solverProvenance"),
                    GetNullableString(sp, "commit", path + ".solverProvenance"))
                : null,
        };
    }

    private static CheckResult ReadCheck(JsonElement k, string path)
    {
        RequireKind(k, JsonValueKind.Object, path);
        var verdict = GetEnum<Verdict>(k, "verdict", path);
        var evidenceEl = Get(k, "evidence", path);
        RequireKind(evidenceEl, JsonValueKind.Object, path + ".evidence");
        var evidence = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in evidenceEl.EnumerateObject())
        {
            if (!evidence.TryAdd(p.Name, GetDouble(p.Value, $"{path}.evidence.{p.Name}")))
            {
                throw new InvalidDataException($"{path}.evidence: duplicate key '{p.Name}'.");
            }
        }
        var plotsEl = Get(k, "plots", path);
        RequireKind(plotsEl, JsonValueKind.Array, path + ".plots");
        var plots = new List<PlotSpec>();
        var i = 0;
        foreach (var p in plotsEl.EnumerateArray())
        {
            plots.Add(ReadPlot(p, $"{path}.plots[{i++}]"));
        }
        List<HeatmapSpec>? heatmaps = null;
        if (k.TryGetProperty("heatmaps", out var hEl) && hEl.ValueKind != JsonValueKind.Null)
        {
            RequireKind(hEl, JsonValueKind.Array, path + ".heatmaps");
            heatmaps = [];
            var j = 0;
            foreach (var h in hEl.EnumerateArray())
            {
                heatmaps.Add(ReadHeatmap(h, $"{path}.heatmaps[{j++}]"));
            }
        }
        // Absent (files written before studies were serialised) or null: no study.
        StudyTable? study = null;
        if (k.TryGetProperty("study", out var sEl) && sEl.ValueKind != JsonValueKind.Null)
        {
            study = ReadStudy(sEl, path + ".study");
        }
        return new CheckResult(GetString(k, "checkId", path), verdict, GetString(k, "message", path), evidence, plots, heatmaps, study);
    }

    private static StudyTable ReadStudy(JsonElement t, string path)
    {
        RequireKind(t, JsonValueKind.Object, path);
        var kind = GetEnum<StudyKind>(t, "kind", path);
        var rowsEl = Get(t, "rows", path);
        RequireKind(rowsEl, JsonValueKind.Array, path + ".rows");
        var rows = new List<StudyRow>();
        var i = 0;
        foreach (var r in rowsEl.EnumerateArray())
        {
            rows.Add(ReadStudyRow(r, $"{path}.rows[{i++}]"));
        }
        PlotSpec? workPrecision = null;
        if (t.TryGetProperty("workPrecision", out var wpEl) && wpEl.ValueKind != JsonValueKind.Null)
        {
            workPrecision = ReadPlot(wpEl, path + ".workPrecision");
        }
        return new StudyTable(
            kind,
            GetString(t, "scheme", path),
            GetString(t, "quantity", path),
            GetString(t, "reference", path),
            GetNullableString(t, "valueLabel", path),
            rows,
            GetDouble(Get(t, "rate", path), path + ".rate"),
            GetDouble(Get(t, "rateStandardError", path), path + ".rateStandardError"),
            GetDouble(Get(t, "expectedLow", path), path + ".expectedLow"),
            GetDouble(Get(t, "expectedHigh", path), path + ".expectedHigh"),
            GetDouble(Get(t, "floor", path), path + ".floor"),
            GetDoubleArray(Get(t, "referenceSlopes", path), path + ".referenceSlopes"),
            ReadPlot(Get(t, "plot", path), path + ".plot"),
            workPrecision);
    }

    private static StudyRow ReadStudyRow(JsonElement r, string path)
    {
        RequireKind(r, JsonValueKind.Object, path);
        int[]? gridPoints = null;
        if (r.TryGetProperty("gridPoints", out var gEl) && gEl.ValueKind != JsonValueKind.Null)
        {
            gridPoints = GetIntArray(gEl, path + ".gridPoints");
        }
        return new StudyRow(
            GetDouble(Get(r, "step", path), path + ".step"),
            gridPoints,
            GetDouble(Get(r, "error", path), path + ".error"),
            GetNullableDouble(r, "pairwiseRate", path),
            GetNullableDouble(r, "gciFine", path),
            GetNullableDouble(r, "wallSeconds", path),
            GetNullableDouble(r, "value", path),
            GetBool(r, "kept", path));
    }

    private static PlotSpec ReadPlot(JsonElement p, string path)
    {
        RequireKind(p, JsonValueKind.Object, path);
        var seriesEl = Get(p, "series", path);
        RequireKind(seriesEl, JsonValueKind.Array, path + ".series");
        var series = new List<Series>();
        var i = 0;
        foreach (var s in seriesEl.EnumerateArray())
        {
            var sp = $"{path}.series[{i++}]";
            RequireKind(s, JsonValueKind.Object, sp);
            series.Add(new Series(
                GetString(s, "name", sp),
                GetDoubleArray(Get(s, "x", sp), sp + ".x"),
                GetDoubleArray(Get(s, "y", sp), sp + ".y"),
                GetBool(s, "isReference", sp)));
        }
        return new PlotSpec(
            GetString(p, "title", path),
            GetString(p, "xLabel", path),
            GetString(p, "yLabel", path),
            series,
            GetBool(p, "logX", path),
            GetBool(p, "logY", path));
    }

    private static HeatmapSpec ReadHeatmap(JsonElement h, string path)
    {
        RequireKind(h, JsonValueKind.Object, path);
        return new HeatmapSpec(
            GetString(h, "title", path),
            GetInt(h, "rows", path),
            GetInt(h, "columns", path),
            GetDoubleArray(Get(h, "values", path), path + ".values"),
            GetDouble(Get(h, "xMin", path), path + ".xMin"),
            GetDouble(Get(h, "xMax", path), path + ".xMax"),
            GetDouble(Get(h, "yMin", path), path + ".yMin"),
            GetDouble(Get(h, "yMax", path), path + ".yMax"),
            GetString(h, "xLabel", path),
            GetString(h, "yLabel", path));
    }

    private static JsonElement Get(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var v) ? v : throw new InvalidDataException($"{path}: missing property '{name}'.");

    private static void RequireKind(JsonElement e, JsonValueKind kind, string path)
    {
        if (e.ValueKind != kind)
        {
            throw new InvalidDataException($"{path}: expected {kind}, found {e.ValueKind}.");
        }
    }

    private static string GetString(JsonElement obj, string name, string path)
    {
        var v = Get(obj, name, path);
        RequireKind(v, JsonValueKind.String, $"{path}.{name}");
        return v.GetString()!;
    }

    private static string? GetNullableString(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        RequireKind(v, JsonValueKind.String, $"{path}.{name}");
        return v.GetString();
    }

    /// <summary>
    /// An enumeration member by its exact, case-sensitive name; numeric strings ("0") and names of
    /// undefined members are rejected.
    /// </summary>
    private static TEnum GetEnum<TEnum>(JsonElement obj, string name, string path)
        where TEnum : struct, Enum
    {
        var text = GetString(obj, name, path);
        foreach (var member in Enum.GetValues<TEnum>())
        {
            if (string.Equals(member.ToString(), text, StringComparison.Ordinal))
            {
                return member;
            }
        }
        throw new InvalidDataException(
            $"{path}.{name}: unknown {name} '{text}' (expected one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => $"'{n}'"))}).");
    }

    private static double? GetNullableDouble(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return GetDouble(v, $"{path}.{name}");
    }

    private static bool GetBool(JsonElement obj, string name, string path)
    {
        var v = Get(obj, name, path);
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidDataException($"{path}.{name}: expected a boolean, found {v.ValueKind}."),
        };
    }

    private static int GetInt(JsonElement obj, string name, string path) => GetIntValue(Get(obj, name, path), $"{path}.{name}");

    private static int GetIntValue(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
        {
            throw new InvalidDataException($"{path}: expected a 32-bit integer.");
        }
        return i;
    }

    private static int[] GetIntArray(JsonElement v, string path)
    {
        RequireKind(v, JsonValueKind.Array, path);
        var result = new int[v.GetArrayLength()];
        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            result[i] = GetIntValue(e, $"{path}[{i}]");
            i++;
        }
        return result;
    }

    private static double GetDouble(JsonElement v, string path)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Number:
                return v.GetDouble();
            case JsonValueKind.String:
                var s = v.GetString();
                return s switch
                {
                    NaNToken => double.NaN,
                    PositiveInfinityToken => double.PositiveInfinity,
                    NegativeInfinityToken => double.NegativeInfinity,
                    _ => throw new InvalidDataException(
                        $"{path}: the only strings allowed for a number are \"NaN\", \"Infinity\", \"-Infinity\"; found \"{s}\"."),
                };
            default:
                throw new InvalidDataException($"{path}: expected a number, found {v.ValueKind}.");
        }
    }

    private static double[] GetDoubleArray(JsonElement v, string path)
    {
        RequireKind(v, JsonValueKind.Array, path);
        var result = new double[v.GetArrayLength()];
        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            result[i] = GetDouble(e, $"{path}[{i}]");
            i++;
        }
        return result;
    }
}
