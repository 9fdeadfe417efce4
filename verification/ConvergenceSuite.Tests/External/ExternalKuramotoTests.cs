using System.Text;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Regression;
using ConvergenceSuite.Harness.Running;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// The process contract for Kuramoto problems (verification/examples/CONTRACT.md), with the numpy example solver
/// verification/examples/ku_rk4.py: the right solver passes Adler's closed form, the repulsive-coupling one fails it,
/// phases written mod 2π are refused by name, and a scheme the solver lacks is answered as unsupported (Inconclusive).
/// Needs /usr/bin/python3 with numpy (.ci/run installs python3-numpy).
/// </summary>
[TestFixture]
public sealed class ExternalKuramotoTests
{
    private static string Script => Path.Combine(Path.GetDirectoryName(ReferenceStore.FindDefault()!.Folder)!, "verification", "examples", "ku_rk4.py");

    private static CaseDefinition Case(string scheme = "rk4", params string[] flags) => Case(scheme, false, flags);

    private static CaseDefinition Case(string scheme, bool persistent, params string[] flags)
    {
        var time = scheme == "dopri5"
            ? "\"time\": { \"final\": 60.0, \"sampleEvery\": 0.05 }, \"tolerances\": { \"absolute\": 1e-12, \"relative\": 0 },"
            : "\"time\": { \"final\": 60.0, \"dt\": 0.01, \"sampleEvery\": 0.05 },";
        var command = string.Join(", ", new[] { "/usr/bin/python3", Script }.Concat(flags).Select(a => $"\"{a}\""));
        var json = $$"""
            {
              "id": "ku-external-test",
              "model": "kuramoto",
              "solver": "external",
              "external": { "command": [{{command}}], "timeoutSeconds": 300{{(persistent ? ", \"persistent\": true" : "")}} },
              "oscillators": 2,
              "coupling": 1.0,
              "frequencies": [0.3, 1.0],
              "phases": [0.0, 2.5],
              {{time}}
              "scheme": "{{scheme}}",
              "checks": [ { "id": "adler-locked-phase" } ]
            }
            """;
        return CaseLoader.Parse(Path.Combine(Path.GetTempPath(), "ku-external-test.json"), Encoding.UTF8.GetBytes(json));
    }

    [OneTimeSetUp]
    public void RequireNumpy()
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", "-c \"import numpy\"") { RedirectStandardError = true })!;
        p.WaitForExit();
        if (p.ExitCode != 0) Assert.Fail("/usr/bin/python3 cannot import numpy: install python3-numpy (apt-get install python3-numpy); .ci/run does this");
    }

    [Test]
    public void NumpySolver_PassesAdler()
    {
        var result = new VerificationRunner().RunCase(Case());
        result.Error.ShouldBeNull();
        result.Checks.Single().Verdict.ShouldBe(Verdict.Pass, result.Checks.Single().Message);
    }

    [Test]
    public void NumpySolver_InPersistentMode_PassesAdler_ServedByOneProcessEndedWithTheCase()
    {
        var c = Case("rk4", true, "--serve");
        var command = ConvergenceSuite.Harness.External.ExternalCommands.For(c.Problem)!;
        command.Persistent.ShouldBeTrue();
        var result = new VerificationRunner().RunCase(c);
        result.Error.ShouldBeNull();
        result.Checks.Single().Verdict.ShouldBe(Verdict.Pass, result.Checks.Single().Message);
        ConvergenceSuite.Harness.External.PersistentSolverProcess.StartsFor(command).ShouldBe(1);
        ConvergenceSuite.Harness.External.PersistentSolverProcess.ProcessId(command).ShouldBeNull();
    }

    [Test]
    public void RepulsiveCoupling_InPersistentMode_FailsAdler()
    {
        var result = new VerificationRunner().RunCase(Case("rk4", true, "--wrong-sign", "--serve"));
        result.Error.ShouldBeNull();
        result.Checks.Single().Verdict.ShouldNotBe(Verdict.Pass, result.Checks.Single().Message);
    }

    [Test]
    public void RepulsiveCoupling_FailsAdler()
    {
        var result = new VerificationRunner().RunCase(Case("rk4", "--wrong-sign"));
        result.Error.ShouldBeNull();
        result.Checks.Single().Verdict.ShouldNotBe(Verdict.Pass, result.Checks.Single().Message);
    }

    [Test]
    public void PhasesModTwoPi_AreRefusedByName()
    {
        var result = new VerificationRunner().RunCase(Case("rk4", "--wrapped"));
        result.Error.ShouldNotBeNull();
        result.Error.ShouldContain("out/theta.npy");
        result.Error.ShouldContain("write unwrapped phases");
    }

    [Test]
    public void SchemeTheSolverLacks_IsInconclusiveWithItsReason()
    {
        var result = new VerificationRunner().RunCase(Case("dopri5"));
        result.Error.ShouldBeNull();
        result.Checks.Single().Verdict.ShouldBe(Verdict.Inconclusive);
        result.Checks.Single().Message.ShouldContain("rk4 only, not dopri5");
    }
}
