using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConvergenceSuite.Cli;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Schema;
using NUnit.Framework;
using QuantumSync.Solvers.Kuramoto;
using QuantumSync.Solvers.SchrodingerLohe;
using Shouldly;

namespace ConvergenceSuite.Tests.Schema;

/// <summary>The case-file schema: it accepts every catalogue case, agrees with the registries, and every malformed file in
/// Schema/Malformed gives its own named error (file, JSON path, problem), as its first line "// expect: PATH :: PROBLEM" says.</summary>
public class CaseSchemaTests
{
    private static string Root => VerifyCommand.RepositoryRoot();
    private static string SchemaFile => Path.Combine(Root, "verification", CaseSchema.FileName);
    private static string MalformedFolder => Path.Combine(Root, "verification", "ConvergenceSuite.Tests", "Schema", "Malformed");
    private static JsonNode SchemaNode => JsonNode.Parse(File.ReadAllText(SchemaFile))!;

    private const string Regenerate =
        "regenerate it with: dotnet test verification/ConvergenceSuite.Tests -c Release --filter \"FullyQualifiedName~CaseSchemaTests.CheckedInSchema_EqualsGenerated\" " +
        "-e CONVERGENCE_SUITE_WRITE_SCHEMAS=1 (writes the generated schema over verification/case.schema.json; review the diff)";

    [Test]
    public void CheckedInSchema_EqualsGenerated()
    {
        var generated = CaseSchema.Generate();
        if (Environment.GetEnvironmentVariable("CONVERGENCE_SUITE_WRITE_SCHEMAS") == "1") File.WriteAllText(SchemaFile, generated);
        File.ReadAllText(SchemaFile).ReplaceLineEndings("\n").ShouldBe(generated,
            $"{SchemaFile} differs from the schema composed of the hand-written model part (src/ConvergenceSuite.Harness/Schema/{CaseSchema.ModelsFileName}) and the checks' parameters records; {Regenerate}");
    }

    [Test]
    public void LoaderSchema_IsTheGeneratedSchema() => CaseSchema.Text.ShouldBe(CaseSchema.Generate());

    [Test]
    public void Schema_DeclaresDraft202012() =>
        SchemaNode["$schema"]!.GetValue<string>().ShouldBe("https://json-schema.org/draft/2020-12/schema");

