using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;

namespace ConvergenceSuite.Harness.Checks;

/// <summary>Where a check's parameters stand in a case file: errors raised here name the file, the JSON path and the problem.</summary>
/// <param name="File">The case file.</param>
/// <param name="Path">JSON path of the check object, e.g. "$.checks[2]".</param>
public sealed record CheckSite(string File, string Path)
{
    /// <summary>The error for member <paramref name="name"/> of this object (e.g. "id", "dts").</summary>
    public CaseFileException Error(string name, string problem) => new(File, $"{Path}.{name}", problem);

    /// <summary>The site of the nested object <paramref name="name"/>.</summary>
    public CheckSite Child(string name) => new(File, $"{Path}.{name}");
}

/// <summary>Builds a check from its read parameters; throws <see cref="CaseFileException"/> (via <see cref="CheckSite.Error"/>)
/// when the check does not apply to the case or a parameter is inconsistent with it.</summary>
public delegate ICheck CheckFactory<in TParameters>(TParameters parameters, CheckSite site, Problem problem);

/// <summary>
/// One check as a case file names it: its id, its parameters record (the single declaration of its case-file members,
/// their types, defaults, constraints and descriptions; read by <see cref="CheckParameterReader"/> and exported into
/// case.schema.json by <see cref="Schema.CaseSchema.Generate"/>) and the factory that applies it to a case.
/// </summary>
public sealed class CheckDefinition
{
    private readonly Func<object, CheckSite, Problem, ICheck> _create;

    private CheckDefinition(string id, JsonTypeInfo parameters, Func<object, CheckSite, Problem, ICheck> create)
    {
        Id = id;
        Parameters = parameters;
        _create = create;
    }

    /// <summary>The case-file id, e.g. "norm-conservation".</summary>
    public string Id { get; }

    /// <summary>Serialisation contract of the parameters record (source-generated, <see cref="CheckParametersJsonContext"/>).</summary>
    public JsonTypeInfo Parameters { get; }

    /// <summary>What the check states (the description of the parameters record's type).</summary>
    public string Description => Parameters.Type.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";

    /// <summary>A check whose parameters are <typeparamref name="TParameters"/>.</summary>
    /// <exception cref="InvalidOperationException">The record is not in <see cref="CheckParametersJsonContext"/>.</exception>
    public static CheckDefinition Of<TParameters>(string id, CheckFactory<TParameters> create) where TParameters : class
    {
        ArgumentNullException.ThrowIfNull(create);
        var info = CheckParametersJsonContext.Default.GetTypeInfo(typeof(TParameters))
                   ?? throw new InvalidOperationException($"{typeof(TParameters).Name} (parameters of check \"{id}\") is missing from CheckParametersJsonContext: add [JsonSerializable(typeof({typeof(TParameters).Name}))].");
        return new CheckDefinition(id, info, (p, site, problem) => create((TParameters)p, site, problem));
    }

    /// <summary>
    /// A check whose parameters are <typeparamref name="TParameters"/>, read with <paramref name="parameters"/>: the
    /// route for a record outside this assembly (its own source-generated context). Use the options of
    /// <see cref="CheckParametersJsonContext"/> (camelCase, unknown members disallowed, required constructor parameters
    /// respected) so that its case-file members behave like every other check's.
    /// </summary>
    public static CheckDefinition Of<TParameters>(string id, JsonTypeInfo<TParameters> parameters, CheckFactory<TParameters> create) where TParameters : class
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(create);
        return new CheckDefinition(id, parameters, (p, site, problem) => create((TParameters)p, site, problem));
    }

    /// <summary>Reads the parameters from the check object <paramref name="element"/> and builds the check.</summary>
    public ICheck Create(JsonElement element, CheckSite site, Problem problem) =>
        _create(CheckParameterReader.Read(Parameters, element, site), site, problem);
}

/// <summary>
/// Schema facts of one parameter that its C# type cannot say; read by the reader (<see cref="CheckParameterReader"/>) and
/// written into case.schema.json. Unset numbers (NaN, −1) and null strings mean "no constraint".
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>The value (or, for an array of numbers, each item) must be greater than this.</summary>
    public double ExclusiveMinimum { get; set; } = double.NaN;

    /// <summary>The value (or each item) must be at least this.</summary>
    public double Minimum { get; set; } = double.NaN;

    /// <summary>The value (or each item) must be at most this.</summary>
    public double Maximum { get; set; } = double.NaN;

    /// <summary>The value (or each item) must be less than this.</summary>
    public double ExclusiveMaximum { get; set; } = double.NaN;

    /// <summary>Fewest entries of an array.</summary>
    public int MinItems { get; set; } = -1;

    /// <summary>Fewest characters of a string.</summary>
    public int MinLength { get; set; } = -1;

    /// <summary>Allowed values of a string.</summary>
    public string[]? Enum { get; set; }

    /// <summary>A shared definition of case.schema.json ("$defs/NAME") that describes the value instead.</summary>
    public string? Ref { get; set; }

    /// <summary>A shared definition of case.schema.json ("$defs/NAME") that describes each item of an array.</summary>
    public string? ItemsRef { get; set; }

    /// <summary>The schema's message for a violation ({value}, {enum}; see <see cref="Schema.CaseSchema"/>).</summary>
    public string? ErrorMessage { get; set; }
}

