using System.Globalization;
using System.Text;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Regression;
using ConvergenceSuite.Harness.Running;
using ConvergenceSuite.Harness.Summary;
using ConvergenceSuite.Reports;
using ConvergenceSuite.Reports.Formatting;
using ConvergenceSuite.Reports.Html;
using ConvergenceSuite.SeededBugs;
using Spectre.Console;

namespace ConvergenceSuite.Cli;

/// <summary>
/// The gallery verb: runs the cases against every seeded bug (<see cref="SeededBugRegistry"/>), the bugged solver
/// substituted for the real one and the cases unchanged, and reports which checks caught each bug. Writes
/// reports/&lt;run&gt;-gallery/ (index.html with a "Seeded bugs" table, summary.json, junit.xml: one test per bug).
/// Exit code 0 when every bug is caught by a check other than the regression comparison, 1 otherwise.
/// </summary>
public static class GalleryCommand
{
    /// <summary>Runs the gallery verb with <paramref name="options"/>; returns the exit code (see the class).</summary>
    public static int Run(GallerySettings options)
    {
        var tier = VerifyCommand.ParseTier(options.Tier);
        var root = VerifyCommand.RepositoryRoot();
        var casesDir = options.Cases ?? Path.Combine(root, "verification", "cases");
        var referenceDir = options.Reference ?? (options.Cases is null ? Path.Combine(root, "reference-data") : null);
        var runId = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-gallery-" + tier.ToString().ToLowerInvariant();
        var outDir = options.Out ?? Path.Combine(root, "reports", runId);
        var jobs = options.Jobs ?? Environment.ProcessorCount;
        var bugs = SeededBugRegistry.All.Where(b => VerificationRunner.Matches(b.Id, options.Bug)).ToList();
        if (bugs.Count == 0) throw new UsageException($"no seeded bug matches '{options.Bug}'; known: {string.Join(", ", SeededBugRegistry.All.Select(b => b.Id))}");

        IReadOnlyList<CaseDefinition> cases;
        try
        {
            cases = VerificationRunner.Select(CaseLoader.LoadFolder(casesDir), new RunOptions(tier));
        }
        catch (Exception e) when (e is CaseFileException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CommandLine.UsageError;
        }

        var console = Ui.Console(options.Quiet);
        var solvers = VerifyExtras.Solvers(null, updateReference: false, options.SolverAssembly);
        foreach (var path in options.SolverAssembly ?? []) console.MarkupLine($"solvers loaded from {Markup.Escape(Path.GetFullPath(path))}");
        var notes = UnseedableNotes(cases);
        foreach (var note in notes) console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        if (!cases.Any(c => bugs.Any(b => b.Replaces == c.Solver)))
        {
            Console.Error.WriteLine($"error: none of the {cases.Count} selected case(s) is a case of a solver the selected seeded bugs replace "
                + $"({string.Join(", ", bugs.Select(b => b.Replaces).Distinct())}); the gallery has nothing to run");
            return CommandLine.UsageError;
        }
        console.MarkupLine($"[bold]ConvergenceSuite[/] gallery: {bugs.Count} seeded bug(s) × the {tier.ToString().ToLowerInvariant()} cases of the solver each replaces, {jobs} job(s)");
        var gate = new Lock();
        var gallery = Gallery.Run(cases, bugs, jobs, referenceDir is null ? null : new ReferenceStore(referenceDir), (bug, result) =>
        {
            lock (gate) console.MarkupLine($"  {Markup.Escape(bug)}: {Markup.Escape(result.CaseId)} {(result.Passed ? "passes" : "[red]fails[/]")}");
        }, RunCancellation.Token, solvers);

        var table = new Table().AddColumns("bug", "replaces", "caught by (cases)");
        foreach (var o in gallery.Bugs)
            table.AddRow(Markup.Escape(o.Bug.Id), Markup.Escape(o.Bug.Replaces),
                o.Caught ? Markup.Escape(string.Join(", ", o.CaughtBy.Select(kv => $"{kv.Key} ({kv.Value.Count})"))) : "[red]NOT CAUGHT[/]");
        console.Write(table);
        var caught = gallery.Bugs.Count(b => b.CaughtByPhysics);
        console.MarkupLine($"{caught}/{gallery.Bugs.Count} bugs caught by a check other than the regression comparison; gallery time {gallery.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        console.MarkupLine($"checks that caught none: {Markup.Escape(gallery.ChecksCatchingNone.Count == 0 ? "(none)" : string.Join(", ", gallery.ChecksCatchingNone))}");

        var summary = Gallery.ToSummary(gallery, runId, VerificationRunner.Environment(new RunOptions(tier, options.Bug, jobs)));
        var files = ReportWriter.WriteAll(summary, outDir, ReportExporters.Standard([new SeededBugsSection(gallery, notes)], studies: false));
        console.MarkupLine($"report: {Markup.Escape(files.IndexHtml)}");
        return caught == gallery.Bugs.Count ? CommandLine.Success : CommandLine.ChecksFailed;
    }

    /// <summary>
    /// One line per solver whose cases no seeded bug can be applied to (<see cref="Gallery.Unseedable"/> over every
    /// registered bug): the bugs wrap the built-in solvers, so a solver loaded with --solver-assembly (or the
    /// external-process adapter) gets none, and its cases are not run by the gallery. Said, not skipped silently.
    /// </summary>
    public static IReadOnlyList<string> UnseedableNotes(IEnumerable<CaseDefinition> cases) =>
        Gallery.Unseedable(cases, SeededBugRegistry.All).Select(kv =>
            $"no seeded bug applies to solver '{kv.Key}': the seeded bugs wrap the built-in solvers ({string.Join(", ", SeededBugRegistry.All.Select(b => b.Replaces).Distinct())}) "
            + $"and cannot be seeded into it, so its {kv.Value.Count} case(s) ({string.Join(", ", kv.Value)}) are not run by the gallery; "
            + "verify them with `verify --solver-assembly`, and seed defects into that solver's own source to test the checks (as examples/consumer/run.sh does)").ToList();
}

/// <summary>"Seeded bugs" page: bug × catching checks (with the cases where each failed), and the checks that caught none.</summary>
public sealed class SeededBugsSection(GalleryResult gallery, IReadOnlyList<string>? notes = null) : IReportSection
{
    /// <inheritdoc/>
    public string Id => "seeded-bugs";
    /// <inheritdoc/>
    public string Title => "Seeded bugs";

