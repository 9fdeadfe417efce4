using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Reports.Json;

/// <summary>
/// Writes a <see cref="VerificationSummary"/> as <c>summary.json</c> and reads it back, through the source-generated
/// <see cref="SummaryJsonContext"/> and the file's data-transfer objects (<see cref="SummaryDocument"/>). The structure
/// is the generated JSON Schema summary.schema.json next to this project; SUMMARY-SCHEMA.md states the semantics, the
/// number rule and the version policy.
/// </summary>
/// <remarks>
/// Finite doubles are written as JSON numbers in the shortest form that round-trips exactly (System.Text.Json's
/// formatter, culture-independent). JSON has no NaN or infinity, so non-finite doubles are written as the strings
/// "NaN", "Infinity" and "-Infinity"; the reader accepts a number or exactly one of those three strings wherever a
/// double is expected. Reading refuses bad input with an <see cref="InvalidDataException"/> whose message starts with
/// the JSON path of the offending value ("$.cases[0].checks[1].verdict: …").
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

    // Relaxed escaping keeps "ψ", "‖", "<" readable; summary.json is never embedded in HTML or script. The writer's
    // options (not the context's) decide indentation, line ending and escaping.
    internal static readonly JsonWriterOptions WriterOptions =
        new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    /// <summary>Writes the summary as UTF-8 JSON to <paramref name="stream"/>, ending with a line break.</summary>
    public static void Write(VerificationSummary summary, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(stream);
        Serialize(SummaryDocument.From(summary), SummaryJsonContext.Default.SummaryDocument, stream);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes <paramref name="value"/> with <see cref="WriterOptions"/>.</summary>
    internal static void Serialize<T>(T value, JsonTypeInfo<T> typeInfo, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        JsonSerializer.Serialize(writer, value, typeInfo);
        writer.Flush();
    }

    /// <summary>Reads a summary.json file.</summary>
    /// <exception cref="InvalidDataException">The file is not a summary of a supported schema version.</exception>
    public static VerificationSummary ReadFile(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Parses summary.json text.</summary>
    /// <exception cref="InvalidDataException">The text is not a summary of a supported schema version.</exception>
    public static VerificationSummary Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    /// <summary>Parses summary.json UTF-8 bytes (a leading BOM is tolerated).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a summary of a supported schema version; the message
    /// starts with the JSON path of the offending value.</exception>
    public static VerificationSummary Read(ReadOnlyMemory<byte> utf8)
    {
        var span = utf8.Span;
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        // The version first: a file of another version is reported as such, not as whatever member it lacks.
        var version = Deserialize(span, SummaryJsonContext.Default.SchemaVersionProbe).SchemaVersion;
        if (version != VerificationSummary.SchemaVersion)
        {
            throw new InvalidDataException(
                $"$.schemaVersion: summary.json has schemaVersion {version}; this reader understands {VerificationSummary.SchemaVersion}.");
        }
        return Deserialize(span, SummaryJsonContext.Default.SummaryDocument).ToSummary();
    }

    /// <summary>Deserialises, turning the serializer's errors into <see cref="InvalidDataException"/>s that start with
    /// the JSON path of the offending value and end with its line.</summary>
    internal static T Deserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, typeInfo) ?? throw new InvalidDataException("$: expected an object, found null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(Describe(ex), ex);
        }
    }

    /// <summary>"path: problem (line n)" for a serializer error; the serializer's own " Path: … | LineNumber: …" tail
    /// is replaced by the path in front and the 1-based line at the end.</summary>
    private static string Describe(JsonException ex)
    {
        var path = (ex.Path ?? "$") + (ex is SummaryFormatException f ? f.RelativePath : "");
        // A token of the wrong kind surfaces as "could not be converted to <declaring type>" with the reader's precise
        // complaint ("Cannot get the value of a token type 'Number' as a boolean.") inside; say the precise one.
        var message = ex.InnerException is InvalidOperationException or FormatException ? ex.InnerException.Message : ex.Message;
        message = message.Replace(typeof(SummaryDocument).Namespace + ".", "", StringComparison.Ordinal);
        var tail = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (tail < 0)
        {
            tail = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }
        if (tail >= 0)
        {
            message = message[..tail];
        }
        var line = ex.LineNumber is { } n ? $" (line {n + 1})" : "";
        return $"{path}: {message}{line}";
    }
}
