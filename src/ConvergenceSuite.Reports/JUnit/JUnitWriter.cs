using System.Globalization;
using System.Text;
using System.Xml;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Summary;

namespace ConvergenceSuite.Reports.JUnit;

/// <summary>
/// Writes a <see cref="VerificationSummary"/> as JUnit XML (<c>junit.xml</c>) for CI test-result viewers.
/// </summary>
/// <remarks>
/// Mapping: one &lt;testsuite&gt; per case (name = case id), one &lt;testcase&gt; per check
/// (classname = case id, name = check id). <see cref="Verdict.Fail"/> → &lt;failure message=…&gt; whose
/// body lists the evidence; <see cref="Verdict.Inconclusive"/> → &lt;failure type="Inconclusive" message=…&gt; too
/// (counted in failures, never in skipped: the exit code treats Inconclusive as failing, and a CI dashboard that shows
/// it as skipped would read a check that could not decide as green); a case-level
/// <see cref="CaseResult.Error"/> → an extra testcase named <see cref="CaseErrorTestName"/> holding an
/// &lt;error&gt;. A case that ran without error but produced no checks counts as not passed
/// (<see cref="CaseResult.Passed"/>), so it gets the same extra testcase with an &lt;error&gt; saying so —
/// an empty testsuite would otherwise look green in CI.
/// Characters that XML 1.0 cannot carry (control characters, lone surrogates) are replaced by U+FFFD.
/// </remarks>
public static class JUnitWriter
{
    /// <summary>Name of the file inside a report directory.</summary>
    public const string FileName = "junit.xml";

    /// <summary>Test name of the synthetic testcase that carries a case-level error.</summary>
    public const string CaseErrorTestName = "(case)";

    /// <summary>Message of the synthetic error for a case that produced no checks.</summary>
    public const string NoChecksMessage = "the case ran but produced no checks";

    /// <summary>Serialises the summary as UTF-8 JUnit XML bytes (no BOM, "\n" line endings).</summary>
    public static byte[] ToUtf8Bytes(VerificationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var stream = new MemoryStream();
        Write(summary, stream);
        return stream.ToArray();
    }

    /// <summary>Writes the JUnit XML for <paramref name="summary"/> to <paramref name="stream"/>.</summary>
    public static void Write(VerificationSummary summary, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(stream);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
            CheckCharacters = true,
        };
        using var w = XmlWriter.Create(stream, settings);
        w.WriteStartDocument();
        w.WriteStartElement("testsuites");
        Attr(w, "name", summary.RunId);
        var all = summary.Cases.Select(Count).ToList();
        Attr(w, "tests", all.Sum(c => c.Tests));
        Attr(w, "failures", all.Sum(c => c.Failures));
        Attr(w, "errors", all.Sum(c => c.Errors));
        Attr(w, "skipped", all.Sum(c => c.Skipped));
        var timestamp = summary.Environment.Date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        for (var i = 0; i < summary.Cases.Count; i++)
        {
            WriteSuite(w, summary, summary.Cases[i], all[i], i, timestamp);
        }
        w.WriteEndElement();
        w.WriteEndDocument();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private readonly record struct Counts(int Tests, int Failures, int Errors, int Skipped, bool SyntheticError, string? ErrorMessage);

    private static Counts Count(CaseResult c)
    {
        var errorMessage = c.Error ?? (c.Checks.Count == 0 ? NoChecksMessage : null);
        var synthetic = errorMessage is not null;
        return new Counts(
            c.Checks.Count + (synthetic ? 1 : 0),
            c.Checks.Count(k => k.Verdict is Verdict.Fail or Verdict.Inconclusive),
            synthetic ? 1 : 0,
            0,
            synthetic,
            errorMessage);
    }

