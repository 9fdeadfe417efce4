using System.Text.Json;
using System.Text.Json.Nodes;
using ConvergenceSuite.Cli;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Json;
using Json.Schema;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Reports;

/// <summary>
/// The JSON Schemas generated from the serialisation contract (<see cref="SummarySchema"/>): the checked-in files equal
/// the generated ones; what the writer writes validates; a wrong summary (unknown verdict, missing required member, a
/// number as a bad string, another schema version) is refused by the schema and by the reader, so neither is vacuous.
/// </summary>
[TestFixture]
public class SummarySchemaTests
{
    private static string Reports => Path.Combine(VerifyCommand.RepositoryRoot(), "src", "ConvergenceSuite.Reports");

    private const string Regenerate =
        "regenerate it with: dotnet test verification/ConvergenceSuite.Tests -c Release --filter \"FullyQualifiedName~SummarySchemaTests\" " +
        "-e CONVERGENCE_SUITE_WRITE_SCHEMAS=1 (writes the generated schema over the checked-in file; review the diff)";

    [TestCase(SummarySchema.SummaryFileName)]
    [TestCase(SummarySchema.ClaimsFileName)]
    public void CheckedInSchema_EqualsGenerated(string fileName)
    {
        var generated = Generated(fileName);
        var path = Path.Combine(Reports, fileName);
        if (Environment.GetEnvironmentVariable("CONVERGENCE_SUITE_WRITE_SCHEMAS") == "1")
        {
            File.WriteAllText(path, generated);
        }
        File.Exists(path).ShouldBeTrue($"{path} is missing; {Regenerate}");
        var checkedIn = File.ReadAllText(path).ReplaceLineEndings("\n");
        checkedIn.ShouldBe(generated, $"{path} differs from the schema generated from the serialisation contract; {Regenerate}");
    }

    [Test]
    public void WrittenSummaries_ValidateAgainstSchema()
    {
        Valid(Node(SampleSummaries.Mixed())).ShouldBeTrue();
        Valid(Node(SampleSummaries.WithStudies())).ShouldBeTrue();
        Valid(Node(SampleSummaries.AllPass())).ShouldBeTrue();
    }

    [Test]
    public void VerdictMaybe_IsRefused_BySchemaAndReader()
    {
        var node = Node(SampleSummaries.AllPass());
        node["cases"]![0]!["checks"]![0]!["verdict"] = "maybe";
        Valid(node).ShouldBeFalse();
        var message = Should.Throw<InvalidDataException>(() => SummaryJson.Read(node.ToJsonString())).Message;
        message.ShouldStartWith("$.cases[0].checks[0].verdict:");
        message.ShouldContain("'maybe'");
        message.ShouldContain("'Inconclusive'");
    }

    [TestCase("runId")]
    [TestCase("environment")]
    [TestCase("cases")]
    public void MissingRequiredRootMember_IsRefused_BySchemaAndReader(string member)
    {
        var node = Node(SampleSummaries.AllPass());
        node.AsObject().Remove(member);
        Valid(node).ShouldBeFalse();
        var message = Should.Throw<InvalidDataException>(() => SummaryJson.Read(node.ToJsonString())).Message;
        message.ShouldStartWith("$:");
        message.ShouldContain($"'{member}'");
    }

    [Test]
    public void MissingCheckMessage_IsRefused_BySchemaAndReader()
    {
        var node = Node(SampleSummaries.AllPass());
        node["cases"]![0]!["checks"]![0]!.AsObject().Remove("message");
        Valid(node).ShouldBeFalse();
        var message = Should.Throw<InvalidDataException>(() => SummaryJson.Read(node.ToJsonString())).Message;
        message.ShouldStartWith("$.cases[0].checks[0]:");
        message.ShouldContain("'message'");
    }

    [Test]
    public void NullForRequiredString_IsRefused_BySchemaAndReader()
    {
        var node = Node(SampleSummaries.AllPass());
        node["cases"]![0]!["model"] = null;
        Valid(node).ShouldBeFalse();
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(node.ToJsonString())).Message.ShouldStartWith("$.cases[0].model:");
    }

    [Test]
    public void BadNumberString_AndOtherVersion_AreRefused_BySchema()
    {
        var bad = Node(SampleSummaries.AllPass());
        bad["cases"]![0]!["timeStep"] = "nan";
        Valid(bad).ShouldBeFalse();
        var nonFinite = Node(SampleSummaries.AllPass());
        nonFinite["cases"]![0]!["timeStep"] = "-Infinity";
        Valid(nonFinite).ShouldBeTrue();
        var version = Node(SampleSummaries.AllPass());
        version["schemaVersion"] = VerificationSummary.SchemaVersion + 1;
        Valid(version).ShouldBeFalse();
    }

    [Test]
    public void WrongTokenKind_MessageNamesPathProblemAndLine()
    {
        var node = Node(SampleSummaries.AllPass());
        node["cases"]![0]!["checks"]![0]!["plots"] =
            JsonNode.Parse("""[{"title":"t","xLabel":"x","yLabel":"y","logX":1,"logY":false,"series":[]}]""");
        var json = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var message = Should.Throw<InvalidDataException>(() => SummaryJson.Read(json)).Message;
        message.ShouldStartWith("$.cases[0].checks[0].plots[0].logX:");
        message.ShouldContain("boolean");
        message.ShouldMatch(@"\(line \d+\)$");
    }

    [Test]
    public void DuplicateEvidenceKey_IsRefusedByReader()
    {
        var json = SummaryJson.ToJson(SampleSummaries.AllPass());
        var at = json.IndexOf("\"evidence\": {", StringComparison.Ordinal) + "\"evidence\": {".Length;
        var duplicated = json[..at] + "\"a\": 1, " + json[at..];
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(duplicated)).Message.ShouldContain("$.cases[0].checks[0].evidence");
    }

    private static string Generated(string fileName) => fileName switch
    {
        SummarySchema.SummaryFileName => SummarySchema.Summary(),
        SummarySchema.ClaimsFileName => SummarySchema.Claims(),
        _ => throw new ArgumentOutOfRangeException(nameof(fileName)),
    };

    // JsonSchema.Net registers a schema by its $id globally; the generated schemas have none, so each parse is independent.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(SummarySchema.Summary()));

    private static JsonNode Node(VerificationSummary summary) => JsonNode.Parse(SummaryJson.ToUtf8Bytes(summary))!;

    private static bool Valid(JsonNode node) =>
        Schema.Value.Evaluate(JsonDocument.Parse(node.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;
}
