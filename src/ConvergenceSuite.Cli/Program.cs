namespace ConvergenceSuite.Cli;

/// <summary>The command that run-verification.sh calls.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        RunCancellation.Install();
        return CommandLine.Run(args);
    }
}
