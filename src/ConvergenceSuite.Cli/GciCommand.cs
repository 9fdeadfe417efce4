using ConvergenceSuite.Convergence;

namespace ConvergenceSuite.Cli;

/// <summary>The gci verb: GCI, observed order and extrapolated value for numbers typed or piped in.</summary>
public static class GciCommand
{
    /// <summary>Reads "size value" lines (from --input, else <paramref name="stdin"/>), prints the GCI analysis to <paramref name="stdout"/>
    /// and returns the exit code.</summary>
    public static int Run(GciSettings options, TextReader stdin, TextWriter stdout)
    {
        var dimension = options.Dimension;
        if (dimension is < 1 or > 3) throw new UsageException("--dimension must be 1, 2 or 3");
        var cellCounts = options.Sizes switch
        {
            null or "h" => false,
            "cells" => true,
            var v => throw new UsageException($"--sizes must be cells or h, not '{v}'"),
        };
        var path = options.Input;
        try
        {
            using var reader = path is null ? null : new StreamReader(path);
            stdout.Write(GciReport.Run(reader ?? stdin, dimension, cellCounts));
            return CommandLine.Success;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"error: {(path ?? "stdin")}: {e.Message}");
            return CommandLine.UsageError;
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CommandLine.UsageError;
        }
    }
}
