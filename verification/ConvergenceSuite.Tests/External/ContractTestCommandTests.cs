using ConvergenceSuite.Cli;
using ConvergenceSuite.Harness.External;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// The contract-test verb: the stand-in process and the numpy examples conform (exit 0); every misbehaviour of the
/// stand-in is reported by problem with what went wrong (exit 1), including a well-formed output of the wrong problem
/// (K × 1.5), which only the comparison with the reference can catch; bad usage exits 2.
/// </summary>
public class ContractTestCommandTests
{
    private const string Python = "/usr/bin/python3";
    private static string StandIn => Path.Combine(AppContext.BaseDirectory, "StandInSolver.dll");
    private static string Examples => Path.Combine(VerifyCommand.RepositoryRoot(), "verification", "examples");

    private static (int Code, string Out, string Err) Run(string? model, double timeout, params string[] command)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = ContractTestCommand.Run(new ContractTestSettings { Model = model, Timeout = timeout }, command, o, e);
        TestContext.Out.WriteLine(o);
        TestContext.Out.WriteLine(e);
        return (code, o.ToString(), e.ToString());
    }

    [Test]
    public void StandIn_Conforms_KuramotoAnsweredUnsupported()
    {
        var (code, output, err) = Run(null, 120, "dotnet", StandIn);
        code.ShouldBe(CommandLine.Success);
        foreach (var id in new[] { "sl-1d-n2-states", "sl-1d-n2", "sl-2d-n2-states" }) output.ShouldContain($"{id}: pass:");
        output.ShouldContain("ku-n2: unsupported:");
        err.ShouldContain("3 pass, 0 contract violations, 0 wrong results, 1 unsupported");
    }

    [Test]
    public void NumpyExamples_Conform()
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: install python3 and python3-numpy to run the example adapters");
        Run("schrodinger-lohe", 120, Python, Path.Combine(Examples, "sl_split_step.py")).Code.ShouldBe(CommandLine.Success);
        var (code, output, _) = Run("kuramoto", 120, Python, Path.Combine(Examples, "ku_rk4.py"));
        code.ShouldBe(CommandLine.Success);
        output.ShouldContain("ku-n2: pass:");
    }

    private static IEnumerable<TestCaseData> Modes()
    {
        TestCaseData M(string mode, string expected) => new TestCaseData(mode, expected).SetName($"Misbehaving_{mode}_IsReportedByProblem");
        yield return M("exit", "sl-1d-n2-states: VIOLATION: dotnet exited with code 7");
        yield return M("hang", "sl-1d-n2-states: VIOLATION: dotnet timed out after 2 s and was killed");
        yield return M("missing", "sl-1d-n2-states: VIOLATION: out/z_im.npy is missing");
        yield return M("malformed", "sl-1d-n2-states: VIOLATION: out/z_re.npy is malformed");
        yield return M("nan", "sl-1d-n2-states: VIOLATION: out/z*.npy: non-finite z_");
        yield return M("short", "sl-1d-n2-states: VIOLATION: out/z_im.npy holds 11 values; the contract asks for 12");
        yield return M("wrong-times", "sl-1d-n2-states: VIOLATION: out/times.npy: sample 0 is at t = 0.5, the harness asked for t = 0");
        yield return M("wrong-coupling", "sl-1d-n2: WRONG: z is wrong: max |Δz| = ");
        yield return M("unsupported", "sl-1d-n2: unsupported: the external solver answered out/unsupported.txt: this stand-in does no splitting today");
    }

    [TestCaseSource(nameof(Modes))]
    public void Misbehaving(string mode, string expected)
    {
        // Only the hanging stand-in gets the short limit: `dotnet` start-up under CPU load can take seconds.
        var (code, output, err) = Run("schrodinger-lohe", mode == "hang" ? 2 : 120, "dotnet", StandIn, "--mode", mode);
        code.ShouldBe(CommandLine.ChecksFailed);
        output.ShouldContain(expected);
        if (mode == "unsupported") err.ShouldContain("nothing was verified");
        else output.ShouldNotContain(": pass:");
    }

    [Test]
    public void ThroughTheCommandLine_CommandAfterDoubleDash_AndUsageErrors()
    {
        CommandLine.Run(["contract-test", "--model", "schrodinger-lohe", "--", "dotnet", StandIn, "--mode", "exit"]).ShouldBe(CommandLine.ChecksFailed);
        CommandLine.Run(["contract-test"]).ShouldBe(CommandLine.UsageError);
        CommandLine.Run(["contract-test", "--model", "wigner", "--", "dotnet", StandIn]).ShouldBe(CommandLine.UsageError);
    }

    [Test]
    public void Problems_CoverBothModelsWithAndWithoutStates()
    {
        var problems = ContractTester.Problems();
        problems.Select(p => p.Id).ShouldBe(["sl-1d-n2-states", "sl-1d-n2", "sl-2d-n2-states", "ku-n2"]);
        problems.Count(p => p.StoreStates).ShouldBe(2);
        ContractTester.Problems("kuramoto").Select(p => p.Id).ShouldBe(["ku-n2"]);
    }
}
