using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Json;
using ConvergenceSuite.Reports.Studies;
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

    // ───────────────────────────── studies ─────────────────────────────

    [Test]
    public void ReadAfterWrite_TimeAndGridStudies_ReproducesEveryField()
    {
        var original = SampleSummaries.WithStudies();
        original.Cases[0].Checks.Count(k => k.Study is not null).ShouldBe(2); // the sample really carries both studies
        var back = SummaryJson.Read(SummaryJson.ToUtf8Bytes(original));
        AssertSame(original, back);
        back.Cases[0].Checks[2].Study.ShouldBeNull();
    }

    [Test]
    public void WriteReadWrite_Studies_IsByteIdentical()
    {
        var first = SummaryJson.ToUtf8Bytes(SampleSummaries.WithStudies());
        SummaryJson.ToUtf8Bytes(SummaryJson.Read(first)).ShouldBe(first);
    }

    [Test]
    public void Write_Studies_UnderDecimalCommaCulture_IsByteIdentical()
    {
        var s = SampleSummaries.WithStudies();
        var invariant = InCulture(CultureInfo.InvariantCulture, () => SummaryJson.ToUtf8Bytes(s));
        var de = CultureInfo.GetCultureInfo("de-DE");
        1.5.ToString(de).ShouldBe("1,5"); // the culture really uses a decimal comma on this machine
        InCulture(de, () => SummaryJson.ToUtf8Bytes(s)).ShouldBe(invariant);
    }

    [Test]
    public void Write_Study_UsesNamesNullsAndNonFiniteTokens()
    {
        using var doc = JsonDocument.Parse(SummaryJson.ToUtf8Bytes(SampleSummaries.WithStudies()));
        var checks = doc.RootElement.GetProperty("cases")[0].GetProperty("checks");
        var time = checks[0].GetProperty("study");
        time.GetProperty("kind").GetString().ShouldBe("Time");
        time.GetProperty("floor").GetString().ShouldBe(SummaryJson.NaNToken);
        time.GetProperty("rows")[0].GetProperty("gridPoints").ValueKind.ShouldBe(JsonValueKind.Null);
        time.GetProperty("rows")[0].GetProperty("pairwiseRate").ValueKind.ShouldBe(JsonValueKind.Null);
        time.GetProperty("workPrecision").GetProperty("title").GetString().ShouldBe("work-precision");
        var grid = checks[1].GetProperty("study");
        grid.GetProperty("kind").GetString().ShouldBe("Grid");
        grid.GetProperty("rate").GetString().ShouldBe(SummaryJson.NaNToken);
        grid.GetProperty("expectedHigh").GetString().ShouldBe(SummaryJson.PositiveInfinityToken);
        grid.GetProperty("valueLabel").ValueKind.ShouldBe(JsonValueKind.Null);
        grid.GetProperty("workPrecision").ValueKind.ShouldBe(JsonValueKind.Null);
        grid.GetProperty("rows")[1].GetProperty("gridPoints").EnumerateArray().Select(e => e.GetInt32()).ShouldBe([24, 24]);
        grid.GetProperty("rows")[2].GetProperty("pairwiseRate").GetString().ShouldBe(SummaryJson.NaNToken);
        checks[2].GetProperty("study").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public void Read_FileWithoutStudyField_LoadsWithNullStudy()
    {
        var root = JsonNode.Parse(SummaryJson.ToUtf8Bytes(SampleSummaries.WithStudies()))!;
        foreach (var k in root["cases"]![0]!["checks"]!.AsArray())
        {
            k!.AsObject().Remove("study").ShouldBeTrue();
        }
        var back = SummaryJson.Read(root.ToJsonString());
        back.Cases[0].Checks.ShouldAllBe(k => k.Study == null);
    }

    [Test]
    public void ReadStudy_RenderedConvergencePage_MatchesTheOriginal()
    {
        // What `merge` relies on: the Convergence page rebuilt from summary.json is the page of the original run.
        var original = SampleSummaries.WithStudies();
        var back = SummaryJson.Read(SummaryJson.ToUtf8Bytes(original));
        var page = new ConvergenceSection().RenderHtml(back);
        page.ShouldBe(new ConvergenceSection().RenderHtml(original));
        page.ShouldContain("yoshida4");
    }

    [TestCase("kind", "\"Space\"", "$.cases[0].checks[0].study.kind")]
    [TestCase("kind", "\"time\"", "$.cases[0].checks[0].study.kind")]
    [TestCase("kind", "\"0\"", "$.cases[0].checks[0].study.kind")]
    [TestCase("kind", "null", "$.cases[0].checks[0].study.kind")]
    [TestCase("rows", "{}", "$.cases[0].checks[0].study.rows")]
    [TestCase("rate", "\"nan\"", "$.cases[0].checks[0].study.rate")]
    [TestCase("referenceSlopes", "null", "$.cases[0].checks[0].study.referenceSlopes")]
    [TestCase("plot", "[]", "$.cases[0].checks[0].study.plot")]
    [TestCase("workPrecision", "7", "$.cases[0].checks[0].study.workPrecision")]
    public void Read_MalformedStudy_ThrowsNamingThePath(string field, string replacement, string expectedPath)
    {
        var json = Mutate(root => root["cases"]![0]!["checks"]![0]!["study"]![field] = JsonNode.Parse(replacement));
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(json)).Message.ShouldStartWith(expectedPath + ":");
    }

    [TestCase("gridPoints", "[16.5]", "$.cases[0].checks[1].study.rows[1].gridPoints[0]")]
    [TestCase("gridPoints", "16", "$.cases[0].checks[1].study.rows[1].gridPoints")]
    [TestCase("pairwiseRate", "\"inf\"", "$.cases[0].checks[1].study.rows[1].pairwiseRate")]
    [TestCase("step", "null", "$.cases[0].checks[1].study.rows[1].step")]
    [TestCase("kept", "1", "$.cases[0].checks[1].study.rows[1].kept")]
    public void Read_MalformedStudyRow_ThrowsNamingThePath(string field, string replacement, string expectedPath)
    {
        var json = Mutate(root => root["cases"]![0]!["checks"]![1]!["study"]!["rows"]![1]![field] = JsonNode.Parse(replacement));
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(json)).Message.ShouldStartWith(expectedPath + ":");
    }

    [Test]
    public void Read_StudyNotAnObject_Throws()
    {
        var json = Mutate(root => root["cases"]![0]!["checks"]![0]!["study"] = JsonValue.Create("Time"));
        Should.Throw<InvalidDataException>(() => SummaryJson.Read(json)).Message.ShouldStartWith("$.cases[0].checks[0].study:");
    }

    [Test]
    public void Read_StudyMissingRequiredField_ThrowsNamingIt()
    {
        var json = Mutate(root => root["cases"]![0]!["checks"]![0]!["study"]!.AsObject().Remove("expectedLow"));
        var message = Should.Throw<InvalidDataException>(() => SummaryJson.Read(json)).Message;
        message.ShouldStartWith("$.cases[0].checks[0].study:");
        message.ShouldContain("'expectedLow'");
    }

    /// <summary>The studies sample as JSON, changed by <paramref name="change"/>.</summary>
    private static string Mutate(Action<JsonNode> change)
    {
        var root = JsonNode.Parse(SummaryJson.ToUtf8Bytes(SampleSummaries.WithStudies()))!;
        change(root);
        return root.ToJsonString();
    }

    private static T InCulture<T>(CultureInfo culture, Func<T> f)
    {
        var (c, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return f();
        }
        finally
        {
            CultureInfo.CurrentCulture = c;
            CultureInfo.CurrentUICulture = ui;
        }
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
                    AssertSamePlot(ka.Plots[p], kb.Plots[p]);
                }
                (kb.Study is null).ShouldBe(ka.Study is null);
                if (ka.Study is not null)
                {
                    AssertSameStudy(ka.Study, kb.Study!);
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

    private static void AssertSamePlot(PlotSpec pa, PlotSpec pb)
    {
        (pb.Title, pb.XLabel, pb.YLabel, pb.LogX, pb.LogY).ShouldBe((pa.Title, pa.XLabel, pa.YLabel, pa.LogX, pa.LogY));
        pb.Series.Count.ShouldBe(pa.Series.Count);
        for (var s = 0; s < pa.Series.Count; s++)
        {
            (pb.Series[s].Name, pb.Series[s].IsReference).ShouldBe((pa.Series[s].Name, pa.Series[s].IsReference));
            SameDoubles(pb.Series[s].X, pa.Series[s].X);
            SameDoubles(pb.Series[s].Y, pa.Series[s].Y);
        }
    }

    /// <summary>Field-by-field equality of two study tables (records holding lists do not compare by value).</summary>
    private static void AssertSameStudy(StudyTable ta, StudyTable tb)
    {
        (tb.Kind, tb.Scheme, tb.Quantity, tb.Reference, tb.ValueLabel)
            .ShouldBe((ta.Kind, ta.Scheme, ta.Quantity, ta.Reference, ta.ValueLabel));
        SameDoubles([tb.Rate, tb.RateStandardError, tb.ExpectedLow, tb.ExpectedHigh, tb.Floor],
            [ta.Rate, ta.RateStandardError, ta.ExpectedLow, ta.ExpectedHigh, ta.Floor]);
        SameDoubles(tb.ReferenceSlopes, ta.ReferenceSlopes);
        tb.Rows.Count.ShouldBe(ta.Rows.Count);
        for (var r = 0; r < ta.Rows.Count; r++)
        {
            var (ra, rb) = (ta.Rows[r], tb.Rows[r]);
            SameDouble(rb.Step, ra.Step);
            SameDouble(rb.Error, ra.Error);
            (rb.GridPoints is null).ShouldBe(ra.GridPoints is null);
            if (ra.GridPoints is not null)
            {
                rb.GridPoints!.ShouldBe(ra.GridPoints);
            }
            SameNullableDouble(rb.PairwiseRate, ra.PairwiseRate);
            SameNullableDouble(rb.GciFine, ra.GciFine);
            SameNullableDouble(rb.WallSeconds, ra.WallSeconds);
            SameNullableDouble(rb.Value, ra.Value);
            rb.Kept.ShouldBe(ra.Kept);
        }
        AssertSamePlot(ta.Plot, tb.Plot);
        (tb.WorkPrecision is null).ShouldBe(ta.WorkPrecision is null);
        if (ta.WorkPrecision is not null)
        {
            AssertSamePlot(ta.WorkPrecision, tb.WorkPrecision!);
        }
    }

    private static void SameNullableDouble(double? actual, double? expected)
    {
        actual.HasValue.ShouldBe(expected.HasValue);
        if (expected is { } e)
        {
            SameDouble(actual!.Value, e);
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
