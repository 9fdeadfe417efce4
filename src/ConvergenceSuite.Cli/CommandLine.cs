using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ConvergenceSuite.Cli;

/// <summary>
/// Verb dispatch on Spectre.Console.Cli: help per verb (VERB --help), --version (with the commit the binary was built
/// from), "--option value" and "--option=value". Exit codes: 0 every verdict passed; 1 some check failed (or compare
/// found a regression); 2 usage or input error (message on stderr); 130 cancelled by Ctrl-C or SIGTERM.
/// The verbs' logic is in the *Command classes and the Harness/Reports libraries; the Spectre commands below only bind.
/// </summary>
public static class CommandLine
{
    /// <summary>Exit code 0: every verdict passed (compare: no regression).</summary>
    public const int Success = 0;
    /// <summary>Exit code 1: a check failed or a case did not run (compare: a regression).</summary>
    public const int ChecksFailed = 1;
    /// <summary>Exit code 2: bad usage, unreadable input or a bad case file; the message is on stderr.</summary>
    public const int UsageError = 2;
    /// <summary>Ctrl-C or SIGTERM stopped the run (128 + SIGINT, the shell convention); no report was written.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit codes in one sentence, appended to the help text.</summary>
    public const string ExitCodes = "exit codes: 0 all verdicts pass, 1 a check failed or a case did not run (compare: a regression), "
        + "2 bad usage or a bad case file, 130 cancelled by Ctrl-C or SIGTERM (no report written)";

    /// <summary>The version shown by --version: the assembly's informational version, "0.1.0+&lt;commit&gt;", the version of
    /// Directory.Build.props (the SDK appends the git commit of the build).</summary>
    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>A usage message with CLR type names replaced by what the option expects.</summary>
    public static string Readable(string message) =>
        UsageMessages.ClrTypeName().Replace(message, "to a number (this option takes a number).");

    /// <summary>Parses <paramref name="args"/>, runs the verb and returns its exit code (see the class); no arguments print the help and return
    /// <see cref="UsageError"/>.</summary>
    public static int Run(string[] args)
    {
        // "help" and "help VERB" as before; no arguments: the help, exit 2 (nothing was asked).
        if (args.Length == 0)
        {
            Build(Ui.Console(quiet: false)).Run(["--help"]);
            return UsageError;
        }
        if (args[0] == "help") args = [.. args[1..], "--help"];
        var app = Build(Ui.Console(quiet: false));
        try
        {
            return app.Run(args);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled: no report was written");
            return Cancelled;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(x => x is OperationCanceledException))
        {
            Console.Error.WriteLine("cancelled: no report was written");
            return Cancelled;
        }
        catch (Exception e) when (e is UsageException or CommandAppException)
        {
            Console.Error.WriteLine($"error: {Readable(e.Message)}");
            var verb = args.FirstOrDefault(a => !a.StartsWith('-'));
            Console.Error.WriteLine($"see: convergence-suite {(verb is null ? "" : verb + " ")}--help");
            return UsageError;
        }
    }

