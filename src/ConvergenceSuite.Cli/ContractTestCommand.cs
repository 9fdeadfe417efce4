using ConvergenceSuite.Harness.External;

namespace ConvergenceSuite.Cli;

/// <summary>
/// The contract-test verb: <c>contract-test [--model M] [--timeout S] [--persistent] -- PROGRAM ARGS...</c> runs an external adapter
/// (verification/examples/CONTRACT.md) on the built-in problems of <see cref="ContractTester"/> and prints one line per
/// problem: "pass", "VIOLATION" (what the harness refused: exit status, timeout, missing/malformed file, shape, times,
/// NaN), "WRONG" (the numbers disagree with the reference beyond the stated tolerance) or "unsupported" (the capability
/// answer). Exit 0 when no problem has a violation or a wrong result and at least one was verified; 1 otherwise; 2 on
/// bad usage. The program is run without a shell from the current directory; a relative path containing '/' is resolved
/// against it.
/// </summary>
public static class ContractTestCommand
{
    /// <summary>Runs the adapter <paramref name="command"/> (program and arguments) on every contract problem, prints one line per problem,
    /// and returns the exit code (see the class).</summary>
    public static int Run(ContractTestSettings settings, IReadOnlyList<string> command, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default)
    {
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new UsageException("contract-test needs the adapter's command after '--', e.g. contract-test -- python3 my_adapter.py");
        var program = command[0];
        if (program.Contains('/') && !Path.IsPathRooted(program)) program = Path.GetFullPath(program);
        var external = new ExternalCommand([program, .. command.Skip(1)], Directory.GetCurrentDirectory(), settings.Timeout) { Persistent = settings.Persistent };
        var problems = ContractTester.Problems(settings.Model);
        var counts = new Dictionary<ContractOutcome, int>();
        var findings = new List<ContractFinding>();
        try
        {
            foreach (var p in problems) findings.Add(ContractTester.Test(p, external, cancellation));
        }
        finally
        {
            if (settings.Persistent) PersistentSolverProcess.Close(external);
        }
        foreach (var (p, finding) in problems.Zip(findings))
        {
            counts[finding.Outcome] = counts.GetValueOrDefault(finding.Outcome) + 1;
            var label = finding.Outcome switch
            {
                ContractOutcome.Pass => "pass",
                ContractOutcome.Violation => "VIOLATION",
                ContractOutcome.WrongResult => "WRONG",
                _ => "unsupported",
            };
            if (!settings.Quiet || finding.Outcome is ContractOutcome.Violation or ContractOutcome.WrongResult)
                stdout.WriteLine($"{p.Id}: {label}: {finding.Message}");
        }
        var bad = counts.GetValueOrDefault(ContractOutcome.Violation) + counts.GetValueOrDefault(ContractOutcome.WrongResult);
        var passed = counts.GetValueOrDefault(ContractOutcome.Pass);
        var summary = $"contract-test: {problems.Count} problems: {passed} pass, {counts.GetValueOrDefault(ContractOutcome.Violation)} contract violations, "
            + $"{counts.GetValueOrDefault(ContractOutcome.WrongResult)} wrong results, {counts.GetValueOrDefault(ContractOutcome.Unsupported)} unsupported";
        if (bad == 0 && passed == 0) summary += " (nothing was verified: the adapter does not conform)";
        if (settings.Persistent) summary += $"; persistent: {PersistentSolverProcess.StartsFor(external)} process start(s) for {problems.Count} problems";
        stderr.WriteLine(summary);
        return bad == 0 && passed > 0 ? CommandLine.Success : CommandLine.ChecksFailed;
    }
}
