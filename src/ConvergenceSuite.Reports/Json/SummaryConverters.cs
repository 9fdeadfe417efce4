using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvergenceSuite.Reports.Json;

/// <summary>
/// A format error found by one of the summary's converters below the value the serializer is positioned at (an array
/// element): <see cref="RelativePath"/> ("[3]") is appended to the serializer's <see cref="JsonException.Path"/>.
/// </summary>
internal sealed class SummaryFormatException(string message, string relativePath = "") : JsonException(message)
{
    /// <summary>Path below the serializer's position, "" when the error is at it.</summary>
    public string RelativePath { get; } = relativePath;
}

/// <summary>
/// Every double of the summary: finite values as JSON numbers in the shortest form that round-trips exactly (the
/// writer's invariant formatter), NaN and ±infinity as the strings <see cref="SummaryJson.NaNToken"/>,
/// <see cref="SummaryJson.PositiveInfinityToken"/>, <see cref="SummaryJson.NegativeInfinityToken"/>. Reading accepts a
/// number or exactly one of those three strings.
/// </summary>
internal sealed class SummaryDoubleConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader, "");

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => WriteValue(writer, value);

    internal static double ReadValue(ref Utf8JsonReader reader, string relativePath)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var d)
                    ? d
                    : throw new SummaryFormatException("the number is outside the range of a double.", relativePath);
            case JsonTokenType.String:
                var s = reader.GetString();
                return s switch
                {
                    SummaryJson.NaNToken => double.NaN,
                    SummaryJson.PositiveInfinityToken => double.PositiveInfinity,
                    SummaryJson.NegativeInfinityToken => double.NegativeInfinity,
                    _ => throw new SummaryFormatException(
                        $"the only strings allowed for a number are \"NaN\", \"Infinity\", \"-Infinity\"; found \"{s}\".", relativePath),
                };
            default:
                throw new SummaryFormatException($"expected a number, found {reader.TokenType}.", relativePath);
        }
    }

    internal static void WriteValue(Utf8JsonWriter writer, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteStringValue(SummaryJson.NaNToken);
        }
        else if (double.IsPositiveInfinity(value))
        {
            writer.WriteStringValue(SummaryJson.PositiveInfinityToken);
        }
        else if (double.IsNegativeInfinity(value))
        {
            writer.WriteStringValue(SummaryJson.NegativeInfinityToken);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}

/// <summary>
/// Numeric arrays on one line: an indented writer would put every element on its own line, which makes a 256×256
/// heatmap 65 536 lines long. Elements follow <see cref="SummaryDoubleConverter"/>'s rule.
/// </summary>
internal sealed class CompactDoubleListConverter : JsonConverter<IReadOnlyList<double>>
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    public override IReadOnlyList<double> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SummaryFormatException($"expected an array, found {reader.TokenType}.");
        }
        var values = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(SummaryDoubleConverter.ReadValue(ref reader, $"[{values.Count}]"));
        }
        return values.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<double> value, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(16 + 24 * value.Count);
        using (var inner = new Utf8JsonWriter(buffer, Compact))
        {
            inner.WriteStartArray();
            foreach (var v in value)
            {
                SummaryDoubleConverter.WriteValue(inner, v);
            }
            inner.WriteEndArray();
        }
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }
}

/// <summary>Integer arrays (grid points per axis) on one line, like <see cref="CompactDoubleListConverter"/>.</summary>
internal sealed class CompactIntListConverter : JsonConverter<IReadOnlyList<int>>
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    public override IReadOnlyList<int> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SummaryFormatException($"expected an array, found {reader.TokenType}.");
        }
        var values = new List<int>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var i))
            {
                throw new SummaryFormatException("expected a 32-bit integer.", $"[{values.Count}]");
            }
            values.Add(i);
        }
        return values.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<int> value, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(16 + 12 * value.Count);
        using (var inner = new Utf8JsonWriter(buffer, Compact))
        {
            inner.WriteStartArray();
            foreach (var v in value)
            {
                inner.WriteNumberValue(v);
            }
            inner.WriteEndArray();
        }
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }
}

/// <summary>An enumeration member by its exact, case-sensitive name; numbers, numeric strings ("0") and names of
/// undefined members are refused with the list of allowed names.</summary>
internal sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override bool HandleNull => true;

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(n => $"'{n}'"));
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new SummaryFormatException($"expected a string (one of {allowed}), found {reader.TokenType}.");
        }
        var text = reader.GetString();
        foreach (var member in Enum.GetValues<TEnum>())
        {
            if (string.Equals(member.ToString(), text, StringComparison.Ordinal))
            {
                return member;
            }
        }
        throw new SummaryFormatException($"unknown {typeof(TEnum).Name} '{text}' (expected one of {allowed}).");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>Dates in the ISO 8601 round-trip form ("O": seven fraction digits and the offset), as written since
/// schema version 1.</summary>
internal sealed class RoundTripDateConverter : JsonConverter<DateTimeOffset>
{
    public override bool HandleNull => true;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new SummaryFormatException($"expected an ISO 8601 round-trip date string, found {reader.TokenType}.");
        }
        var text = reader.GetString();
        return DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new SummaryFormatException($"'{text}' is not an ISO 8601 round-trip date.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
}