    private static CommandApp Build(IAnsiConsole console)
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.SetApplicationName("convergence-suite");
            c.SetApplicationVersion(Version);
            c.ConfigureConsole(console);
            c.PropagateExceptions();
            c.UseStrictParsing();
            c.AddCommand<VerifyVerb>("verify")
                .WithDescription("Run the verification cases and write reports/<run>/ (index.html, summary.json, summary.md, junit.xml). "
                    + "A bad case file is reported (file, JSON path, problem), the other cases still run, exit code 2. " + ExitCodes)
                .WithExample("verify", "--case", "sl-1d-*", "--jobs=2")
                .WithExample("verify", "--tier", "full", "--shard", "1/4");
            c.AddCommand<CompareVerb>("compare")
                .WithDescription("Compare two runs (report folders or summary.json): verdict changes, numeric drift with the tolerance each "
                    + "is judged by, wall time with a noise band. Prints Markdown (for a PR comment or $GITHUB_STEP_SUMMARY). "
                    + "Exit 1 when a verdict worsens or a drift exceeds its tolerance, 0 otherwise (timing never fails it), 2 on bad input.")
                .WithExample("compare", "reports/base", "reports/head", "--out", "reports/compare");
            c.AddCommand<MergeVerb>("merge").WithDescription("Combine the summaries of shards into one report. Exit codes as for verify.")
                .WithExample("merge", "--out", "reports/all", "reports/shard-1", "reports/shard-2");
            c.AddCommand<GalleryVerb>("gallery").WithDescription("Run the cases against each seeded-bug solver and report which checks catch each bug; "
                + "exit 0 when every bug is caught by a check other than the regression comparison, 1 otherwise.");
            c.AddCommand<ClaimsVerb>("claims").WithDescription("Evaluate the claims ledger only (every numbered statement of the paper, tested as printed); "
                + "exit 0 when every entry was evaluated, whatever the paper's verdicts; 1 when one could not be evaluated.");
            c.AddCommand<GciVerb>("gci").WithDescription("Observed order, Richardson extrapolation and the Grid Convergence Index (Celik et al. 2008) "
                + "for numbers from any code: lines \"size value\" on stdin or --input FILE.")
                .WithExample("gci", "--dimension", "2", "--sizes", "cells", "--input", "phi.txt");
            c.AddCommand<ContractTestVerb>("contract-test").WithDescription("Check an external adapter (verification/examples/CONTRACT.md) on small built-in "
                + "problems: prints each contract violation and each wrong result by problem. The adapter's command follows '--'. "
                + "Exit 0 when it conforms, 1 when it does not, 2 on bad usage.")
                .WithExample("contract-test", "--", "/usr/bin/python3", "verification/examples/sl_split_step.py");
        });
        return app;
    }

    internal sealed class VerifyVerb : Command<VerifySettings>
    {
        public override int Execute(CommandContext context, VerifySettings settings, CancellationToken cancellationToken) => VerifyCommand.Run(settings);
    }

    internal sealed class CompareVerb : Command<CompareSettings>
    {
        public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken) =>
            CompareCommand.Run(settings.Base, settings.Head, settings.Out, settings.Quiet ? TextWriter.Null : Console.Out, Console.Error);
    }

    internal sealed class MergeVerb : Command<MergeSettings>
    {
        public override int Execute(CommandContext context, MergeSettings settings, CancellationToken cancellationToken) =>
            MergeCommand.Run(settings, Console.Out, Console.Error);
    }

    internal sealed class GalleryVerb : Command<GallerySettings>
    {
        public override int Execute(CommandContext context, GallerySettings settings, CancellationToken cancellationToken) => GalleryCommand.Run(settings);
    }

    internal sealed class ClaimsVerb : Command<ClaimsSettings>
    {
        public override int Execute(CommandContext context, ClaimsSettings settings, CancellationToken cancellationToken) => ClaimsCommand.Run(settings);
    }

    internal sealed class ContractTestVerb : Command<ContractTestSettings>
    {
        public override int Execute(CommandContext context, ContractTestSettings settings, CancellationToken cancellationToken) =>
            ContractTestCommand.Run(settings, context.Remaining.Raw.ToList(), Console.Out, Console.Error, cancellationToken);
    }

    internal sealed class GciVerb : Command<GciSettings>
    {
        public override int Execute(CommandContext context, GciSettings settings, CancellationToken cancellationToken) =>
            GciCommand.Run(settings, Console.In, Console.Out);
    }
}

/// <summary>Bad command-line usage found by a verb (exit 2).</summary>
/// <summary>Spectre's conversion errors name CLR types ("Failed to convert 'x' to Nullable`1."); say what was expected.</summary>
internal static partial class UsageMessages
{
    [System.Text.RegularExpressions.GeneratedRegex(@"to Nullable`1\.?$|to (Int32|Double)\.?$")]
    internal static partial System.Text.RegularExpressions.Regex ClrTypeName();
}

/// <summary>Bad usage or input detected inside a verb: <see cref="CommandLine.Run"/> prints "error: " and the message to stderr and
/// returns <see cref="CommandLine.UsageError"/>.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The console of a verb: errors only under --quiet; no colour or ANSI under NO_COLOR or redirected output.</summary>
public static class Ui
{
    /// <summary>True when NO_COLOR is set (any value, https://no-color.org) or stdout is not a terminal.</summary>
    public static bool Plain => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || System.Console.IsOutputRedirected;

    /// <summary>A console writing to stdout, or to nothing when <paramref name="quiet"/>; plain text (no ANSI, no colour, not interactive)
    /// when <paramref name="quiet"/> or <see cref="Plain"/>.</summary>
    public static IAnsiConsole Console(bool quiet) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(quiet ? TextWriter.Null : System.Console.Out),
        Ansi = Plain || quiet ? AnsiSupport.No : AnsiSupport.Detect,
        ColorSystem = Plain || quiet ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        Interactive = Plain || quiet ? InteractionSupport.No : InteractionSupport.Detect,
    });
}
