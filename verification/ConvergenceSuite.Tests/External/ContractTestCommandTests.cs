using ConvergenceSuite.Cli;
using ConvergenceSuite.Harness.External;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// The contract-test verb: the stand-in process and the numpy examples conform (exit 0), also in persistent mode; every
/// misbehaviour of the stand-in, of the W-L example broken on purpose (test data) and of a persistent adapter is reported
/// by problem with what went wrong (exit 1), including a well-formed output of the wrong problem (K × 1.5, a reversed
/// transport), which only the comparison with the reference can catch; bad usage exits 2.
/// </summary>
public class ContractTestCommandTests
{
    private const string Python = "/usr/bin/python3";
    private static string StandIn => Path.Combine(AppContext.BaseDirectory, "StandInSolver.dll");
    private static string Examples => Path.Combine(VerifyCommand.RepositoryRoot(), "verification", "examples");

    private static string WlMisbehaving => Path.Combine(VerifyCommand.RepositoryRoot(), "verification", "ConvergenceSuite.Tests", "External", "Data", "wl_misbehaving.py");

    private static (int Code, string Out, string Err) Run(string? model, double timeout, params string[] command) => Run(model, timeout, false, command);

    private static (int Code, string Out, string Err) Run(string? model, double timeout, bool persistent, params string[] command)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = ContractTestCommand.Run(new ContractTestSettings { Model = model, Timeout = timeout, Persistent = persistent }, command, o, e);
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
        output.ShouldContain("wl-1d-n2-states: unsupported:");
        err.ShouldContain("3 pass, 0 contract violations, 0 wrong results, 4 unsupported");
    }

    [Test]
    public void NumpyExamples_Conform()
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: install python3 and python3-numpy to run the example adapters");
        Run("schrodinger-lohe", 120, Python, Path.Combine(Examples, "sl_split_step.py")).Code.ShouldBe(CommandLine.Success);
        var (code, output, _) = Run("kuramoto", 120, Python, Path.Combine(Examples, "ku_rk4.py"));
        code.ShouldBe(CommandLine.Success);
        output.ShouldContain("ku-n2: pass:");
        (code, output, _) = Run("wigner-lohe", 120, Python, Path.Combine(Examples, "wl_split_step.py"));
        code.ShouldBe(CommandLine.Success);
        foreach (var id in new[] { "wl-1d-n2-states", "wl-1d-n2-mixed", "wl-2d-n2-states" }) output.ShouldContain($"{id}: pass:");
    }

    [Test]
    public void NumpyExamples_Conform_InPersistentMode_OneProcessForAllProblems()
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: install python3 and python3-numpy to run the example adapters");
        var (code, output, err) = Run("schrodinger-lohe", 120, true, Python, Path.Combine(Examples, "sl_split_step.py"), "--serve");
        code.ShouldBe(CommandLine.Success);
        output.ShouldContain("sl-2d-n2-states: pass:");
        err.ShouldContain("persistent: 1 process start(s) for 3 problems");
        (code, _, err) = Run("wigner-lohe", 120, true, Python, Path.Combine(Examples, "wl_split_step.py"), "--serve");
        code.ShouldBe(CommandLine.Success);
        err.ShouldContain("persistent: 1 process start(s) for 3 problems");        (code, _, err) = Run("kuramoto", 120, true, Python, Path.Combine(Examples, "ku_rk4.py"), "--serve");
        code.ShouldBe(CommandLine.Success);
        err.ShouldContain("persistent: 1 process start(s) for 1 problems");
    }

    /// <summary>The W-L problems with outputs broken on purpose (test data: External/Data/wl_misbehaving.py wraps the
    /// example adapter): each contract violation is named, and a wrong transport direction is caught by the fields.</summary>
    private static IEnumerable<TestCaseData> WignerModes()
    {
        TestCaseData M(string mode, string expected) => new TestCaseData(mode, expected).SetName($"MisbehavingWignerLohe_{mode}_IsReportedByProblem");
        yield return M("w-missing", "wl-1d-n2-states: VIOLATION: out/w_re.npy is missing: the solver wrote neither w.npy nor w_re.npy and w_im.npy");
        yield return M("w-shape", "wl-1d-n2-states: VIOLATION: out/w.npy has shape (3, 4, 4096); the contract asks for (S, N, N, P) or (S, N, N, M_1, …, M_d, M_1, …, M_d)");
        yield return M("w-nan", "wl-1d-n2-states: VIOLATION: out/w*.npy: non-finite w_01 at phase-space point 5");
        yield return M("z-real", "wl-1d-n2-states: VIOLATION: out/z.npy holds real numbers ('<f8'); a single z file must be complex");
        yield return M("z-both", "wl-1d-n2-states: VIOLATION: out/z.npy and out/z_re.npy (or z_im.npy) are both present");
        yield return M("transport-sign", "wl-1d-n2-states: WRONG: w is wrong: max |Δw| = ");
        yield return M("coupling-sign", "wl-1d-n2-mixed: WRONG: z is wrong: max |Δz| = ");
    }

    [TestCaseSource(nameof(WignerModes))]
    public void MisbehavingWignerLohe(string mode, string expected)
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: install python3 and python3-numpy to run the example adapters");
        var (code, output, _) = Run("wigner-lohe", 120, Python, WlMisbehaving, "--mode", mode);
        code.ShouldBe(CommandLine.ChecksFailed);
        output.ShouldContain(expected);
        output.ShouldNotContain("wl-1d-n2-states: pass:");
    }

    /// <summary>Persistent-mode protocol violations, each named: an answer that is not "done"/"error …", the process
    /// ending before it answers, no answer within the timeout, and an "error" answer (reported, the process keeps serving).</summary>
    private static IEnumerable<TestCaseData> PersistentModes()
    {
        TestCaseData M(string mode, string expected) => new TestCaseData(mode, expected).SetName($"MisbehavingPersistent_{mode}_IsReportedByProblem");
        yield return M("garbage", "wl-1d-n2-states: VIOLATION: python3 (persistent) answered \"solved it!\" instead of \"done\" or \"error MESSAGE\"");
        yield return M("die", "wl-1d-n2-states: VIOLATION: python3 (persistent) exited with code 4 before answering; stderr: dying on purpose");
        yield return M("hang", "wl-1d-n2-states: VIOLATION: python3 (persistent) timed out after 3 s without answering and was killed");
        yield return M("error", "wl-1d-n2-states: VIOLATION: python3 (persistent) answered error: refusing on purpose");
    }

    [TestCaseSource(nameof(PersistentModes))]
    public void MisbehavingPersistent(string mode, string expected)
    {
        if (!File.Exists(Python)) Assert.Fail($"{Python} is missing: install python3 and python3-numpy to run the example adapters");
        var (code, output, err) = Run("wigner-lohe", mode == "hang" ? 3 : 120, true, Python, WlMisbehaving, "--mode", mode, "--serve");
        code.ShouldBe(CommandLine.ChecksFailed);
        output.ShouldContain(expected);
        // After a process died or was killed, the next problem gets a fresh one; an "error" answer keeps the process.
        err.ShouldContain(mode == "error" ? "persistent: 1 process start(s) for 3 problems" : "persistent: 3 process start(s) for 3 problems");
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
        problems.Select(p => p.Id).ShouldBe(["sl-1d-n2-states", "sl-1d-n2", "sl-2d-n2-states", "wl-1d-n2-states", "wl-1d-n2-mixed", "wl-2d-n2-states", "ku-n2"]);
        problems.Count(p => p.StoreStates).ShouldBe(4);
        ContractTester.Problems("kuramoto").Select(p => p.Id).ShouldBe(["ku-n2"]);
        ContractTester.Problems("wigner-lohe").Select(p => p.Id).ShouldBe(["wl-1d-n2-states", "wl-1d-n2-mixed", "wl-2d-n2-states"]);
    }
}
