using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Cli;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Studies;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Checks;

/// <summary>
/// Each check's parameters are one record (<see cref="CheckDefinition"/>), read by <see cref="CheckParameterReader"/>:
/// unknown members, wrong types, missing required members and violated constraints are refused naming the file and the
/// JSON path — by the reader itself (no schema in front of it) and through the loader (the generated schema first).
/// </summary>
public class CheckParametersTests
{
    private const string File = "test.json";

    private static string CatalogueCase => Path.Combine(VerifyCommand.RepositoryRoot(), "verification", "cases", "sl-1d-n2-lemma41.json");

    private static Problem Problem => CaseLoader.LoadFile(CatalogueCase).Problem;

    /// <summary>Builds the check object <paramref name="json"/> as the loader would at $.checks[0], without the schema.</summary>
    private static ICheck Create(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CheckRegistry.Create(new JsonFields(File, "$.checks[0]", document.RootElement.Clone()), Problem);
    }

    private static CaseFileException Refused(string json)
    {
        var e = Should.Throw<CaseFileException>(() => Create(json));
        TestContext.Out.WriteLine(e.Message);
        e.File.ShouldBe(File);
        return e;
    }

    [Test]
    public void UnknownParameter_IsRefused_NamingIt()
    {
        var e = Refused("""{ "id": "norm-conservation", "tolerence": 1e-12 }""");
        e.JsonPath.ShouldBe("$.checks[0].tolerence");
        e.Problem.ShouldBe("unknown field");
    }

    [Test]
    public void UnknownParameter_InANestedRecord_IsRefused_NamingIt()
    {
        var e = Refused("""{ "id": "time-study", "dts": [0.1, 0.05, 0.025, 0.0125], "reference": { "kind": "exact", "step": 0.001 } }""");
        e.JsonPath.ShouldBe("$.checks[0].reference.step");
        e.Problem.ShouldBe("unknown field");
    }

    [Test]
    public void WrongType_IsRefused_NamingThePath()
    {
        var e = Refused("""{ "id": "lemma-4.1", "tolerance": "small" }""");
        e.JsonPath.ShouldBe("$.checks[0].tolerance");
        e.Problem.ShouldBe("expected a finite number, found the string \"small\"");
    }

    [Test]
    public void WrongTypeInAnArray_IsRefused_NamingTheEntry()
    {
        var e = Refused("""{ "id": "temporal-order", "dts": [0.1, 0.05, true, 0.0125] }""");
        e.JsonPath.ShouldBe("$.checks[0].dts[2]");
        e.Problem.ShouldBe("expected a finite number, found the boolean true");
    }

    [Test]
    public void WrongType_Integer_IsRefused_NamingTheEntry()
    {
        var e = Refused("""{ "id": "grid-study", "grids": [16, 32.5, 64], "reference": { "kind": "finest", "points": 128 }, "dt": 0.01, "dtReason": "r", "alphaMin": 0.1 }""");
        e.JsonPath.ShouldBe("$.checks[0].grids[1]");
        e.Problem.ShouldBe("expected an integer, found the number 32.5");
    }

    [Test]
    public void MissingRequiredParameter_IsRefused_NamingIt()
    {
        var e = Refused("""{ "id": "exact-reference" }""");
        e.JsonPath.ShouldBe("$.checks[0].tolerance");
        e.Problem.ShouldBe("required field is missing");
    }

    [Test]
    public void NonPositiveTolerance_IsRefused_NamingIt()
    {
        var e = Refused("""{ "id": "hermitian-correlation", "tolerance": 0 }""");
        e.JsonPath.ShouldBe("$.checks[0].tolerance");
        e.Problem.ShouldBe("must be > 0; got 0");
    }

    [Test]
    public void ApplicabilityRule_StillRefusesTheCase()
    {
        // Lemma 4.1 of the S-L level applies to S-L cases only: a W-L case is refused at the check's id.
        var wl = Directory.GetFiles(Path.Combine(VerifyCommand.RepositoryRoot(), "verification", "cases"), "wl-*.json").First();
        using var document = JsonDocument.Parse("""{ "id": "lemma-4.1" }""");
        var e = Should.Throw<CaseFileException>(() =>
            CheckRegistry.Create(new JsonFields(File, "$.checks[0]", document.RootElement.Clone()), CaseLoader.LoadFile(wl).Problem));
        e.JsonPath.ShouldBe("$.checks[0].id");
        e.Problem.ShouldContain("Lemma 4.1");
    }

