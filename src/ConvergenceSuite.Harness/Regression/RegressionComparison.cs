using System.Globalization;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Harness.Regression;

/// <summary>One compared entry: where it is and how far it is from the reference relative to what is allowed.</summary>
/// <param name="Quantity">Quantity name.</param>
/// <param name="Entry">Logical index, e.g. "[12,0,1]".</param>
/// <param name="Time">Sample time of the entry, when its first axis runs over samples.</param>
/// <param name="Reference">|reference value| (modulus for complex entries).</param>
/// <param name="Current">|current value|.</param>
/// <param name="Deviation">|current − reference| (complex modulus); NaN when either is not finite.</param>
/// <param name="Allowed">Absolute + Relative·max(|a|, |b|).</param>
public sealed record EntryDeviation(string Quantity, string Entry, double? Time, double Reference, double Current, double Deviation, double Allowed)
{
    /// <summary>Deviation / Allowed; +∞ for non-finite values (a NaN never passes).</summary>
    public double Ratio => double.IsFinite(Deviation) ? Deviation / Allowed : double.PositiveInfinity;

    /// <summary>True when the deviation is within the allowed one (Ratio ≤ 1).</summary>
    public bool Passed => Ratio <= 1;

    /// <summary>"quantity[entry] at t: |Δ| (allowed, ratio)", for reports.</summary>
    public override string ToString()
    {
        var at = Time is { } t ? $" at t = {t.ToString("G6", CultureInfo.InvariantCulture)}" : "";
        var dev = double.IsFinite(Deviation) ? Deviation.ToString("E2", CultureInfo.InvariantCulture) : "non-finite";
        return $"{Quantity}{Entry}{at}: |Δ| = {dev} (allowed {Allowed.ToString("E1", CultureInfo.InvariantCulture)}, ratio {Ratio.ToString("G3", CultureInfo.InvariantCulture)})";
    }
}

/// <summary>Per quantity: how many entries were compared, how many failed, and the worst one.</summary>
public sealed record QuantityComparison(string Quantity, int Compared, int Failed, EntryDeviation? Worst);

/// <summary>The outcome of comparing a run with its reference.</summary>
/// <param name="Problems">Structural problems: missing or extra quantities, shape mismatches, a stale case hash.</param>
/// <param name="Quantities">One row per quantity present on both sides.</param>
/// <param name="Largest">The largest deviations (by ratio to the allowed deviation), worst first.</param>
public sealed record ComparisonResult(IReadOnlyList<string> Problems, IReadOnlyList<QuantityComparison> Quantities, IReadOnlyList<EntryDeviation> Largest)
{
    /// <summary>Entries compared over all quantities.</summary>
    public int Compared => Quantities.Sum(q => q.Compared);
    /// <summary>Entries outside their tolerance over all quantities.</summary>
    public int Failed => Quantities.Sum(q => q.Failed);
    /// <summary>Largest deviation / allowed ratio (0 when nothing was compared).</summary>
    public double WorstRatio => Largest.Count == 0 ? 0 : Largest[0].Ratio;
    /// <summary>True when there is no structural problem and no entry failed.</summary>
    public bool Passed => Problems.Count == 0 && Failed == 0;
}

/// <summary>
/// Compares a run's quantities with the reference's, entry by entry, with the tolerance of each quantity's kind
/// (<see cref="RegressionTolerances"/>): |a − b| ≤ atol + rtol·max(|a|, |b|), symmetric in a and b. A NaN or infinite
/// value on either side fails; so does a quantity missing on either side or of another shape.
/// </summary>
public static class RegressionComparison
{
    /// <summary>How many of the largest deviations are reported.</summary>
    public const int ReportedDeviations = 5;

