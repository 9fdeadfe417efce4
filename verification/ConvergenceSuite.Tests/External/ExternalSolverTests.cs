using System.Diagnostics;
using System.Numerics;
using System.Text;
using ConvergenceSuite.Cli;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.External;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Solvers;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// The external-process contract (verification/examples/CONTRACT.md): a stand-in C# process (verification/StandInSolver,
/// the suite's own split-step solver behind the file interface) must reproduce the in-process adapter; every way a
/// process can fail is reported as that case's error while the other cases still run; and the example numpy solver
/// passes the S-L checks through the contract.
/// </summary>
public class ExternalSolverTests
{
    /// <summary>The stand-in runs the same solver code on the same data: only the .npy round trip (exact for float64) lies
    /// between the two runs, so they agree to round-off of a different FFT plan at most.</summary>
    private const double StandInAgreement = 1e-13;

    /// <summary>numpy and C# implement the same Strang splitting independently (the coupling flow as RK4 on ψ versus on the
    /// coefficient matrix, both with local error ≈ 3e-16); at T = 2 their correlations differ by round-off accumulated over
    /// 200 steps, measured 2.4e-15 (FFTW); 1e-11 leaves room for other BLAS/FFT libraries.</summary>
    private const double NumpyAgreement = 1e-11;

    private const string Python = "/usr/bin/python3";

    private static string Root => VerifyCommand.RepositoryRoot();
    private static string StandIn => Path.Combine(AppContext.BaseDirectory, "StandInSolver.dll");

