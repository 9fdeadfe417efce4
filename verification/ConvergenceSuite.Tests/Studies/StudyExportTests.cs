using System.Globalization;
using ConvergenceSuite.Harness.Studies;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports.Studies;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Studies;

/// <summary>CSV, LaTeX, SVG/PNG and the Convergence page of studies, including their culture independence.</summary>
[NonParallelizable]
public class StudyExportTests
{
    private static readonly CultureInfo DecimalComma = CultureInfo.GetCultureInfo("de-DE");

    private static readonly double[] Dts = [0.1, 0.05, 0.025, 0.0125, 0.00625];

    private static CheckResult TimeResult() =>
        TimeStudy.Decide("time-study", new TimeStudySettings(Dts, 1.9, 2.1, TimeReference.Exact, 1e-14, "strang"),
            Dts.Select(h => 0.37 * h * h * (1 + 0.1 * h)).ToArray(), Dts.Select(h => 0.91 + 0.2 * h * h).ToArray(),
            Dts.Select((_, i) => 0.0012 * (1 << i)).ToArray(), "max_j relative L² error", "exact reference", "‖ψ̄‖²");

    private static CheckResult GridResult() =>
        GridStudy.Decide("grid-study", new GridStudySettings([16, 24, 32, 40, 48], 2, 24.0, new GridReference(GridReferenceKind.Finest, 96), 0.3, 1e-12, "yoshida4", 0.01),
            [1e-2, 1.7e-4, 3.1e-6, 5.5e-8, 1.2e-9], null, [0.01, 0.02, 0.04, 0.07, 0.1], "error", "finest run");

    private static VerificationSummary Summary()
    {
        var env = new EnvironmentInfo("fft", "rt", "os", 2, "abc", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "quick", null);
        var wp = Harness.Studies.WorkPrecisionCheck.Decide([("strang", [0.01, 0.02], [1e-3, 2.5e-4]), ("lie", [0.01, 0.02], [1e-2, 5e-3])]);
        var c1 = new CaseResult("case-a", "d", "schrodinger-lohe", "split-step", "strang", "160", 0.01, 1.5, [TimeResult(), wp]);
        var c2 = new CaseResult("case/b", "d", "schrodinger-lohe", "split-step", "yoshida4", "64x64", 0.01, 2.5, [GridResult()]);
        return new VerificationSummary("run-1", env, [c1, c2]);
    }

    private static T Under<T>(CultureInfo culture, Func<T> f)
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

    [Test]
    public void CsvAndLatex_UnderDecimalCommaCulture_AreUnchanged()
    {
        foreach (var table in new[] { TimeResult().Study!, GridResult().Study! })
        {
            var csv = Under(CultureInfo.InvariantCulture, () => StudyExport.ToCsv(table));
            var tex = Under(CultureInfo.InvariantCulture, () => StudyExport.ToLatex(table, "caption"));
            Under(DecimalComma, () => StudyExport.ToCsv(table)).ShouldBe(csv);
            Under(DecimalComma, () => StudyExport.ToLatex(table, "caption")).ShouldBe(tex);
        }
    }