    /// <summary>Compares <paramref name="current"/> with <paramref name="reference"/>, with <paramref name="tolerances"/> per kind (default <see cref="RegressionTolerances.For"/>).</summary>
    public static ComparisonResult Compare(IReadOnlyList<Quantity> reference, IReadOnlyList<Quantity> current,
        Func<QuantityKind, QuantityTolerance>? tolerances = null)
    {
        tolerances ??= RegressionTolerances.For;
        var problems = new List<string>();
        var rows = new List<QuantityComparison>();
        var largest = new List<EntryDeviation>();
        var byName = current.ToDictionary(q => q.Name, StringComparer.Ordinal);
        foreach (var r in reference)
        {
            if (!byName.TryGetValue(r.Name, out var c))
            {
                problems.Add($"quantity '{r.Name}' is in the reference but the run did not produce it");
                continue;
            }
            if (!r.Shape.SequenceEqual(c.Shape) || r.IsComplex != c.IsComplex)
            {
                problems.Add($"quantity '{r.Name}' has shape [{string.Join(",", c.Shape)}]{(c.IsComplex ? " complex" : "")}; the reference [{string.Join(",", r.Shape)}]{(r.IsComplex ? " complex" : "")}");
                continue;
            }
            var tol = tolerances(r.Kind);
            var failed = 0;
            EntryDeviation? worst = null;
            for (var e = 0; e < r.Count; e++)
            {
                double dev, ra, ca;
                if (r.IsComplex)
                {
                    double rr = r.Values[2 * e], ri = r.Values[2 * e + 1], cr = c.Values[2 * e], ci = c.Values[2 * e + 1];
                    ra = Math.Sqrt(rr * rr + ri * ri);
                    ca = Math.Sqrt(cr * cr + ci * ci);
                    dev = double.IsFinite(rr) && double.IsFinite(ri) && double.IsFinite(cr) && double.IsFinite(ci)
                        ? Math.Sqrt((cr - rr) * (cr - rr) + (ci - ri) * (ci - ri))
                        : double.NaN;
                }
                else
                {
                    ra = Math.Abs(r.Values[e]);
                    ca = Math.Abs(c.Values[e]);
                    dev = double.IsFinite(r.Values[e]) && double.IsFinite(c.Values[e]) ? Math.Abs(c.Values[e] - r.Values[e]) : double.NaN;
                }
                var allowed = tol.Allowed(double.IsFinite(ra) ? ra : 0, double.IsFinite(ca) ? ca : 0);
                var ratio = double.IsFinite(dev) ? dev / allowed : double.PositiveInfinity;
                if (!(ratio <= 1)) failed++;
                var qualifies = largest.Count < ReportedDeviations || ratio > largest[^1].Ratio;
                if (worst is not null && !(ratio > worst.Ratio) && !qualifies) continue;
                var d = new EntryDeviation(r.Name, r.EntryLabel(e), c.TimeOf(e), ra, ca, dev, allowed);
                if (worst is null || d.Ratio > worst.Ratio) worst = d;
                Keep(largest, d);
            }
            rows.Add(new QuantityComparison(r.Name, r.Count, failed, worst));
        }
        var names = reference.Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var c in current.Where(q => !names.Contains(q.Name)))
            problems.Add($"quantity '{c.Name}' was produced by the run but the reference lacks it");
        return new ComparisonResult(problems, rows, largest);
    }

    private static void Keep(List<EntryDeviation> largest, EntryDeviation d)
    {
        if (largest.Count == ReportedDeviations && !(d.Ratio > largest[^1].Ratio)) return;
        var i = largest.FindIndex(x => d.Ratio > x.Ratio);
        if (i < 0) largest.Add(d); else largest.Insert(i, d);
        if (largest.Count > ReportedDeviations) largest.RemoveAt(largest.Count - 1);
    }

    /// <summary>The "regression" check result: Pass when everything is within tolerance, Fail on drift, NaN or a
    /// structural problem, naming the largest deviations and where they are.</summary>
    public static CheckResult ToCheckResult(ComparisonResult result, string referenceFile, IEnumerable<string>? notes = null)
    {
        var evidence = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["compared"] = result.Compared,
            ["beyond-tolerance"] = result.Failed,
            ["worst-ratio"] = result.WorstRatio,
            ["problems"] = result.Problems.Count,
        };
        foreach (var q in result.Quantities)
            evidence[$"max-deviation:{q.Quantity}"] = q.Worst?.Deviation ?? 0;
        var largest = string.Join("; ", result.Largest.Take(3).Select(d => d.ToString()));
        var extra = notes is null ? "" : string.Concat(notes.Select(n => " " + n));
        string message;
        if (result.Passed)
            message = $"{result.Compared} values of {result.Quantities.Count} quantities within tolerance of {referenceFile} (largest: {largest}).{extra}";
        else
        {
            var parts = new List<string>();
            if (result.Problems.Count > 0) parts.Add(string.Join("; ", result.Problems));
            if (result.Failed > 0)
                parts.Add($"drift: {result.Failed} of {result.Compared} values beyond tolerance in {string.Join(", ", result.Quantities.Where(q => q.Failed > 0).Select(q => $"{q.Quantity} ({q.Failed})"))}; largest: {largest}");
            message = $"differs from {referenceFile}: {string.Join(". ", parts)}.{extra}";
        }
        return new CheckResult(RegressionCheckId, result.Passed ? Verdict.Pass : Verdict.Fail, message, evidence, []);
    }

    /// <summary>The id under which regression results appear in summaries and reports.</summary>
    public const string RegressionCheckId = "regression";

    /// <summary>Verdict helper for tests: Pass only when the worst ratio is ≤ 1 (NaN fails, via <see cref="CheckHelpers.AtMost"/>).</summary>
    public static Verdict VerdictOf(ComparisonResult result) =>
        result.Problems.Count > 0 ? Verdict.Fail : CheckHelpers.AtMost(result.WorstRatio, 1);
}
