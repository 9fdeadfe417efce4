using System.Text.Json;
using System.Text.Json.Nodes;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Cli;
using ConvergenceSuite.Harness.External;
using Json.Schema;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// The JSON Schemas of the contract's files (verification/examples/problem.schema.json, solver.schema.json): what the
/// harness writes validates against problem.schema.json for all three models; documents with a wrong or missing field are
/// refused, so the schema is not vacuous; the solver.json files the stand-in and the numpy examples write validate.
/// </summary>
public class ContractSchemaTests
{
    private static string Examples => Path.Combine(VerifyCommand.RepositoryRoot(), "verification", "examples");
    // JsonSchema.Net registers a schema by its $id globally: each file is loaded once.
    private static readonly Dictionary<string, JsonSchema> Loaded = [];

    private static JsonSchema Schema(string name)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var schema))
                Loaded[name] = schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Examples, name)));
            return schema;
        }
    }

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("contract-schema-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private static bool Valid(JsonSchema schema, JsonNode node) =>
        schema.Evaluate(JsonDocument.Parse(node.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;

    private JsonNode Written(string id, bool storeStates = true)
    {
        var c = ContractTester.Problems().Single(p => p.Id == id).Case;
        var folder = Path.Combine(_dir.FullName, id + storeStates);
        var path = c.Problem switch
        {
            SchrodingerLoheSpec s => ExternalContract.WriteProblem(folder, s.Discretise(c.Resolution.GridPoints), c.Resolution.Scheme, c.Resolution.TimeStep, s.SampleTimes, storeStates),
            WignerLoheSpec w => ExternalContract.WriteWignerProblem(folder, w.Discretise(c.Resolution.GridPoints), c.Resolution.Scheme, c.Resolution.TimeStep, w.SampleTimes, storeStates),
            KuramotoSpec k => ExternalContract.WriteKuramotoProblem(folder, k.Kuramoto, c.Resolution.Scheme, c.Resolution.TimeStep, k.AbsoluteTolerance, k.RelativeTolerance, k.SampleTimes),
            _ => throw new InvalidOperationException(),
        };
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    [TestCase("sl-1d-n2-states")]
    [TestCase("sl-2d-n2-states")]
    [TestCase("wl-1d-n2-states")]
    [TestCase("wl-1d-n2-mixed")]
    [TestCase("wl-2d-n2-states")]
    [TestCase("ku-n2")]
    public void HarnessWrittenProblem_IsValid(string id) => Valid(Schema("problem.schema.json"), Written(id)).ShouldBeTrue();

    private static IEnumerable<TestCaseData> Breakages()
    {
        TestCaseData B(string id, string what, Action<JsonObject> edit) => new TestCaseData(id, edit).SetName($"InvalidProblem_{what}_IsRefused");
        yield return B("sl-1d-n2-states", "WrongContract", o => o["contract"] = "convergence-suite-external-solver/2");
        yield return B("sl-1d-n2-states", "WignerLohe", o => o["model"] = "wigner-lohe");
        yield return B("sl-1d-n2-states", "MissingDt", o => o.Remove("dt"));
        yield return B("sl-1d-n2-states", "StoreStatesString", o => o["storeStates"] = "yes");
        yield return B("sl-1d-n2-states", "DimensionFour", o => o["dimension"] = 4);
        yield return B("sl-1d-n2-states", "InitialWithoutIm", o => o["initial"]![0]!.AsObject().Remove("im"));
        yield return B("sl-1d-n2-states", "UnknownField", o => o["extra"] = 1);
        yield return B("wl-1d-n2-states", "WignerLoheWithoutMomenta", o => o["grid"]!.AsObject().Remove("momenta"));
        yield return B("wl-1d-n2-states", "WignerLoheWithoutHalfGridPotential", o => o["potential"]!.AsObject().Remove("halfGrid"));
        yield return B("wl-1d-n2-states", "WignerLoheInThreeDimensions", o => o["dimension"] = 3);
        yield return B("wl-1d-n2-states", "WignerLoheWithSchrodingerPotentials", o => o["potentials"] = new JsonArray("V_0.npy"));
        yield return B("wl-2d-n2-states", "WignerLoheOddPoints", o => o["grid"]!["points"] = new JsonArray(15, 16));
        yield return B("ku-n2", "KuramotoWithoutFrequencies", o => o.Remove("frequencies"));
        yield return B("ku-n2", "KuramotoWithGrid", o => o["grid"] = new JsonObject());
        yield return B("ku-n2", "NegativeDt", o => o["dt"] = -0.01);
    }

    [TestCaseSource(nameof(Breakages))]
    public void InvalidProblem(string id, Action<JsonObject> edit)
    {
        var node = Written(id);
        edit(node.AsObject());
        Valid(Schema("problem.schema.json"), node).ShouldBeFalse();
    }

    [Test]
    public void SolverJson_ValidAndInvalid()
    {
        var schema = Schema("solver.schema.json");
        Valid(schema, JsonNode.Parse("""{ "name": "stand-in", "backend": "C#", "version": "1.2.0", "commit": "abc123" }""")!).ShouldBeTrue();
        Valid(schema, JsonNode.Parse("""{ "name": "numpy-split-step", "scheme": "strang", "backend": "numpy.fft" }""")!).ShouldBeTrue();
        Valid(schema, JsonNode.Parse("""{ "name": 3 }""")!).ShouldBeFalse();
        Valid(schema, JsonNode.Parse("""{ "version": "" }""")!).ShouldBeFalse();
        Valid(schema, JsonNode.Parse("""["stand-in"]""")!).ShouldBeFalse();
    }
}
