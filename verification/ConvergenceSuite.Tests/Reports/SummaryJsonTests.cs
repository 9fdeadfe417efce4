using System.Text;
using System.Text.Json;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Json;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Reports;

[TestFixture]
public class SummaryJsonTests
{
    [Test]
    public void ReadAfterWrite_MixedSummary_ReproducesEveryField()
    {
        var original = SampleSummaries.Mixed();
        var back = SummaryJson.Read(SummaryJson.ToUtf8Bytes(original));
        AssertSame(original, back);
    }

    [Test]
    public void WriteReadWrite_MixedSummary_IsByteIdentical()
    {
        var first = SummaryJson.ToUtf8Bytes(SampleSummaries.Mixed());
        var second = SummaryJson.ToUtf8Bytes(SummaryJson.Read(first));
        second.ShouldBe(first);
    }

    [TestCase(0.1 + 0.2)]
    [TestCase(-0.0)]
    [TestCase(double.Epsilon)]
    [TestCase(double.MaxValue)]
    [TestCase(-double.MaxValue)]
    [TestCase(1.0 / 3.0)]
    [TestCase(6.02214076e23)]
    [TestCase(2.2250738585072014e-308)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Doubles_RoundTripBitExactly(double value)
    {
        var summary = WithEvidence(value);
        var back = SummaryJson.Read(SummaryJson.ToUtf8Bytes(summary));
        SameDouble(back.Cases[0].Checks[0].Evidence["v"], value);
        SameDouble(back.Cases[0].TimeStep, value);
    }

    [Test]
    public void NonFiniteValues_AreWrittenAsStrings()
    {
        var json = SummaryJson.ToJson(SampleSummaries.Mixed());
        json.ShouldContain("\"nan\": \"NaN\"");
        json.ShouldContain("\"inf\": \"Infinity\"");
        json.ShouldContain("\"minusInf\": \"-Infinity\"");
        using var doc = JsonDocument.Parse(json); // strict JSON parser accepts it
        doc.RootElement.GetProperty("schemaVersion").GetInt32().ShouldBe(VerificationSummary.SchemaVersion);
    }

    [Test]
    public void Json_HasOneEntryPerCheck_WithCaseIdCheckIdVerdictMessageEvidence()
    {
        var summary = SampleSummaries.Mixed();
        using var doc = JsonDocument.Parse(SummaryJson.ToUtf8Bytes(summary));
        var cases = doc.RootElement.GetProperty("cases");
        cases.GetArrayLength().ShouldBe(summary.Cases.Count);
        for (var i = 0; i < summary.Cases.Count; i++)
        {
            var checks = cases[i].GetProperty("checks");
            checks.GetArrayLength().ShouldBe(summary.Cases[i].Checks.Count);
            for (var j = 0; j < checks.GetArrayLength(); j++)
            {
                var k = checks[j];
                k.GetProperty("caseId").GetString().ShouldBe(summary.Cases[i].CaseId);
                k.GetProperty("checkId").GetString().ShouldBe(summary.Cases[i].Checks[j].CheckId);
                k.GetProperty("verdict").GetString().ShouldBe(summary.Cases[i].Checks[j].Verdict.ToString());
                k.GetProperty("message").GetString().ShouldBe(summary.Cases[i].Checks[j].Message);
                k.GetProperty("evidence").EnumerateObject().Count().ShouldBe(summary.Cases[i].Checks[j].Evidence.Count);
            }
        }
        var env = doc.RootElement.GetProperty("environment");
        env.GetProperty("fftBackend").GetString().ShouldBe(summary.Environment.FftBackend);
        env.GetProperty("date").GetString().ShouldBe("2025-03-14T15:09:26.0000000+01:00");
    }

    [Test]
    public void Read_OtherSchemaVersion_Throws()
    {
        var json = SummaryJson.ToJson(SampleSummaries.AllPass())
            .Replace($"\"schemaVersion\": {VerificationSummary.SchemaVersion}", "\"schemaVersion\": 999", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(json)).Message.ShouldContain("schemaVersion 999");
    }

    [Test]
    public void Read_UnknownNumberString_Throws()
    {
        var json = SummaryJson.ToJson(SampleSummaries.AllPass()).Replace("\"a\": 1", "\"a\": \"nan\"", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(json)).Message.ShouldContain("evidence.a");
    }

    [Test]
    public void Read_UnknownVerdict_Throws()
    {
        var json = SummaryJson.ToJson(SampleSummaries.AllPass()).Replace("\"Pass\"", "\"Passed\"", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(json));
    }

    [Test]
    public void Read_MissingProperty_ThrowsWithPath()
    {
        var json = SummaryJson.ToJson(SampleSummaries.AllPass()).Replace("\"solver\"", "\"solverX\"", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(json)).Message.ShouldContain("$.cases[0]");
    }

    [Test]
    public void Read_NotJson_ThrowsInvalidData()
    {
        Should.Throw<InvalidDataException>(() => SummaryJson.Read("{ not json"));
    }

    [Test]
    public void Read_ToleratesUtf8Bom()
    {
        var bytes = SummaryJson.ToUtf8Bytes(SampleSummaries.AllPass());
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray();
        SummaryJson.Read(withBom).RunId.ShouldBe("run-pass");
    }

    [Test]
    public void Write_NoBom_UnixNewlines_ReadableUnicode()
    {
        var bytes = SummaryJson.ToUtf8Bytes(SampleSummaries.Mixed());
        bytes[0].ShouldBe((byte)'{');
        var text = Encoding.UTF8.GetString(bytes);
        text.ShouldNotContain("\r");
        text.ShouldContain("‖ψ − ψ_ref‖₂");
    }

    private static VerificationSummary WithEvidence(double v) => new(
        "r", SampleSummaries.Environment(),
        [new CaseResult("c", "", "m", "s", "k", "g", v, 0, [CheckResult.Of("k", Verdict.Pass, "", new Dictionary<string, double> { ["v"] = v })])]);

    /// <summary>Deep equality with bitwise double comparison (NaN equals NaN).</summary>
    internal static void AssertSame(VerificationSummary a, VerificationSummary b)
    {
        b.RunId.ShouldBe(a.RunId);
        b.Environment.ShouldBe(a.Environment);
        b.Cases.Count.ShouldBe(a.Cases.Count);
        for (var i = 0; i < a.Cases.Count; i++)
        {
            var (ca, cb) = (a.Cases[i], b.Cases[i]);
            (cb.CaseId, cb.Description, cb.Model, cb.Solver, cb.Scheme, cb.Grid, cb.Error)
                .ShouldBe((ca.CaseId, ca.Description, ca.Model, ca.Solver, ca.Scheme, ca.Grid, ca.Error));
            SameDouble(cb.TimeStep, ca.TimeStep);
            SameDouble(cb.ElapsedSeconds, ca.ElapsedSeconds);
            cb.Checks.Count.ShouldBe(ca.Checks.Count);
            for (var j = 0; j < ca.Checks.Count; j++)
            {
                var (ka, kb) = (ca.Checks[j], cb.Checks[j]);
                (kb.CheckId, kb.Verdict, kb.Message).ShouldBe((ka.CheckId, ka.Verdict, ka.Message));
                kb.Evidence.Keys.ShouldBe(ka.Evidence.Keys); // order preserved
                foreach (var key in ka.Evidence.Keys)
                {
                    SameDouble(kb.Evidence[key], ka.Evidence[key]);
                }
                kb.Plots.Count.ShouldBe(ka.Plots.Count);
                for (var p = 0; p < ka.Plots.Count; p++)
                {
                    var (pa, pb) = (ka.Plots[p], kb.Plots[p]);
                    (pb.Title, pb.XLabel, pb.YLabel, pb.LogX, pb.LogY).ShouldBe((pa.Title, pa.XLabel, pa.YLabel, pa.LogX, pa.LogY));
                    pb.Series.Count.ShouldBe(pa.Series.Count);
                    for (var s = 0; s < pa.Series.Count; s++)
                    {
                        (pb.Series[s].Name, pb.Series[s].IsReference).ShouldBe((pa.Series[s].Name, pa.Series[s].IsReference));
                        SameDoubles(pb.Series[s].X, pa.Series[s].X);
                        SameDoubles(pb.Series[s].Y, pa.Series[s].Y);
                    }
                }
                (kb.Heatmaps is null).ShouldBe(ka.Heatmaps is null);
                for (var m = 0; m < (ka.Heatmaps?.Count ?? 0); m++)
                {
                    var (ha, hb) = (ka.Heatmaps![m], kb.Heatmaps![m]);
                    (hb.Title, hb.Rows, hb.Columns, hb.XLabel, hb.YLabel).ShouldBe((ha.Title, ha.Rows, ha.Columns, ha.XLabel, ha.YLabel));
                    SameDoubles([hb.XMin, hb.XMax, hb.YMin, hb.YMax], [ha.XMin, ha.XMax, ha.YMin, ha.YMax]);
                    SameDoubles(hb.Values, ha.Values);
                }
            }
        }
    }

    private static void SameDoubles(IReadOnlyList<double> actual, IReadOnlyList<double> expected)
    {
        actual.Count.ShouldBe(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            SameDouble(actual[i], expected[i]);
        }
    }

    private static void SameDouble(double actual, double expected)
    {
        if (double.IsNaN(expected))
        {
            double.IsNaN(actual).ShouldBeTrue();
            return;
        }
        BitConverter.DoubleToInt64Bits(actual).ShouldBe(BitConverter.DoubleToInt64Bits(expected));
    }
}
