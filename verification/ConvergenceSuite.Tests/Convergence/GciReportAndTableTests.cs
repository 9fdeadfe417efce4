using System.Globalization;
using ConvergenceSuite.Convergence;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Convergence;

internal static class Cultures
{
    /// <summary>Runs <paramref name="action"/> with de-DE (decimal comma) as CurrentCulture and CurrentUICulture.</summary>
    public static T UnderDecimalComma<T>(Func<T> action)
    {
        CultureInfo culture = CultureInfo.CurrentCulture, ui = CultureInfo.CurrentUICulture;
        try
        {
            var de = CultureInfo.GetCultureInfo("de-DE");
            CultureInfo.CurrentCulture = de;
            CultureInfo.CurrentUICulture = de;
            1.5.ToString(CultureInfo.CurrentCulture).ShouldBe("1,5", "the test culture must really use a decimal comma");
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = ui;
        }
    }

    public static T UnderInvariant<T>(Func<T> action)
    {
        CultureInfo culture = CultureInfo.CurrentCulture, ui = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = ui;
        }
    }
}

[TestFixture]
public class GciReportTests
{
    private const string CelikColumn1 = """
        # Celik et al. (2008) Table 1, column 1: cells, reattachment length
        4500, 5.863
        18000   6.063   # finest

        8000,5.972
        """;

    [Test]
    public void Run_CelikColumn1InAnyOrderWithCommentsAndCommas_ReportsTheTableNumbers()
    {
        string text = GciReport.Run(new StringReader(CelikColumn1), dimension: 2, cellCounts: true);
        TestContext.Out.WriteLine(text);

        text.ShouldContain("apparent order p");
        text.ShouldContain("1.5340"); // p = 1.53397 → F4
        text.ShouldContain("6.1684956"); // φ_ext21 = 6.16849557 → G8
        text.ShouldContain("monotonic");
        GciAnalysis a = GciReport.Analyse(new StringReader(CelikColumn1), 2, true);
        a.Grids.Select(g => g.Value).ShouldBe([6.063, 5.972, 5.863]);
        a.Grids.Select(g => g.LineNumber).ShouldBe([3, 5, 2]);
        a.Triples.Single().GciFine21.ShouldBe(GridConvergenceIndex.FromCellCounts(18000, 8000, 4500, 2, 6.063, 5.972, 5.863).GciFine21);
    }

    [Test]
    public void Run_UnderDecimalCommaCulture_OutputIsIdenticalToInvariant()
    {
        string invariant = Cultures.UnderInvariant(() => GciReport.Run(new StringReader(CelikColumn1), 2, true));
        string german = Cultures.UnderDecimalComma(() => GciReport.Run(new StringReader(CelikColumn1), 2, true));

        german.ShouldBe(invariant);
    }

    [Test]
    public void Run_FourGrids_AnalysesEachConsecutiveTriple()
    {
        string input = "0.1 1.01\n0.2 1.04\n0.4 1.16\n0.8 1.64\n"; // φ = 1 + h²
        GciAnalysis a = GciReport.Analyse(new StringReader(input), 1, cellCounts: false);

        a.Triples.Count.ShouldBe(2);
        GciReport.Format(a).ShouldContain("triple 2-3-4");
    }

    [TestCase("18000 6.063\n8000 5.972 1.0\n4500 5.863\n", "line 2")]
    [TestCase("18000 6.063\n8000 5,972\n4500 5.863\n", "line 2")] // decimal comma splits into 3 fields
    [TestCase("# header\n18000 6.063\n8000 abc\n4500 5.863\n", "line 3")]
    [TestCase("18000 6.063\n8000 5.972\n\n4500.5 5.863\n", "line 4")] // not a whole cell count
    [TestCase("18000 6.063\n8000 5.972\n18000 5.863\n", "line 3")] // duplicate grid
    [TestCase("18000 6.063\n-8000 5.972\n4500 5.863\n", "line 2")]
    [TestCase("18000 NaN\n8000 5.972\n4500 5.863\n", "line 1")]
    public void Run_MalformedLine_ThrowsFormatExceptionNamingTheLine(string input, string expected)
    {
        var ex = Should.Throw<FormatException>(() => GciReport.Run(new StringReader(input), 2, cellCounts: true));
        TestContext.Out.WriteLine(ex.Message);

        ex.Message.ShouldContain(expected);
    }

    [Test]
    public void Run_FewerThanThreeGrids_ThrowsFormatException()
    {
        Should.Throw<FormatException>(() => GciReport.Run(new StringReader("0.1 1\n0.2 2\n"), 2, false))
            .Message.ShouldContain("at least 3");
    }

    [Test]
    public void Run_UndefinedOrder_PrintsUndefinedNotNaN()
    {
        string text = GciReport.Run(new StringReader("0.1 1.0\n0.2 1.0\n0.4 1.3\n"), 1, false);

        text.ShouldContain("undefined");
        text.ShouldNotContain("NaN");
    }
}

[TestFixture]
public class ConvergenceTableTests
{
    private static ConvergenceTable Table()
    {
        double[] h = [0.4, 0.2, 0.1, 0.05];
        double[] values = h.Select(x => 1.0 + 0.5 * x * x).ToArray();
        double[] errors = values.Select(v => v - 1.0).ToArray();
        return ConvergenceTable.FromLadder(h, errors, values);
    }

    [Test]
    public void ToCsv_UnderDecimalCommaCulture_IsIdenticalToInvariant()
    {
        string invariant = Cultures.UnderInvariant(() => Table().ToCsv());
        string german = Cultures.UnderDecimalComma(() => Table().ToCsv());

        german.ShouldBe(invariant);
        german.ShouldStartWith("h,error,pairwise_order,gci_fine\n");
        german.Split('\n')[1].ShouldBe("0.4,0.08000000000000007,,");
    }

    [Test]
    public void ToLatex_UnderDecimalCommaCulture_IsIdenticalToInvariant()
    {
        string invariant = Cultures.UnderInvariant(() => Table().ToLatex("order study"));
        string german = Cultures.UnderDecimalComma(() => Table().ToLatex("order study"));
        TestContext.Out.WriteLine(german);

        german.ShouldBe(invariant);
        german.ShouldContain("\\toprule");
        german.ShouldContain("\\midrule");
        german.ShouldContain("\\bottomrule");
        german.ShouldContain("$4.000\\times10^{-1}$ & $8.000\\times10^{-2}$ & -- & -- \\\\");
        german.ShouldContain("2.000");
    }

    [Test]
    public void ToCsv_RoundTripsEveryNumber()
    {
        ConvergenceTable table = Table();
        string[] lines = table.ToCsv().TrimEnd('\n').Split('\n');

        for (int i = 0; i < table.Rows.Count; i++)
        {
            string[] f = lines[i + 1].Split(',');
            double.Parse(f[0], CultureInfo.InvariantCulture).ShouldBe(table.Rows[i].Step);
            double.Parse(f[1], CultureInfo.InvariantCulture).ShouldBe(table.Rows[i].Error!.Value);
            if (table.Rows[i].GciFine is { } g)
                double.Parse(f[3], CultureInfo.InvariantCulture).ShouldBe(g);
        }
        table.Rows[0].PairwiseOrder.ShouldBeNull();
        table.Rows[1].GciFine.ShouldBeNull();
        table.Rows[2].GciFine.ShouldNotBeNull();
    }
}
