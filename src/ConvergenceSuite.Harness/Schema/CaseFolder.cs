using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Schema;

/// <summary>A case folder as loaded file by file: the cases that loaded and the files that did not (each with its error).</summary>
public sealed record CaseFolderLoad(IReadOnlyList<CaseDefinition> Cases, IReadOnlyList<CaseFileException> Errors)
{
    /// <summary>True when every file loaded.</summary>
    public bool Clean => Errors.Count == 0;
}

/// <summary>
/// Loads a case folder without letting one bad file stop the others: every *.json file (but *.schema.json) under the
/// folder, sorted by path, is validated against the schema and read; a file that fails is kept as its
/// <see cref="CaseFileException"/> (file, JSON path, problem), and a repeated id is an error of the later file.
/// The verify verb runs the good cases, reports each bad file as a case that did not run, and exits 2.
/// </summary>
public static class CaseFolder
{
    /// <summary>Prefix of the case id under which a bad file is reported (followed by the file name).</summary>
    public const string BadFilePrefix = "bad-case-file:";

    /// <summary>Loads every case file under <paramref name="folder"/>; throws only when the folder does not exist.</summary>
    public static CaseFolderLoad Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"No case folder at {folder}.");
        var cases = new List<CaseDefinition>();
        var errors = new List<CaseFileException>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            try
            {
                var c = CaseLoader.LoadFile(file);
                if (seen.TryGetValue(c.Id, out var first))
                {
                    errors.Add(new CaseFileException(file, "$.id", $"id '{c.Id}' is also used by {first}"));
                    continue;
                }
                seen[c.Id] = file;
                cases.Add(c);
            }
            catch (CaseFileException e)
            {
                errors.Add(e);
            }
            catch (IOException e)
            {
                errors.Add(new CaseFileException(file, "$", $"unreadable: {e.Message}"));
            }
        }
        return new CaseFolderLoad(cases, errors);
    }

    /// <summary>A bad file as a case result that did not run: id "bad-case-file:NAME", the error naming path and problem.</summary>
    public static CaseResult ToResult(CaseFileException error) =>
        new(BadFilePrefix + Path.GetFileName(error.File), $"case file {error.File}", "unknown", "none", "", "", 0, 0, [],
            $"bad case file: {error.JsonPath}: {error.Problem}");
}