    /// <inheritdoc/>
    public string RenderHtml(VerificationSummary summary)
    {
        var h = new StringBuilder();
        var caught = gallery.Bugs.Count(b => b.CaughtByPhysics);
        h.Append("<p>Each seeded bug is a real solver with exactly one defect, substituted for it with the cases unchanged. A check ")
         .Append("catches a bug on a case when it fails there and passes with the real solver. ")
         .Append(CultureInfo.InvariantCulture, $"{caught} of {gallery.Bugs.Count} bugs are caught by a check other than the regression comparison; ")
         .Append(CultureInfo.InvariantCulture, $"gallery time {InvariantFormat.Seconds(gallery.Seconds)}.</p>\n");
        foreach (var note in notes ?? []) h.Append("<p><b>Not seedable:</b> ").Append(InvariantFormat.Html(note)).Append("</p>\n");
        h.Append("<table>\n<thead><tr><th>bug</th><th>defect</th><th>replaces</th><th>cases</th><th>caught by (cases)</th><th>regression</th><th>inconclusive</th></tr></thead>\n<tbody>\n");
        foreach (var o in gallery.Bugs)
        {
            var physics = o.CaughtBy.Where(kv => kv.Key != RegressionComparison.RegressionCheckId).ToList();
            h.Append("<tr><td><code>").Append(InvariantFormat.Html(o.Bug.Id)).Append("</code></td><td>").Append(InvariantFormat.Html(o.Bug.Defect))
             .Append("</td><td>").Append(InvariantFormat.Html(o.Bug.Replaces)).Append("</td><td>").Append(o.Cases.Count.ToString(CultureInfo.InvariantCulture)).Append("</td><td>");
            h.Append(physics.Count == 0
                ? "<strong>not caught</strong>"
                : string.Join("<br>", physics.Select(kv => $"<code>{InvariantFormat.Html(kv.Key)}</code> ({InvariantFormat.Html(string.Join(", ", kv.Value))})")));
            h.Append("</td><td>").Append(o.CaughtBy.TryGetValue(RegressionComparison.RegressionCheckId, out var reg) ? $"{reg.Count} case(s)" : "—");
            h.Append("</td><td>").Append(InvariantFormat.Html(string.Join(", ", o.InconclusiveBy.Select(kv => $"{kv.Key} ({kv.Value.Count})")))).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        h.Append("<h3>Checks that caught none of the bugs</h3>\n<p>");
        h.Append(gallery.ChecksCatchingNone.Count == 0 ? "(none)" : string.Join(", ", gallery.ChecksCatchingNone.Select(c => $"<code>{InvariantFormat.Html(c)}</code>")));
        h.Append("</p>\n");
        var failedBaseline = gallery.Baseline.Where(c => !c.Passed).Select(c => c.CaseId).ToList();
        h.Append("<p>Baseline (real solvers): ").Append(CultureInfo.InvariantCulture, $"{gallery.Baseline.Count - failedBaseline.Count} of {gallery.Baseline.Count} cases pass")
         .Append(failedBaseline.Count == 0 ? "" : $"; not passing: {InvariantFormat.Html(string.Join(", ", failedBaseline))} (their checks count for no bug)").Append(".</p>\n");
        return h.ToString();
    }
}
