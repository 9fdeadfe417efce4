using System.Text;
using ConvergenceSuite.Harness.Cases;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Cases;

public class CaseLoaderTests
{
    private const string Valid = """
        {
          "id": "ok",
          "model": "schrodinger-lohe",
          "coupling": 1.0,
          "grid": { "points": [64], "lengths": [20.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0], "width": 1.0 },
            { "kind": "gaussian", "center": [1.0], "width": 1.0 }
          ],
          "time": { "final": 1.0, "dt": 0.01, "sampleEvery": 0.1 },
          "scheme": "strang",
          "checks": [ { "id": "lemma-4.1" } ]
        }
        """;

    private static CaseDefinition Parse(string json) => CaseLoader.Parse("case.json", Encoding.UTF8.GetBytes(json));

    [Test]
    public void Parse_ValidFile_BuildsCase()
    {
        var c = Parse(Valid);
        c.Id.ShouldBe("ok");
        c.Problem.Oscillators.ShouldBe(2);
        c.Problem.SampleTimes.Count.ShouldBe(11);
        c.Checks.Single().Id.ShouldBe("lemma-4.1");
        c.Sha256.Length.ShouldBe(64);
    }

    private static IEnumerable<TestCaseData> Malformed()
    {
        TestCaseData Case(string name, string json, string path, string problem) =>
            new TestCaseData(json, path, problem).SetName($"Parse_{name}_NamesFieldAndProblem");
        yield return Case("MalformedJson", Valid.Replace("\"coupling\": 1.0,", "\"coupling\": 1.0,,"), "line", "malformed JSON");
        yield return Case("UnknownField", Valid.Replace("\"coupling\": 1.0,", "\"coupling\": 1.0, \"couplnig\": 2,"), "$.couplnig", "unknown field");
        yield return Case("MissingField", Valid.Replace("\"coupling\": 1.0,", ""), "$.coupling", "required field is missing");
        yield return Case("WrongType", Valid.Replace("\"coupling\": 1.0", "\"coupling\": \"one\""), "$.coupling", "expected a finite number");
        yield return Case("NegativeCoupling", Valid.Replace("\"coupling\": 1.0", "\"coupling\": -1"), "$.coupling", "K must be ≥ 0");
        yield return Case("UnknownCheck", Valid.Replace("lemma-4.1", "lemma-9.9"), "$.checks[0].id", "unknown check");
        yield return Case("CheckNotApplicable", Valid.Replace("\"checks\": [ { \"id\": \"lemma-4.1\" } ]",
            "\"checks\": [ { \"id\": \"lemma-4.1\" } ]").Replace("{ \"kind\": \"gaussian\", \"center\": [1.0], \"width\": 1.0 }",
            "{ \"kind\": \"gaussian\", \"center\": [1.0], \"width\": 1.0 }, { \"kind\": \"gaussian\", \"center\": [0.0], \"width\": 1.0 }"),
            "$.checks[0].id", "N = 2");
        yield return Case("UnknownCheckParameter", Valid.Replace("{ \"id\": \"lemma-4.1\" }", "{ \"id\": \"lemma-4.1\", \"tol\": 1 }"), "$.checks[0].tol", "unknown field");
        yield return Case("UnknownScheme", Valid.Replace("\"strang\"", "\"rk4\""), "$.scheme", "Unknown scheme");
        yield return Case("GridTooCoarse", Valid.Replace("\"points\": [64]", "\"points\": [16]"), "$.oscillators[0]", "grid is too coarse");
        yield return Case("BoxTooSmall", Valid.Replace("\"lengths\": [20.0]", "\"lengths\": [6.0]").Replace("\"points\": [64]", "\"points\": [64]"), "$.oscillators[0]", "box is too small");
        yield return Case("NotNormalisable", Valid.Replace("\"center\": [1.0], \"width\": 1.0 }", "\"center\": [1.0], \"width\": 1.0, \"coefficient\": [0, 0] }"),
            "$.oscillators[1]", "not normalisable");
        yield return Case("SamplesNotMultipleOfDt", Valid.Replace("\"sampleEvery\": 0.1", "\"sampleEvery\": 0.015"), "$.time.sampleEvery", "not a multiple of dt");
        yield return Case("WrongDimension", Valid.Replace("\"center\": [-1.0]", "\"center\": [-1.0, 0.0]"), "$.oscillators[0].center", "needs 1 components");
        yield return Case("PotentialCountMismatch", Valid.Replace("[ { \"kind\": \"harmonic\", \"omega\": 0.5 } ]",
            "[ { \"kind\": \"zero\" }, { \"kind\": \"zero\" }, { \"kind\": \"zero\" } ]"), "$.potentials", "one per oscillator");
        yield return Case("DuplicateCheck", Valid.Replace("{ \"id\": \"lemma-4.1\" }", "{ \"id\": \"lemma-4.1\" }, { \"id\": \"lemma-4.1\" }"), "$.checks", "listed twice");
        yield return Case("BadTier", Valid.Replace("\"id\": \"ok\",", "\"id\": \"ok\", \"tier\": \"slow\","), "$.tier", "quick");
        yield return Case("HarmonicOmegaAndOmegas", Valid.Replace("\"omega\": 0.5", "\"omega\": 0.5, \"omegas\": [0.5]"),
            "$.potentials[0].omega", "exactly one of");
        yield return Case("HarmonicWithoutOmega", Valid.Replace("\"omega\": 0.5", "\"center\": [0.0]"), "$.potentials[0].omega", "exactly one of");
        yield return Case("OmegasWrongDimension", Valid.Replace("\"omega\": 0.5", "\"omegas\": [0.5, 0.7]"), "$.potentials[0].omegas", "needs 1 components");
        yield return Case("ExactReferenceNotEqualUpToConstants", Valid
                .Replace("[ { \"kind\": \"harmonic\", \"omega\": 0.5 } ]",
                    "[ { \"kind\": \"harmonic\", \"omega\": 0.5 }, { \"kind\": \"harmonic\", \"omega\": 0.5, \"center\": [0.3] } ]")
                .Replace("{ \"id\": \"lemma-4.1\" }", "{ \"id\": \"exact-reference\", \"tolerance\": 1e-6 }"),
            "$.checks[0].id", "not equal up to constants");
        yield return Case("CopyOfLaterOscillator", Valid.Replace("{ \"kind\": \"gaussian\", \"center\": [-1.0], \"width\": 1.0 }", "{ \"kind\": \"copy\", \"of\": 1 }"),
            "$.oscillators[0].of", "earlier oscillator");
    }

    [TestCaseSource(nameof(Malformed))]
    public void Parse_BadInput(string json, string path, string problem)
    {
        var e = Should.Throw<CaseFileException>(() => Parse(json));
        TestContext.Out.WriteLine(e.Message);
        e.File.ShouldBe("case.json");
        e.Message.ShouldContain(path);
        e.Message.ShouldContain(problem);
    }

    [Test]
    public void LoadFolder_DuplicateIds_NamesBothFiles()
    {
        var dir = Directory.CreateTempSubdirectory("cases-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.json"), Valid);
            File.WriteAllText(Path.Combine(dir.FullName, "b.json"), Valid);
            var e = Should.Throw<CaseFileException>(() => CaseLoader.LoadFolder(dir.FullName));
            e.Message.ShouldContain("a.json");
            e.Message.ShouldContain("b.json");
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