/// <summary>The source-generated contract of every check's parameters record: camelCase members, unknown members refused.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(NormConservationParameters))]
[JsonSerializable(typeof(HermitianCorrelationParameters))]
[JsonSerializable(typeof(CorrelationPsdParameters))]
[JsonSerializable(typeof(Lemma41Parameters))]
[JsonSerializable(typeof(CorrelationOdeParameters))]
[JsonSerializable(typeof(Theorem24Parameters))]
[JsonSerializable(typeof(ExactReferenceParameters))]
[JsonSerializable(typeof(AnalyticReferenceParameters))]
[JsonSerializable(typeof(TemporalOrderParameters))]
[JsonSerializable(typeof(References.ReferenceSolutionParameters))]
[JsonSerializable(typeof(Studies.TimeStudyParameters))]
[JsonSerializable(typeof(Studies.GridStudyParameters))]
[JsonSerializable(typeof(Studies.WorkPrecisionParameters))]
[JsonSerializable(typeof(Kuramoto.AdlerLockedPhaseParameters))]
[JsonSerializable(typeof(Kuramoto.AdlerSlipPeriodParameters))]
[JsonSerializable(typeof(Kuramoto.LorentzianOrderParameterParameters))]
[JsonSerializable(typeof(Kuramoto.LorentzianCriticalCouplingParameters))]
[JsonSerializable(typeof(Kuramoto.KuramotoReductionParameters))]
[JsonSerializable(typeof(Kuramoto.DistinctPotentialsExplorationParameters))]
[JsonSerializable(typeof(WignerLohe.PhaseSpaceLeakageParameters))]
[JsonSerializable(typeof(WignerLohe.WignerCrossLevelParameters))]
[JsonSerializable(typeof(WignerLohe.WignerTemporalOrderParameters))]
[JsonSerializable(typeof(WignerLohe.WignerGridStudyParameters))]
[JsonSerializable(typeof(WignerLohe.WignerLemma41Parameters))]
[JsonSerializable(typeof(WignerLohe.WignerCorrelationOdeParameters))]
[JsonSerializable(typeof(WignerLohe.Theorem42Parameters))]
[JsonSerializable(typeof(WignerLohe.Theorem42PrintedBoundParameters))]
[JsonSerializable(typeof(WignerLohe.MoyalLinkParameters))]
[JsonSerializable(typeof(WignerLohe.Remark3Parameters))]
[JsonSerializable(typeof(WignerLohe.Remark3GrowthParameters))]
public sealed partial class CheckParametersJsonContext : JsonSerializerContext;

