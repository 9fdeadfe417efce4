using System.Globalization;
using System.Text;

namespace ConvergenceSuite.Reports.Formatting;

/// <summary>Culture-independent number and text formatting shared by the exporters.</summary>
public static class InvariantFormat
{
    /// <summary>Significant digits shown for evidence values in human-readable tables.</summary>
    public const int DisplaySignificantDigits = 6;

    private static readonly string DisplayFormat = "G" + DisplaySignificantDigits.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A value for a human reader: 6 significant digits, invariant culture, "e" exponent
    /// (e.g. 1.23457e-07), and "NaN", "+∞", "−∞" for non-finite values.
    /// </summary>
    public static string Display(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsPositiveInfinity(value))
        {
            return "+∞";
        }
        if (double.IsNegativeInfinity(value))
        {
            return "−∞";
        }
        return value.ToString(DisplayFormat, CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
    }

    /// <summary>The exact value: shortest round-trip form, invariant culture ("NaN", "Infinity", "-Infinity").</summary>
    public static string RoundTrip(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Elapsed seconds for a table: 3 significant digits and a " s" suffix, e.g. "12.5 s".</summary>
    public static string Seconds(double seconds) =>
        double.IsFinite(seconds)
            ? seconds.ToString("G3", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal) + " s"
            : Display(seconds);

    /// <summary>"10ᵏ" with Unicode superscripts (k an integer), e.g. 10⁻³; DejaVu Sans has these glyphs.</summary>
    public static string PowerOfTen(int exponent)
    {
        var sb = new StringBuilder("10");
        foreach (var ch in exponent.ToString(CultureInfo.InvariantCulture))
        {
            sb.Append(ch switch
            {
                '-' => '⁻',
                '0' => '⁰',
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                '4' => '⁴',
                '5' => '⁵',
                '6' => '⁶',
                '7' => '⁷',
                '8' => '⁸',
                '9' => '⁹',
                _ => ch,
            });
        }
        return sb.ToString();
    }

    /// <summary>Escapes text for HTML element content and double-quoted attribute values.</summary>
    public static string Html(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Control characters other than tab/LF/CR are not allowed in HTML text.
                    sb.Append(ch < ' ' && ch != '\t' && ch != '\n' && ch != '\r' ? '\uFFFD' : ch);
                    break;
            }
        }
        return sb.ToString();
    }
}
