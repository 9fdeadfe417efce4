namespace ConvergenceSuite.Cli;

/// <summary>Verb dispatch. Exit codes: 0 every verdict passed; 1 some check failed; 2 usage or input error.</summary>
public static class CommandLine
{
    public const int Success = 0;
    public const int ChecksFailed = 1;
    public const int UsageError = 2;
    /// <summary>Ctrl-C or SIGTERM stopped the run (128 + SIGINT, the shell convention); no report was written.</summary>
    public const int Cancelled = 130;

    public const string Usage = """
        usage: convergence-suite <verb> [options]

        verbs:
          verify   run the verification cases and write reports/<run>/
                   --case FILTER       only cases whose id contains FILTER (or matches a glob with *)
                   --tier quick|full   quick: the CI tier (default); full: every case
                   --cases DIR         case folder (default: verification/cases of the repository)
                   --out DIR           report folder (default: reports/<run-id> of the repository)
                   --jobs N            cases run concurrently (default: number of cores)
                   --reference DIR     reference data (default: reference-data/ of the repository; off for --cases)
                   --update-reference  rewrite references that are missing, stale or out of tolerance (atomically;
                                       a reference the run matches is left byte for byte; listed in CHANGELOG.md)
                   --claims yes|no     also evaluate the claims ledger of the tier and add the Claims page
                                       (default: yes, unless --case or --cases is given)
                   --shard i/n         run shard i of n (1-based): cases sorted by id, every n-th from the i-th
                   --coverage-report DIR  record the coverage of a ReportGenerator folder (Cobertura.xml) in the
                                       summary and copy it to the report's coverage/ (run-verification.sh --coverage)
                   --case-budget S     wall-clock budget per case in seconds (default 1800; a case's "budgetSeconds"
                                       overrides it): a case past it ends "timed out", the other cases still run
                   --seeded-bug ID     substitute a seeded bug (see gallery) for the solver it replaces: a
                                       deliberately defective run, e.g. to try compare (not with --update-reference)
                   a bad case file is reported (file, JSON path, problem), the other cases still run, exit code 2
          merge    combine the summaries of shards into one report: merge --out DIR SHARD_DIR_OR_SUMMARY... [--run-id ID]
          gallery  run the cases against each seeded-bug solver and report which checks catch each bug
                   --tier quick|full   (default quick)   --bug FILTER   --jobs N   --out DIR   --cases DIR
          claims   evaluate the claims ledger only (every numbered statement of the paper, tested as printed)
                   --tier quick|full   quick: the cheap entries and data sets (default); full: every entry
                   --entry FILTER      only entries whose id contains FILTER
                   --out DIR           report folder (default: reports/<run-id> of the repository)
                   exit 0 when every entry was evaluated, whatever the paper's verdicts; 1 when one could not be evaluated
          compare  compare two runs: compare BASE HEAD [--out DIR] (report folders or summary.json files); prints
                   Markdown (verdict changes, numeric drift with the tolerance each is judged by, wall time with a
                   noise band) and with --out writes compare.md, compare.html, compare.json; exit 1 when a verdict
                   worsens or a drift exceeds its tolerance, 0 otherwise (timing never fails it)
          gci      observed order, Richardson extrapolation and the Grid Convergence Index (Celik et al. 2008)
                   for numbers from any code: lines "size value" on stdin or --input FILE ('#' comments)
                   --dimension D       spatial dimension d (default 1)
                   --sizes cells|h     first column: cell counts N (h = (1/N)^(1/d)) or spacings h (default h)
          help     this text

        exit codes: 0 all verdicts pass, 1 a check failed or a case did not run, 2 bad usage or a bad case file,
                    130 cancelled by Ctrl-C or SIGTERM (no report written)
        """;

    private static int RunCompare(string[] args)
    {
        var options = Options.Parse(ExtractOptions(args), ["out"]);
        var positional = Positionals(args);
        if (positional.Count != 2) throw new UsageException("compare needs exactly two inputs: BASE HEAD");
        return CompareCommand.Run(positional[0], positional[1], options.Get("out"), Console.Out, Console.Error);
    }

    private static string[] ExtractOptions(string[] args)
    {
        var list = new List<string>();
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal)) { list.Add(args[i]); if (i + 1 < args.Length) list.Add(args[++i]); }
        return [.. list];
    }

    private static List<string> Positionals(string[] args)
    {
        var list = new List<string>();
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal)) i++; else list.Add(args[i]);
        return list;
    }

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? UsageError : Success;
        }
        try
        {
            return args[0] switch
            {
                "verify" => VerifyCommand.Run(args[1..]),
                "claims" => ClaimsCommand.Run(Options.Parse(args[1..], ClaimsCommand.Flags)),
                "gallery" => GalleryCommand.Run(Options.Parse(args[1..], GalleryCommand.Flags)),
                "merge" => MergeCommand.Run(args[1..], Console.Out, Console.Error),
                "compare" => RunCompare(args[1..]),
                "gci" => GciCommand.Run(Options.Parse(args[1..], GciCommand.Flags), Console.In, Console.Out),
                _ => throw new UsageException($"unknown verb '{args[0]}'"),
            };
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled: no report was written");
            return Cancelled;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return UsageError;
        }
    }
}

/// <summary>Bad command-line usage.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Parsed "--name value" options; flags listed as known, anything else is a usage error.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args, IReadOnlyCollection<string> known)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !known.Contains(name[2..]))
                throw new UsageException($"unknown option '{name}'");
            if (i + 1 >= args.Length) throw new UsageException($"option '{name}' needs a value");
            options._values[name[2..]] = args[++i];
        }
        return options;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name, int fallback)
    {
        var v = Get(name);
        if (v is null) return fallback;
        return int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) && i > 0
            ? i
            : throw new UsageException($"--{name} needs a positive integer, not '{v}'");
    }
}