    private const string CaseTemplate = """
        {
          "id": "ID",
          "model": "schrodinger-lohe",
          "solver": "external",
          "external": { "command": COMMAND, "timeoutSeconds": TIMEOUT },
          "coupling": 1.0,
          "grid": { "points": [64], "lengths": [20.0] },
          "potentials": [ { "kind": "harmonic", "omega": 0.5 } ],
          "oscillators": [
            { "kind": "gaussian", "center": [-1.0], "momentum": [0.3], "width": 1.0 },
            { "kind": "gaussian", "center": [1.0], "width": 1.2 }
          ],
          "time": { "final": 1.0, "dt": 0.01, "sampleEvery": 0.25 },
          "scheme": "strang",
          "checks": [ { "id": "lemma-4.1" }, { "id": "norm-conservation" } ]
        }
        """;

    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("external-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private CaseDefinition StandInCase(string id, string mode = "ok", double timeout = 60)
    {
        var command = $"[\"dotnet\", \"{StandIn}\", \"--mode\", \"{mode}\"]";
        var json = CaseTemplate.Replace("ID", id).Replace("COMMAND", command).Replace("TIMEOUT", timeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var file = Path.Combine(_dir.FullName, $"{id}.json");
        File.WriteAllText(file, json);
        return CaseLoader.LoadFile(file);
    }

    private static CaseDefinition BuiltIn(CaseDefinition c) => c with { Solver = "split-step" };

    [Test]
    public void StandIn_ThroughTheContract_ReproducesTheInProcessSolver()
    {
        var c = StandInCase("standin-ok");
        var external = new ExternalSolverAdapter().Run(c.Problem, c.Resolution, storeStates: true);
        var builtIn = new SplitStepAdapter().Run(c.Problem, c.Resolution, storeStates: true);
        external.Solver.ShouldBe("external:stand-in");
        external.Times.ShouldBe(builtIn.Times);
        for (var s = 0; s < builtIn.Times.Count; s++)
        {
            for (var q = 0; q < 4; q++) Complex.Abs(external.Correlations[s][q] - builtIn.Correlations[s][q]).ShouldBeLessThan(StandInAgreement);
            for (var j = 0; j < 2; j++)
                external.States![s][j].Zip(builtIn.States![s][j], (a, b) => Complex.Abs(a - b)).Max().ShouldBeLessThan(StandInAgreement);
        }
    }

    [Test]
    public void StandIn_ChecksAndStudies_PassThroughTheRunner()
    {
        var c = StandInCase("standin-checks");
        var result = new VerificationRunner().RunCase(c);
        result.Error.ShouldBeNull();
        result.Solver.ShouldBe("external");
        result.Checks.Select(k => $"{k.CheckId}: {k.Verdict}").ShouldAllBe(s => s.EndsWith(": Pass"));
    }

    private static IEnumerable<TestCaseData> Failures()
    {
        TestCaseData F(string mode, string expected) => new TestCaseData(mode, expected).SetName($"Failure_{mode}_IsReportedForThatCaseOnly");
        yield return F("exit", "exited with code 7; stderr: stand-in: failing on purpose");
        yield return F("hang", "timed out after 2 s and was killed");
        yield return F("missing", "out/z_im.npy is missing");
        yield return F("malformed", "out/z_re.npy is malformed: not a .npy file");
        yield return F("nan", "non-finite z_");
        yield return F("short", "out/z_im.npy holds 19 values; the contract asks for 20");
        yield return F("wrong-times", "out/times.npy: sample 0 is at t = 0.5, the harness asked for t = 0");
    }

    [TestCaseSource(nameof(Failures))]
    public void Failure(string mode, string expected)
    {
        // Only the hanging solver gets the short budget: a start-up of `dotnet` under CPU load can take seconds, and a
        // budget that tight would turn every other mode into a timeout (seen on a loaded 2-core machine).
        var bad = StandInCase($"standin-{mode}", mode, timeout: mode == "hang" ? 2 : 120);
        var good = StandInCase("standin-good");
        var summary = new VerificationRunner().Run([bad, good], new RunOptions(MaxParallelCases: 2), "test");
        var failed = summary.Cases.Single(r => r.CaseId == bad.Id);
        TestContext.Out.WriteLine(failed.Error);
        failed.Error.ShouldNotBeNull();
        failed.Error.ShouldContain("ExternalSolverException");
        failed.Error.ShouldContain(expected);
        summary.Cases.Single(r => r.CaseId == good.Id).Passed.ShouldBeTrue();
    }

    [Test]
    public void UnsupportedAnswer_MakesEveryCheckInconclusiveWithTheReason_NotAFailure()
    {
        var result = new VerificationRunner().RunCase(StandInCase("standin-unsupported", "unsupported"));
        result.Error.ShouldBeNull();
        result.Checks.ShouldNotBeEmpty();
        result.Checks.ShouldAllBe(k => k.Verdict == ConvergenceSuite.Convergence.Verdict.Inconclusive);
        result.Checks.ShouldAllBe(k => k.Message.Contains("does not support this case") && k.Message.Contains("this stand-in does no splitting today"));
    }

    [Test]
    public void Failure_ProgramNotFound_IsReported()
    {
        var file = Path.Combine(_dir.FullName, "missing-program.json");
        File.WriteAllText(file, CaseTemplate.Replace("ID", "missing-program").Replace("COMMAND", "[\"./no-such-solver\"]").Replace("TIMEOUT", "5"));
        var result = new VerificationRunner().RunCase(CaseLoader.LoadFile(file));
        result.Error.ShouldNotBeNull();
        result.Error.ShouldContain("could not start no-such-solver");
    }

    [Test]
    public void ExternalBlock_WithAnotherSolver_IsRefused()
    {
        var json = CaseTemplate.Replace("ID", "x").Replace("\"solver\": \"external\"", "\"solver\": \"split-step\"").Replace("COMMAND", "[\"x\"]").Replace("TIMEOUT", "5");
        var e = Should.Throw<CaseFileException>(() => CaseLoader.Parse("x.json", Encoding.UTF8.GetBytes(json)));
        e.JsonPath.ShouldBe("$.external");
    }

    [Test]
    public void NumpyExample_PassesTheSchrodingerLoheChecksThroughTheContract()
    {
        RequirePythonWithNumpy();
        var c = CaseLoader.LoadFile(Path.Combine(Root, "verification", "examples", "sl-1d-n2-external-numpy.json"));
        var result = new VerificationRunner().RunCase(c);
        foreach (var k in result.Checks) TestContext.Out.WriteLine($"{k.CheckId}: {k.Verdict}: {k.Message}");
        result.Error.ShouldBeNull();
        result.Checks.Count.ShouldBeGreaterThanOrEqualTo(6);
        result.Checks.Where(k => k.Verdict != Verdict.Pass).Select(k => $"{k.CheckId}: {k.Message}").ShouldBeEmpty();
        result.Checks.ShouldContain(k => k.CheckId == "temporal-order");

        var numpy = new ExternalSolverAdapter().Run(c.Problem, c.Resolution, storeStates: false);
        numpy.Solver.ShouldBe("external:numpy-split-step");
        var builtIn = new SplitStepAdapter().Run(c.Problem, c.Resolution, storeStates: false);
        var worst = numpy.Correlations.Zip(builtIn.Correlations, (a, b) => a.Zip(b, (x, y) => Complex.Abs(x - y)).Max()).Max();
        TestContext.Out.WriteLine($"max |z_numpy − z_C#| = {worst:E3}");
        worst.ShouldBeLessThan(NumpyAgreement);
    }

    /// <summary>The example must really run python: without /usr/bin/python3 and numpy the test fails, saying what to install.</summary>
    private static void RequirePythonWithNumpy()
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} is missing: install python3-numpy (apt-get install python3-numpy); .ci/run does this");
        using var p = Process.Start(new ProcessStartInfo(Python) { ArgumentList = { "-c", "import numpy" }, RedirectStandardError = true, UseShellExecute = false })!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            Assert.Fail($"{Python} cannot import numpy ({error.Trim()}): install python3-numpy (apt-get install python3-numpy); .ci/run does this");
    }
}