    [Test]
    public void EveryCatalogueCase_CarriesTheSchemaLineAndIsValid()
    {
        var files = Directory.GetFiles(Path.Combine(Root, "verification", "cases"), "*.json");
        files.Length.ShouldBeGreaterThan(0);
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            lines[1].Trim().ShouldBe("\"$schema\": \"../case.schema.json\",", file);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            CaseSchema.Validate(doc.RootElement).ShouldBeEmpty(Path.GetFileName(file));
        }
    }

    [Test]
    public void ExampleCases_AreValidAndLoad()
    {
        var files = new[] { Path.Combine(Root, "examples", "consumer", "cases"), Path.Combine(Root, "verification", "examples") }
            .SelectMany(folder => Directory.GetFiles(folder, "*.json"))
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).ToArray(); // verification/examples also holds the contract's problem.schema.json
        files.Length.ShouldBeGreaterThanOrEqualTo(5);
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            CaseSchema.Validate(doc.RootElement).ShouldBeEmpty(Path.GetFileName(file));
            CaseLoader.LoadFile(file).Checks.ShouldNotBeEmpty(Path.GetFileName(file));
        }
    }

    [Test]
    public void CheckIds_MatchTheRegistry()
    {
        var ids = SchemaNode["$defs"]!["check"]!["properties"]!["id"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal);
        ids.ShouldBe(CheckRegistry.Ids.Order(StringComparer.Ordinal), "a check was registered or removed: update $defs/check and add $defs/check-<id> in verification/case.schema.json");
        foreach (var id in CheckRegistry.Ids)
            SchemaNode["$defs"]![$"check-{id}"].ShouldNotBeNull($"$defs/check-{id} is missing");
    }

    [Test]
    public void Models_MatchTheRegisteredReaders()
    {
        var models = SchemaNode["properties"]!["model"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal);
        var readers = typeof(IModelReader).Assembly.GetTypes()
            .Where(t => typeof(IModelReader).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => ((IModelReader)Activator.CreateInstance(t)!).Model).Order(StringComparer.Ordinal);
        models.ShouldBe(readers);
        foreach (var m in readers) SchemaNode["$defs"]![$"model-{m}"].ShouldNotBeNull();
    }

    [Test]
    public void Schemes_MatchTheSchemeRegistries()
    {
        SchemaNode["$defs"]!["splitting-scheme"]!["anyOf"]![0]!["enum"]!.AsArray().Select(n => n!.GetValue<string>())
            .ShouldBe(SplittingSchemes.All.Select(s => s.Name), ignoreOrder: true);
        // Names a solver outside the suite may declare: the schema's pattern is the loader's.
        SchemaNode["$defs"]!["splitting-scheme"]!["anyOf"]![1]!["pattern"]!.GetValue<string>()
            .ShouldBe(ConvergenceSuite.Harness.Solvers.SchemeDeclarations.NamePattern);
        SchemaNode["$defs"]!["model-kuramoto"]!["properties"]!["scheme"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>())
            .ShouldBe(KuramotoSchemes.All.Select(s => s.Name), ignoreOrder: true);
    }

    private static IEnumerable<TestCaseData> MalformedFiles() =>
        Directory.GetFiles(Path.Combine(VerifyCommand.RepositoryRoot(), "verification", "ConvergenceSuite.Tests", "Schema", "Malformed"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"MalformedFile_{Path.GetFileNameWithoutExtension(f)}_GivesItsNamedError"));

    [TestCaseSource(nameof(MalformedFiles))]
    public void MalformedFile(string name)
    {
        var file = Path.Combine(MalformedFolder, name);
        var expect = File.ReadLines(file).First();
        expect.ShouldStartWith("// expect: ");
        var parts = expect["// expect: ".Length..].Split(" :: ");
        var e = Should.Throw<CaseFileException>(() => CaseLoader.LoadFile(file));
        TestContext.Out.WriteLine(e.Message);
        e.File.ShouldBe(file);
        e.JsonPath.ShouldStartWith(parts[0]);
        e.Problem.ShouldContain(parts[1]);
    }

    [Test]
    public void MalformedFiles_AreAtLeastTenWithDistinctErrors()
    {
        var messages = Directory.GetFiles(MalformedFolder, "*.json").Select(f =>
        {
            try
            {
                CaseLoader.LoadFile(f);
                return $"{f} loaded";
            }
            catch (CaseFileException e)
            {
                return $"{e.JsonPath}: {e.Problem}";
            }
        }).ToList();
        messages.Count.ShouldBeGreaterThanOrEqualTo(10);
        messages.Distinct().Count().ShouldBe(messages.Count, string.Join("\n", messages));
    }

    [Test]
    public void ContentHash_IgnoresTheSchemaLineOnly()
    {
        const string body = "{\n  \"id\": \"x\",\n  \"model\": \"kuramoto\"\n}\n";
        var withLine = body.Replace("{\n", "{\n  \"$schema\": \"../case.schema.json\",\n");
        var plain = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        CaseSchema.ContentHash(Encoding.UTF8.GetBytes(withLine)).ShouldBe(plain);
        CaseSchema.ContentHash(Encoding.UTF8.GetBytes(body)).ShouldBe(plain);
        CaseSchema.ContentHash(Encoding.UTF8.GetBytes(withLine.Replace("kuramoto", "wigner-lohe"))).ShouldNotBe(plain);
    }

    [Test]
    public void ToJsonPath_ConvertsPointers()
    {
        CaseSchema.ToJsonPath("").ShouldBe("$");
        CaseSchema.ToJsonPath("/grid/points/0").ShouldBe("$.grid.points[0]");
        CaseSchema.ToJsonPath("/checks/2/a~1b").ShouldBe("$.checks[2].a/b");
    }

    [Test]
    public void Validate_ValidWignerAndKuramotoShapes_HaveNoViolations()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "verification", "cases"), "*.json").Where(f => Path.GetFileName(f).StartsWith("wl-", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("ku-", StringComparison.Ordinal)))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            CaseSchema.Validate(doc.RootElement).ShouldBeEmpty();
        }
    }
}
