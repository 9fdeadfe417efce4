using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using Json.Schema;

namespace ConvergenceSuite.Harness.Schema;

/// <summary>
/// The JSON Schema (draft 2020-12) of case files, verification/case.schema.json. It is composed by <see cref="Generate"/>
/// from two parts: the model and case level, hand-written in Schema/case-models.schema.json (embedded in this
/// assembly), and the checks, generated from each check's parameters record (<see cref="CheckDefinition"/>) by
/// <see cref="JsonSchemaExporter"/>. The checked-in verification/case.schema.json (for editors) is kept equal to the
/// generated text by a test (CaseSchemaTests.CheckedInSchema_EqualsGenerated). The loader
/// validates every case file with it before the strict reader runs; a violation becomes a <see cref="CaseFileException"/>
/// naming the file, the JSON path (e.g. "$.grid.points[0]") and the problem in the reader's words ("unknown field",
/// "required field is missing", "expected a finite number, found …"). The schema is the first line of defence and
/// gives editors completion; the reader still checks what a schema cannot (dimensions, sampling, resolution of the
/// data, whether a check applies to the case).
/// </summary>
/// <remarks>
/// A schema node may carry <c>"errorMessage"</c> (the ajv-errors convention, ignored by validators and editors): it
/// replaces the generated message; <c>{value}</c> becomes the offending value and <c>{enum}</c> the allowed values.
/// </remarks>
public static partial class CaseSchema
{
    /// <summary>Name of the schema file in verification/ and of the embedded resource.</summary>
    public const string FileName = "case.schema.json";

    /// <summary>Name of the hand-written model-level part in src/ConvergenceSuite.Harness/Schema and of its embedded resource.</summary>
    public const string ModelsFileName = "case-models.schema.json";

    private const string ResourceName = "ConvergenceSuite.Harness." + ModelsFileName;

    /// <summary>The member of "$defs" in the model-level part that the generated check definitions replace.</summary>
    private const string CheckPlaceholder = "check";

