namespace ConvergenceSuite.Cli;

/// <summary>Verb dispatch (placeholder until the verify verb lands).</summary>
public static class CommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: convergence-suite verify [--case FILTER] [--tier quick|full]");
        return args.Length == 0 ? 2 : 2;
    }
}