    [Test]
    public void Defaults_AreTheRecordsDefaults()
    {
        var time = (TimeStudyCheck)Create("""{ "id": "time-study", "dts": [0.5, 0.25, 0.125, 0.0625], "reference": { "kind": "exact" } }""");
        time.FinalTime.ShouldBe(Problem.FinalTime);
        time.Window.ShouldBeNull();
        var norm = Create("""{ "id": "norm-conservation" }""");
        norm.ShouldBeOfType<NormConservationCheck>();
    }

    [Test]
    public void ThroughTheLoader_UnknownAndWrongTypedParameters_AreNamed()
    {
        var text = System.IO.File.ReadAllText(CatalogueCase);
        var folder = Path.Combine(Path.GetTempPath(), $"check-params-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var unknown = Path.Combine(folder, "unknown.json");
            System.IO.File.WriteAllText(unknown, text.Replace("""{ "id": "theorem-2.4" }""", """{ "id": "theorem-2.4", "rateTol": 0.1 }""", StringComparison.Ordinal));
            var e = Should.Throw<CaseFileException>(() => CaseLoader.LoadFile(unknown));
            (e.JsonPath, e.Problem).ShouldBe(("$.checks[4].rateTol", "schema: unknown field"));

            var wrong = Path.Combine(folder, "wrong.json");
            System.IO.File.WriteAllText(wrong, text.Replace("""{ "id": "theorem-2.4" }""", """{ "id": "theorem-2.4", "rateTolerance": [0.1] }""", StringComparison.Ordinal));
            e = Should.Throw<CaseFileException>(() => CaseLoader.LoadFile(wrong));
            (e.JsonPath, e.Problem).ShouldBe(("$.checks[4].rateTolerance", "schema: expected a finite number, found an array"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void ARecordFromAnotherAssemblysContext_IsReadTheSameWay()
    {
        var definition = CheckDefinition.Of("probe", ProbeJsonContext.Default.ProbeParameters, (p, _, _) => new NormConservationCheck(p.Scale));
        using var good = JsonDocument.Parse("""{ "id": "probe", "scale": 2.5 }""");
        ((NormConservationCheck)definition.Create(good.RootElement, new CheckSite(File, "$.checks[3]"), Problem)).Tolerance.ShouldBe(2.5);
        using var unknown = JsonDocument.Parse("""{ "id": "probe", "scael": 2.5 }""");
        var e = Should.Throw<CaseFileException>(() => definition.Create(unknown.RootElement, new CheckSite(File, "$.checks[3]"), Problem));
        (e.JsonPath, e.Problem).ShouldBe(("$.checks[3].scael", "unknown field"));
    }

    [Test]
    public void EveryParameter_HasADescription_AndEveryCheckAStatement()
    {
        foreach (var definition in CheckRegistry.Definitions)
        {
            definition.Description.ShouldNotBeNullOrWhiteSpace($"{definition.Parameters.Type.Name}: add [Description] to the record");
            foreach (var property in definition.Parameters.Properties)
            {
                var described = property.AttributeProvider!.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).Length > 0
                                || property.AttributeProvider.GetCustomAttributes(typeof(ParameterAttribute), false).OfType<ParameterAttribute>().Any(a => a.Ref is not null);
                described.ShouldBeTrue($"{definition.Id}.{property.Name} has neither a description nor a shared schema definition");
            }
        }
    }

    [Test]
    public void GeneratedSchema_StatesEachRecordsMembersAndDefaults()
    {
        var defs = JsonNode.Parse(Harness.Schema.CaseSchema.Generate())!["$defs"]!;
        foreach (var definition in CheckRegistry.Definitions)
        {
            var schema = defs[$"check-{definition.Id}"].ShouldNotBeNull();
            schema["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
            schema["properties"]!.AsObject().Select(p => p.Key).ShouldBe(definition.Parameters.Properties.Select(p => p.Name).Prepend("id"), definition.Id);
        }
        defs["check-norm-conservation"]!["properties"]!["tolerance"]!["default"]!.GetValue<double>().ShouldBe(NormConservationCheck.DefaultTolerance);
        defs["check-exact-reference"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["id", "tolerance"]);
    }
}

/// <summary>A parameters record outside the harness's context (as another assembly would declare one).</summary>
/// <param name="Scale">A number.</param>
public sealed record ProbeParameters(double Scale = 1);

/// <summary>The probe's own source-generated context, with the options every check's parameters use.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ProbeParameters))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext;
