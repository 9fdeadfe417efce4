namespace ConvergenceSuite.Cli;

/// <summary>The command that run-verification.sh calls.</summary>
public static class Program
{
    /// <summary>Installs the Ctrl-C/SIGTERM handlers and runs <see cref="CommandLine.Run"/>; the return value is the process exit code.</summary>
    public static int Main(string[] args)
    {
        RunCancellation.Install();
        return CommandLine.Run(args);
    }
}