    [Test]
    public void WrittenFiles_UnderDecimalCommaCulture_AreIdentical()
    {
        var a = Path.Combine(Path.GetTempPath(), "studies-inv-" + Guid.NewGuid().ToString("N"));
        var b = Path.Combine(Path.GetTempPath(), "studies-de-" + Guid.NewGuid().ToString("N"));
        try
        {
            var summary = Summary();
            var filesA = Under(CultureInfo.InvariantCulture, () => StudyExport.WriteAll(summary, a));
            var filesB = Under(DecimalComma, () => StudyExport.WriteAll(summary, b));
            filesA.Select(Path.GetFileName).ShouldBe(filesB.Select(Path.GetFileName));
            foreach (var f in filesA.Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".tex", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal)))
                File.ReadAllText(Path.Combine(b, StudyExport.FolderName, Path.GetFileName(f))).ShouldBe(File.ReadAllText(f), Path.GetFileName(f));
        }
        finally
        {
            if (Directory.Exists(a)) Directory.Delete(a, true);
            if (Directory.Exists(b)) Directory.Delete(b, true);
        }
    }

    [Test]
    public void Csv_RoundTripsEveryNumber()
    {
        var table = TimeResult().Study!;
        var lines = Under(DecimalComma, () => StudyExport.ToCsv(table)).TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("dt,error,pairwise_order,gci_fine,wall_seconds,value,kept");
        lines.Length.ShouldBe(table.Rows.Count + 1);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            cells.Length.ShouldBe(7);
            double.Parse(cells[0], CultureInfo.InvariantCulture).ShouldBe(table.Rows[i].Step);
            double.Parse(cells[1], CultureInfo.InvariantCulture).ShouldBe(table.Rows[i].Error);
            if (table.Rows[i].PairwiseRate is { } p) double.Parse(cells[2], CultureInfo.InvariantCulture).ShouldBe(p);
            else cells[2].ShouldBeEmpty();
        }
    }

    [Test]
    public void Latex_IsBooktabsWithFittedOrder()
    {
        var tex = StudyExport.ToLatex(TimeResult().Study!);
        tex.ShouldContain("\\toprule");
        tex.ShouldContain("\\midrule");
        tex.ShouldContain("\\bottomrule");
        tex.ShouldContain("$\\Delta t$ & error & $p$ & GCI");
        tex.ShouldContain("fitted $p = 2.");
        tex.ShouldNotContain("\\hline");
        var grid = StudyExport.ToLatex(GridResult().Study!);
        grid.ShouldContain("$16^2$");
        grid.ShouldContain("\\alpha");
    }

    [Test]
    public void WriteAll_WritesFourFilesPerStudyAndTwoForWorkPrecision()
    {
        var dir = Path.Combine(Path.GetTempPath(), "studies-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = StudyExport.WriteAll(Summary(), dir).Select(Path.GetFileName).ToArray();
            files.ShouldBe([
                "case-a-time-study.csv", "case-a-time-study.tex", "case-a-time-study.svg", "case-a-time-study.png",
                "case-a-work-precision.svg", "case-a-work-precision.png",
                "case-b-grid-study.csv", "case-b-grid-study.tex", "case-b-grid-study.svg", "case-b-grid-study.png",
            ]);
            var svg = File.ReadAllText(Path.Combine(dir, StudyExport.FolderName, "case-a-time-study.svg"));
            svg.ShouldContain("<svg");
            svg.ShouldContain("DejaVu Sans", customMessage: ConvergenceSuite.Tests.Reports.PlotRendererTests.NeedsFont);
            var png = File.ReadAllBytes(Path.Combine(dir, StudyExport.FolderName, "case-a-time-study.png"));
            png.Take(4).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Entries_DuplicateNames_AreMadeUnique()
    {
        var s = Summary();
        var dup = s with { Cases = [s.Cases[0] with { Checks = [TimeResult(), TimeResult()] }] };
        StudyExport.Entries(dup).Select(e => e.Name).ShouldBe(["case-a-time-study", "case-a-time-study-2"]);
    }

    [Test]
    public void ConvergenceSection_ShowsEveryStudyWithRateAndTable_CultureIndependent()
    {
        var section = new ConvergenceSection(linkFiles: true);
        var html = Under(CultureInfo.InvariantCulture, () => section.RenderHtml(Summary()));
        Under(DecimalComma, () => section.RenderHtml(Summary())).ShouldBe(html);
        html.ShouldContain("case-a / time-study");
        html.ShouldContain("case/b / grid-study");
        html.ShouldContain("order p <b>2.");
        html.ShouldContain("spectral rate α");
        html.ShouldContain("<table class=\"study\">");
        html.ShouldContain("studies/case-a-time-study.tex");
        html.ShouldContain("Work-precision");
        html.ShouldContain("data:image/png;base64,");
    }

    [Test]
    public void ConvergenceSection_InFullReport_IsLinkedFromNavigation()
    {
        var html = ConvergenceSuite.Reports.Html.HtmlReport.Render(Summary(), [new ConvergenceSection()]);
        html.ShouldContain("<a href=\"#convergence\">Convergence</a>");
        new ConvergenceSection().RenderHtml(Summary() with { Cases = [] }).ShouldContain("No convergence studies");
    }
}
