using ConvergenceSuite.Cli;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Cli;

public class GciCommandTests
{
    /// <summary>Celik et al. (2008) Table 1, column 1: N = 18000, 8000, 4500 cells, d = 2; p = 1.53 and GCI_fine^21 = 2.17 %.</summary>
    private const string CelikColumn1 = """
        # cells  phi
        18000  6.063
        8000   5.972
        4500   5.863
        """;

    [Test]
    public void Gci_CelikColumn1_ReportsApparentOrderAndGci()
    {
        var output = new StringWriter();
        var code = GciCommand.Run(new GciSettings { Dimension = 2, Sizes = "cells" }, new StringReader(CelikColumn1), output);
        TestContext.Out.WriteLine(output);
        code.ShouldBe(CommandLine.Success);
        output.ToString().ShouldContain("1.53");
    }

    [Test]
    public void Gci_MalformedLine_ExitsWithUsageError()
    {
        var code = GciCommand.Run(new GciSettings { Dimension = 2 }, new StringReader("0.1 1.0\n0.05 abc\n0.025 1.2\n"), new StringWriter());
        code.ShouldBe(CommandLine.UsageError);
    }
}
