using System.Text.Json.Serialization;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Claims;

namespace ConvergenceSuite.Reports.Json;

/// <summary>
/// The System.Text.Json source-generated serialisation of summary.json (<see cref="SummaryDocument"/>) and claims.json
/// (<see cref="ClaimsFileDocument"/>). Members are camelCase; null members are written; nullable annotations and
/// `required` are enforced on reading; doubles follow <see cref="SummaryDoubleConverter"/> (NaN and ±infinity as
/// strings), numeric arrays are written on one line, enumerations by exact name, dates in the round-trip form.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NewLine = "\n",
    MaxDepth = 32,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    Converters =
    [
        typeof(SummaryDoubleConverter),
        typeof(CompactDoubleListConverter),
        typeof(CompactIntListConverter),
        typeof(StrictEnumConverter<Verdict>),
        typeof(StrictEnumConverter<StudyKind>),
        typeof(RoundTripDateConverter),
    ])]
[JsonSerializable(typeof(SummaryDocument))]
[JsonSerializable(typeof(SchemaVersionProbe))]
[JsonSerializable(typeof(ClaimsFileDocument))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