    private static readonly Lazy<(JsonSchema Schema, JsonNode Node, string Text)> Loaded = new(() =>
    {
        var text = Generate();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!, text);
    });

    /// <summary>The schema text the loader validates with (<see cref="Generate"/>; equal to verification/case.schema.json).</summary>
    public static string Text => Loaded.Value.Text;

    /// <summary>
    /// The case-file schema as indented text ending with a line break: the hand-written model-level part with its
    /// "$defs/check" placeholder replaced by "$defs/check" (the id selects "$defs/check-ID") and one "$defs/check-ID" per
    /// registered check, generated from the check's parameters record (members, types, defaults, required members,
    /// descriptions and <see cref="ParameterAttribute"/> constraints).
    /// </summary>
    public static string Generate()
    {
        using var stream = typeof(CaseSchema).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the harness assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var root = JsonNode.Parse(reader.ReadToEnd())!.AsObject();
        var defs = root["$defs"]!.AsObject();
        var composed = new JsonObject();
        foreach (var (name, value) in defs.ToList())
        {
            defs.Remove(name);
            if (name != CheckPlaceholder)
            {
                composed[name] = value;
                continue;
            }
            composed[CheckPlaceholder] = CheckSelector();
            foreach (var definition in CheckRegistry.Definitions) composed[$"check-{definition.Id}"] = CheckParametersSchema(definition);
        }
        if (!composed.ContainsKey(CheckPlaceholder)) throw new InvalidOperationException($"{ModelsFileName} has no \"$defs/{CheckPlaceholder}\" placeholder.");
        root["$defs"] = composed;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject CheckSelector()
    {
        var ids = CheckRegistry.Definitions.Select(d => d.Id).ToArray();
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "A check, selected by id, with its parameters.",
            ["required"] = new JsonArray("id"),
            ["properties"] = new JsonObject
            {
                ["id"] = new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()),
                    ["description"] = "A registered check id.",
                    ["errorMessage"] = "unknown check {value}; known: {enum}",
                },
            },
            ["allOf"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { ["id"] = new JsonObject { ["const"] = id } } },
                ["then"] = new JsonObject { ["$ref"] = $"#/$defs/check-{id}" },
            }).ToArray()),
        };
    }

    private static JsonObject CheckParametersSchema(CheckDefinition definition)
    {
        var options = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = TransformParameter };
        var generated = definition.Parameters.Options.GetJsonSchemaAsNode(definition.Parameters.Type, options).AsObject();
        var properties = new JsonObject { ["id"] = new JsonObject { ["type"] = "string" } };
        if (generated["properties"] is JsonObject members)
            foreach (var (name, value) in members.ToList())
            {
                members.Remove(name);
                properties[name] = value;
            }
        var required = new JsonArray("id");
        foreach (var name in RequiredMembers(definition.Parameters)) required.Add(name);
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = definition.Description,
            ["properties"] = properties,
            ["additionalProperties"] = false,
            ["required"] = required,
        };
    }

    private static IEnumerable<string> RequiredMembers(JsonTypeInfo info) =>
        info.Properties.Where(CheckParameterReader.IsRequired).Select(p => p.Name);

    /// <summary>
    /// Rewrites each node the exporter generates: no "null" (a case file omits a member instead), the member's
    /// description and <see cref="ParameterAttribute"/> constraints, a nested record closed like the check object.
    /// </summary>
    private static JsonNode TransformParameter(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject node) return schema;
        if (node["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
        {
            var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToArray();
            node["type"] = kept.Length == 1 ? kept[0] : new JsonArray(kept.Select(t => (JsonNode)t).ToArray());
        }
        if (node["default"] is null && node.ContainsKey("default")) node.Remove("default");
        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && node["properties"] is JsonObject)
        {
            node["additionalProperties"] = false;
            var required = new JsonArray(RequiredMembers(context.TypeInfo).Select(n => (JsonNode)n).ToArray());
            node.Remove("required");
            if (required.Count > 0) node["required"] = required;
        }
        if (context.PropertyInfo is not { } property || context.Path.Length == 0 || context.Path[^1].ToString() != property.Name) return node;
        var rules = CheckParameterReader.Attribute(property);
        var description = CheckParameterReader.Description(property);
        var result = new JsonObject();
        var isArray = node["type"]?.GetValue<string>() == "array";
        if (rules?.Ref is { } reference)
        {
            result["$ref"] = $"#/$defs/{reference}";
            if (description is not null) result["description"] = description;
            return result;
        }
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            result[key] = value;
        }
        if (description is not null) result["description"] = description;
        if (rules is null) return Reorder(result);
        if (isArray)
        {
            var items = rules.ItemsRef is { } itemReference ? new JsonObject { ["$ref"] = $"#/$defs/{itemReference}" } : result["items"]!.AsObject();
            if (rules.ItemsRef is null) AddConstraints(items, rules);
            result["items"] = items;
            if (rules.MinItems >= 0) result["minItems"] = rules.MinItems;
        }
        else
        {
            AddConstraints(result, rules);
        }
        return Reorder(result);
    }

    private static void AddConstraints(JsonObject node, ParameterAttribute rules)
    {
        if (rules.Enum is { } allowed) node["enum"] = new JsonArray(allowed.Select(a => (JsonNode)a).ToArray());
        if (rules.MinLength >= 0) node["minLength"] = rules.MinLength;
        if (!double.IsNaN(rules.ExclusiveMinimum)) node["exclusiveMinimum"] = rules.ExclusiveMinimum;
        if (!double.IsNaN(rules.Minimum)) node["minimum"] = rules.Minimum;
        if (!double.IsNaN(rules.Maximum)) node["maximum"] = rules.Maximum;
        if (!double.IsNaN(rules.ExclusiveMaximum)) node["exclusiveMaximum"] = rules.ExclusiveMaximum;
        if (rules.ErrorMessage is { } message) node["errorMessage"] = message;
    }

    /// <summary>Keywords in a fixed, readable order: what the value is, what it means, what it must satisfy, its default.</summary>
    private static JsonObject Reorder(JsonObject node)
    {
        string[] order = ["$ref", "type", "description", "enum", "properties", "additionalProperties", "required", "items", "minItems", "minLength",
            "exclusiveMinimum", "minimum", "maximum", "exclusiveMaximum", "default", "errorMessage"];
        var result = new JsonObject();
        foreach (var key in order.Concat(node.Select(p => p.Key).Where(k => !order.Contains(k)).ToList()))
        {
            if (!node.ContainsKey(key)) continue;
            var value = node[key];
            node.Remove(key);
            result[key] = value;
        }
        return result;
    }

    /// <summary>All violations of the schema by <paramref name="root"/>, most useful first (empty when valid).</summary>
    public static IReadOnlyList<SchemaViolation> Validate(JsonElement root)
    {
        var (schema, node, _) = Loaded.Value;
        var results = schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var violations = new List<SchemaViolation>();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 }) continue;
            // A failing "if" is not an error: it only selects the "then" or "else" branch.
            if (detail.EvaluationPath.ToString().Split('/').Contains("if")) continue;
            foreach (var (keyword, message) in detail.Errors)
                violations.AddRange(Describe(root, node, detail, keyword, message));
        }
        // The library lists results in evaluation order, which is deterministic for a given schema and file.
        return violations.DistinctBy(v => (v.JsonPath, v.Problem)).ToList();
    }

    /// <summary>Throws the first violation as a <see cref="CaseFileException"/> naming <paramref name="file"/>.</summary>
    public static void Check(string file, JsonElement root)
    {
        var violations = Validate(root);
        if (violations.Count > 0) throw new CaseFileException(file, violations[0].JsonPath, "schema: " + violations[0].Problem);
    }

    /// <summary>
    /// SHA-256 (lower-case hex) of a case file's bytes without its "$schema" line: the line is editor metadata, so adding
    /// or moving the schema reference does not make references recorded from the file stale. Only a line that holds the
    /// "$schema" member alone is dropped; any other layout hashes the whole file.
    /// </summary>
    public static string ContentHash(byte[] utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        var match = SchemaLine().Match(text);
        // Bytes that are not clean UTF-8 (no exact round trip) are hashed as they are.
        var clean = Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(utf8);
        var bytes = match.Success && clean ? Encoding.UTF8.GetBytes(text.Remove(match.Index, match.Length)) : utf8;
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    [GeneratedRegex("""^[ \t]*"\$schema"[ \t]*:[ \t]*"[^"\r\n]*"[ \t]*,?[ \t]*\r?\n""", RegexOptions.Multiline)]
    private static partial Regex SchemaLine();

    private static IEnumerable<SchemaViolation> Describe(JsonElement root, JsonNode schema, EvaluationResults detail, string keyword, string message)
    {
        var instancePointer = detail.InstanceLocation.ToString();
        var path = ToJsonPath(instancePointer);
        var value = Resolve(root, instancePointer);
        var node = SchemaNode(schema, detail.SchemaLocation);
        var custom = node?["errorMessage"]?.GetValue<string>();
        var evaluation = detail.EvaluationPath.ToString();
        if (keyword.Length == 0 || message.Contains("false schema", StringComparison.Ordinal))
        {
            yield return new SchemaViolation(path, evaluation.EndsWith("additionalProperties", StringComparison.Ordinal) ? "unknown field" : "not allowed here");
            yield break;
        }
        if (keyword == "required")
        {
            var required = node?["required"] as JsonArray;
            var missing = required?.Select(r => r!.GetValue<string>())
                .Where(r => value is not { ValueKind: JsonValueKind.Object } v || !v.TryGetProperty(r, out _)).ToList() ?? [];
            if (missing.Count == 0) yield return new SchemaViolation(path, message);
            foreach (var m in missing) yield return new SchemaViolation($"{path}.{m}", "required field is missing");
            yield break;
        }
        if (custom is not null && keyword is not "type")
        {
            yield return new SchemaViolation(path, Fill(custom, value, node));
            yield break;
        }
        var limit = node?[keyword];
        var problem = keyword switch
        {
            "type" => $"expected {TypeName(node?["type"])}, found {DescribeValue(value)}",
            "enum" => $"unknown value {Raw(value)}; expected one of: {EnumText(node)}",
            "const" => $"must be {limit?.ToJsonString()}, found {DescribeValue(value)}",
            "minimum" => $"must be ≥ {Number(limit)}; got {Raw(value)}",
            "exclusiveMinimum" => $"must be > {Number(limit)}; got {Raw(value)}",
            "maximum" => $"must be ≤ {Number(limit)}; got {Raw(value)}",
            "exclusiveMaximum" => $"must be < {Number(limit)}; got {Raw(value)}",
            "multipleOf" => $"must be a multiple of {Number(limit)}; got {Raw(value)}",
            "minItems" => $"needs at least {Number(limit)} entries; got {Count(value)}",
            "maxItems" => $"takes at most {Number(limit)} entries; got {Count(value)}",
            "minLength" => $"must be at least {Number(limit)} character(s) long",
            "pattern" => $"{DescribeValue(value)} does not match the pattern {limit?.GetValue<string>()}",
            _ => $"{keyword}: {message}",
        };
        yield return new SchemaViolation(path, problem);
    }

    private static string Fill(string template, JsonElement? value, JsonObject? node) =>
        template.Replace("{value}", Raw(value), StringComparison.Ordinal).Replace("{enum}", EnumText(node), StringComparison.Ordinal);

    private static string EnumText(JsonObject? node) =>
        node?["enum"] is JsonArray values ? string.Join(", ", values.Select(v => v is JsonValue j && j.TryGetValue<string>(out var s) ? s : v?.ToJsonString())) : "?";

    private static string Number(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("R", CultureInfo.InvariantCulture) : n?.ToJsonString() ?? "?";

    private static string Raw(JsonElement? e) => e?.GetRawText() ?? "nothing";

    private static string Count(JsonElement? e) => e is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength().ToString(CultureInfo.InvariantCulture) : "?";

    private static string TypeName(JsonNode? type) => type?.GetValue<string>() switch
    {
        "number" => "a finite number",
        "integer" => "an integer",
        "string" => "a string",
        "boolean" => "true or false",
        "array" => "an array",
        "object" => "an object",
        var t => t ?? "another type",
    };

    /// <summary>The reader's wording of a value (as JsonFields describes it).</summary>
    private static string DescribeValue(JsonElement? e) => e?.ValueKind switch
    {
        null or JsonValueKind.Undefined => "nothing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{e.Value.GetString()}\"",
        JsonValueKind.Number => $"the number {e.Value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.Value.GetRawText()}",
        _ => "null",
    };

    /// <summary>"/grid/points/0" → "$.grid.points[0]".</summary>
    public static string ToJsonPath(string pointer)
    {
        var builder = new StringBuilder("$");
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit)) builder.Append('[').Append(segment).Append(']');
            else builder.Append('.').Append(segment);
        }
        return builder.ToString();
    }

    private static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < current.GetArrayLength())
                current = current[i];
            else return null;
        }
        return current;
    }

    /// <summary>The schema node at a schema location's fragment, followed as far as it resolves (the library's locations
    /// below "items" and "additionalProperties" carry a trailing segment that names no node).</summary>
    private static JsonObject? SchemaNode(JsonNode schema, Uri location)
    {
        var fragment = Uri.UnescapeDataString(location.Fragment.TrimStart('#'));
        JsonNode current = schema;
        var deepestObject = schema as JsonObject;
        foreach (var raw in fragment.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            JsonNode? next = current switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (next is null) break;
            current = next;
            if (current is JsonObject o2) deepestObject = o2;
        }
        return deepestObject;
    }
}

/// <summary>One schema violation: where (JSON path, e.g. "$.checks[0].tol") and what, in the reader's words.</summary>
public sealed record SchemaViolation(string JsonPath, string Problem);