/// <summary>
/// Reads a check's parameters record from its case-file object. Before the serializer runs, every member is held to the
/// record's contract in the loader's words — "unknown field", "required field is missing", "expected a finite number,
/// found …", "must be &gt; 0; got …" — naming the file and the JSON path; the serializer (unknown members disallowed) then
/// builds the record. The member "id" selects the check and is not a parameter.
/// </summary>
public static class CheckParameterReader
{
    /// <summary>Reads <paramref name="info"/>'s record from <paramref name="element"/> (a check object, "id" included).</summary>
    /// <exception cref="CaseFileException">An unknown, missing or ill-typed member, or a violated constraint.</exception>
    public static object Read(JsonTypeInfo info, JsonElement element, CheckSite site)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(site);
        if (element.ValueKind != JsonValueKind.Object) throw new CaseFileException(site.File, site.Path, $"expected an object, found {Describe(element)}");
        CheckObject(info, element, site.File, site.Path, skip: "id");
        var node = JsonObject.Create(element)!.DeepClone().AsObject();
        node.Remove("id");
        try
        {
            return node.Deserialize(info) ?? throw new CaseFileException(site.File, site.Path, "expected an object, found null");
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 1 } p ? site.Path + p[1..] : site.Path;
            throw new CaseFileException(site.File, path, e.Message);
        }
    }

    private static void CheckObject(JsonTypeInfo info, JsonElement element, string file, string path, string? skip)
    {
        var members = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
            if (member.Name != skip && !members.ContainsKey(member.Name)) throw new CaseFileException(file, $"{path}.{member.Name}", "unknown field");
        foreach (var property in info.Properties)
        {
            var child = $"{path}.{property.Name}";
            if (!element.TryGetProperty(property.Name, out var value))
            {
                if (IsRequired(property)) throw new CaseFileException(file, child, "required field is missing");
                continue;
            }
            CheckValue(property, property.PropertyType, value, file, child, Attribute(property));
        }
    }

    private static void CheckValue(JsonPropertyInfo property, Type type, JsonElement value, string file, string path, ParameterAttribute? rules)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(double))
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || !double.IsFinite(d))
                throw new CaseFileException(file, path, $"expected a finite number, found {Describe(value)}");
            CheckRange(d, value, file, path, rules);
        }
        else if (underlying == typeof(int))
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var i))
                throw new CaseFileException(file, path, $"expected an integer, found {Describe(value)}");
            CheckRange(i, value, file, path, rules);
        }
        else if (underlying == typeof(string))
        {
            if (value.ValueKind != JsonValueKind.String) throw new CaseFileException(file, path, $"expected a string, found {Describe(value)}");
            var s = value.GetString()!;
            if (rules is { MinLength: > 0 } && s.Trim().Length < rules.MinLength)
                throw new CaseFileException(file, path, $"must be at least {rules.MinLength} character(s) long");
            if (rules?.Enum is { } allowed && !allowed.Contains(s, StringComparer.Ordinal))
                throw new CaseFileException(file, path, $"unknown value \"{s}\"; expected one of: {string.Join(", ", allowed)}");
        }
        else if (underlying == typeof(bool))
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new CaseFileException(file, path, $"expected true or false, found {Describe(value)}");
        }
        else if (underlying.IsArray)
        {
            var item = underlying.GetElementType()!;
            if (value.ValueKind != JsonValueKind.Array) throw new CaseFileException(file, path, $"expected an array, found {Describe(value)}");
            if (rules is { MinItems: > 0 } && value.GetArrayLength() < rules.MinItems)
                throw new CaseFileException(file, path, $"needs at least {rules.MinItems} entries; got {value.GetArrayLength()}");
            var i = 0;
            foreach (var entry in value.EnumerateArray()) CheckValue(property, item, entry, file, $"{path}[{i++}]", rules is null ? null : ItemRules(rules));
        }
        else
        {
            if (value.ValueKind != JsonValueKind.Object) throw new CaseFileException(file, path, $"expected an object, found {Describe(value)}");
            CheckObject(property.Options.GetTypeInfo(underlying), value, file, path, skip: null);
        }
    }

    /// <summary>The array's numeric and string rules apply to each item; its length rule does not.</summary>
    private static ParameterAttribute ItemRules(ParameterAttribute rules) => new()
    {
        ExclusiveMinimum = rules.ExclusiveMinimum, Minimum = rules.Minimum, Maximum = rules.Maximum, ExclusiveMaximum = rules.ExclusiveMaximum,
        Enum = rules.Enum, MinLength = rules.MinLength,
    };

    private static void CheckRange(double x, JsonElement value, string file, string path, ParameterAttribute? rules)
    {
        if (rules is null) return;
        var raw = value.GetRawText();
        if (!double.IsNaN(rules.ExclusiveMinimum) && !(x > rules.ExclusiveMinimum)) throw new CaseFileException(file, path, $"must be > {Number(rules.ExclusiveMinimum)}; got {raw}");
        if (!double.IsNaN(rules.Minimum) && !(x >= rules.Minimum)) throw new CaseFileException(file, path, $"must be ≥ {Number(rules.Minimum)}; got {raw}");
        if (!double.IsNaN(rules.Maximum) && !(x <= rules.Maximum)) throw new CaseFileException(file, path, $"must be ≤ {Number(rules.Maximum)}; got {raw}");
        if (!double.IsNaN(rules.ExclusiveMaximum) && !(x < rules.ExclusiveMaximum)) throw new CaseFileException(file, path, $"must be < {Number(rules.ExclusiveMaximum)}; got {raw}");
    }

    /// <summary>A member is required when its constructor parameter has no default (and it is not nullable).</summary>
    internal static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false };

    /// <summary>The member's <see cref="ParameterAttribute"/>, if any.</summary>
    internal static ParameterAttribute? Attribute(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(ParameterAttribute), inherit: false).OfType<ParameterAttribute>().FirstOrDefault();

    /// <summary>The member's <see cref="DescriptionAttribute"/> text, if any.</summary>
    internal static string? Description(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false).OfType<DescriptionAttribute>().FirstOrDefault()?.Description;

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        _ => "null",
    };
}