    private static void WriteSuite(XmlWriter w, VerificationSummary s, CaseResult c, Counts n, int index, string timestamp)
    {
        w.WriteStartElement("testsuite");
        Attr(w, "name", c.CaseId);
        Attr(w, "id", index);
        Attr(w, "tests", n.Tests);
        Attr(w, "failures", n.Failures);
        Attr(w, "errors", n.Errors);
        Attr(w, "skipped", n.Skipped);
        Attr(w, "time", Num(c.ElapsedSeconds));
        Attr(w, "timestamp", timestamp);

        w.WriteStartElement("properties");
        Property(w, "description", c.Description);
        Property(w, "model", c.Model);
        Property(w, "solver", c.Solver);
        Property(w, "scheme", c.Scheme);
        Property(w, "grid", c.Grid);
        Property(w, "timeStep", Num(c.TimeStep));
        Property(w, "runId", s.RunId);
        Property(w, "fftBackend", s.Environment.FftBackend);
        Property(w, "gitCommit", s.Environment.GitCommit);
        Property(w, "tier", s.Environment.Tier);
        w.WriteEndElement();

        foreach (var k in c.Checks)
        {
            w.WriteStartElement("testcase");
            Attr(w, "classname", c.CaseId);
            Attr(w, "name", k.CheckId);
            switch (k.Verdict)
            {
                case Verdict.Fail:
                case Verdict.Inconclusive:
                    w.WriteStartElement("failure");
                    Attr(w, "message", k.Verdict == Verdict.Inconclusive ? "inconclusive: " + k.Message : k.Message);
                    Attr(w, "type", k.Verdict.ToString());
                    w.WriteString(Sanitize(Body(k)));
                    w.WriteEndElement();
                    break;
                default:
                    WriteEvidenceOut(w, k);
                    break;
            }
            w.WriteEndElement();
        }

        if (n.SyntheticError)
        {
            w.WriteStartElement("testcase");
            Attr(w, "classname", c.CaseId);
            Attr(w, "name", CaseErrorTestName);
            w.WriteStartElement("error");
            Attr(w, "message", n.ErrorMessage!);
            Attr(w, "type", c.Error is null ? "NoChecks" : "CaseError");
            w.WriteString(Sanitize(n.ErrorMessage!));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteEvidenceOut(XmlWriter w, CheckResult k)
    {
        w.WriteStartElement("system-out");
        w.WriteString(Sanitize(Body(k)));
        w.WriteEndElement();
    }

    private static string Body(CheckResult k)
    {
        var sb = new StringBuilder();
        sb.Append(k.Message).Append('\n');
        foreach (var (key, value) in k.Evidence)
        {
            sb.Append(key).Append(" = ").Append(Num(value)).Append('\n');
        }
        return sb.ToString();
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        Attr(w, "name", name);
        Attr(w, "value", value);
        w.WriteEndElement();
    }

    private static void Attr(XmlWriter w, string name, string value) => w.WriteAttributeString(name, Sanitize(value));

    private static void Attr(XmlWriter w, string name, int value) =>
        w.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Invariant round-trip form; "NaN", "Infinity", "-Infinity" for non-finite values.</summary>
    private static string Num(double v) =>
        double.IsNaN(v) ? "NaN"
        : double.IsPositiveInfinity(v) ? "Infinity"
        : double.IsNegativeInfinity(v) ? "-Infinity"
        : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Replaces characters XML 1.0 cannot represent (e.g. U+0000–U+001F except tab/LF/CR, lone surrogates) by U+FFFD.</summary>
    internal static string Sanitize(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            bool ok;
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(ch).Append(text[i + 1]);
                i++;
                continue;
            }
            ok = !char.IsSurrogate(ch) && XmlConvert.IsXmlChar(ch);
            if (!ok)
            {
                sb ??= new StringBuilder(text.Length).Append(text, 0, i);
                sb.Append('\uFFFD');
            }
            else
            {
                sb?.Append(ch);
            }
        }
        return sb?.ToString() ?? text;
    }
}
