using System.Text.Json;

namespace ConvergenceSuite.Harness.Cases;

/// <summary>
/// Strict reading of one JSON object of a case file: every read names its field, every error names the file,
/// the JSON path and the problem, and <see cref="EnsureAllRead"/> rejects unknown fields.
/// </summary>
public sealed class JsonFields
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="element"/> found at JSON path <paramref name="path"/> of <paramref name="file"/>; throws unless it is an object.</summary>
    public JsonFields(string file, string path, JsonElement element)
    {
        File = file;
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
            throw new CaseFileException(file, path, $"expected an object, found {Describe(element)}");
        Element = element;
    }

    /// <summary>Path of the case file, for error messages.</summary>
    public string File { get; }
    /// <summary>JSON path of this object, e.g. "$.grid".</summary>
    public string Path { get; }
    /// <summary>The JSON object itself.</summary>
    public JsonElement Element { get; }

    /// <summary>True when the field is present (even if null); does not mark it read.</summary>
    public bool Has(string name) => Element.TryGetProperty(name, out _);

    /// <summary>An error naming the field <paramref name="name"/> of this object.</summary>
    public CaseFileException Error(string name, string problem) => new(File, Child(name), problem);

    /// <summary>JSON path of the field <paramref name="name"/> of this object.</summary>
    public string Child(string name) => $"{Path}.{name}";

    private JsonElement Get(string name, bool required, out bool found)
    {
        _read.Add(name);
        found = Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
        if (!found && required) throw Error(name, "required field is missing");
        return value;
    }

    /// <summary>The required string field.</summary>
    public string String(string name) => StringOr(name, null, required: true)!;

    /// <summary>The string field, or <paramref name="fallback"/> when it is absent or null (an error instead when <paramref name="required"/>).</summary>
    public string? StringOr(string name, string? fallback, bool required = false)
    {
        var v = Get(name, required, out var found);
        if (!found) return fallback;
        if (v.ValueKind != JsonValueKind.String) throw Error(name, $"expected a string, found {Describe(v)}");
        return v.GetString();
    }

    /// <summary>The required finite number field.</summary>
    public double Number(string name) => NumberOr(name, double.NaN, required: true);

    /// <summary>The finite number field, or <paramref name="fallback"/> when it is absent or null (an error instead when <paramref name="required"/>).</summary>
    public double NumberOr(string name, double fallback, bool required = false)
    {
        var v = Get(name, required, out var found);
        if (!found) return fallback;
        return ReadNumber(v, Child(name));
    }

    /// <summary>The required 32-bit integer field.</summary>
    public int Integer(string name) => IntegerOr(name, 0, required: true);

    /// <summary>The 32-bit integer field, or <paramref name="fallback"/> when it is absent or null (an error instead when <paramref name="required"/>).</summary>
    public int IntegerOr(string name, int fallback, bool required = false)
    {
        var v = Get(name, required, out var found);
        if (!found) return fallback;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i)) throw Error(name, $"expected an integer, found {Describe(v)}");
        return i;
    }

    /// <summary>The true/false field, or <paramref name="fallback"/> when it is absent or null.</summary>
    public bool BooleanOr(string name, bool fallback)
    {
        var v = Get(name, false, out var found);
        if (!found) return fallback;
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Error(name, $"expected true or false, found {Describe(v)}");
        return v.GetBoolean();
    }

    /// <summary>The required array of finite numbers.</summary>
    public double[] Numbers(string name) => NumbersOr(name, null, required: true)!;

    /// <summary>The array of finite numbers, or <paramref name="fallback"/> when it is absent or null (an error instead when <paramref name="required"/>).</summary>
    public double[]? NumbersOr(string name, double[]? fallback, bool required = false)
    {
        var v = Get(name, required, out var found);
        if (!found) return fallback;
        if (v.ValueKind != JsonValueKind.Array) throw Error(name, $"expected an array of numbers, found {Describe(v)}");
        return v.EnumerateArray().Select((e, i) => ReadNumber(e, $"{Child(name)}[{i}]")).ToArray();
    }

    /// <summary>The required array of 32-bit integers.</summary>
    public int[] Integers(string name)
    {
        var v = Get(name, true, out _);
        if (v.ValueKind != JsonValueKind.Array) throw Error(name, $"expected an array of integers, found {Describe(v)}");
        return v.EnumerateArray().Select((e, i) =>
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var k))
                throw new CaseFileException(File, $"{Child(name)}[{i}]", $"expected an integer, found {Describe(e)}");
            return k;
        }).ToArray();
    }

    /// <summary>The required object field, read strictly in its turn.</summary>
    public JsonFields Object(string name) => new(File, Child(name), Get(name, true, out _));

    /// <summary>The object field, or null when it is absent or null.</summary>
    public JsonFields? ObjectOr(string name)
    {
        var v = Get(name, false, out var found);
        return found ? new JsonFields(File, Child(name), v) : null;
    }

    /// <summary>The required array of objects, each read strictly.</summary>
    public IReadOnlyList<JsonFields> Objects(string name)
    {
        var v = Get(name, true, out _);
        if (v.ValueKind != JsonValueKind.Array) throw Error(name, $"expected an array of objects, found {Describe(v)}");
        return v.EnumerateArray().Select((e, i) => new JsonFields(File, $"{Child(name)}[{i}]", e)).ToArray();
    }

    /// <summary>Marks a field as known without reading it (e.g. "$schema").</summary>
    public void Ignore(string name) => _read.Add(name);

    /// <summary>Throws on the first field that no reader asked for.</summary>
    public void EnsureAllRead()
    {
        foreach (var p in Element.EnumerateObject())
            if (!_read.Contains(p.Name)) throw new CaseFileException(File, Child(p.Name), "unknown field");
    }

    private double ReadNumber(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var d) || !double.IsFinite(d))
            throw new CaseFileException(File, path, $"expected a finite number, found {Describe(e)}");
        return d;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        _ => "null",
    };
}
