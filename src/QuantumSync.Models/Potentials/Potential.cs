using System.Globalization;

namespace QuantumSync.Models.Potentials;

/// <summary>
/// A one-body potential V(x) given as a function of position (x has d components).
/// Kinds: zero, constant Ω (the Kuramoto reduction, Section 2.1), harmonic Σ_a ω_a²(x_a − c_a)²/2 (one ω or one ω per
/// axis, centre per axis), or custom.
/// </summary>
public sealed class Potential
{
    private readonly Func<double[], double> _value;

    /// <summary>A potential from its pointwise values; <paramref name="isConstant"/> when it does not depend on x.</summary>
    public Potential(string description, Func<double[], double> value, bool isConstant = false)
        : this(description, value, isConstant, null, null, 0)
    {
    }

    private Potential(string description, Func<double[], double> value, bool isConstant, double[]? omegas, double[]? center, double offset)
    {
        Description = description ?? throw new ArgumentNullException(nameof(description));
        _value = value ?? throw new ArgumentNullException(nameof(value));
        IsConstant = isConstant;
        HarmonicOmegas = omegas;
        HarmonicCenter = center;
        HarmonicOffset = offset;
    }

    /// <summary>How the case described V, e.g. "harmonic(ω=[1], c=[0])"; potentials with equal descriptions are identical.</summary>
    public string Description { get; }
    /// <summary>True when V does not depend on x.</summary>
    public bool IsConstant { get; }

    /// <summary>ω_a per axis of a harmonic potential (axes beyond its length: the last value), null for other kinds.
    /// With <see cref="HarmonicCenter"/> it describes V without evaluating it, so that references can build V their own way.</summary>
    public double[]? HarmonicOmegas { get; }

    /// <summary>c_a per axis of a harmonic potential (axes beyond its length: 0), null for other kinds.</summary>
    public double[]? HarmonicCenter { get; }

    /// <summary>The constant Ω added to a harmonic potential (0 for other kinds).</summary>
    public double HarmonicOffset { get; }

    /// <summary>V(x) at the point <paramref name="x"/> (one coordinate per axis).</summary>
    public double this[double[] x] => _value(x);

    /// <summary>V = 0.</summary>
    public static Potential Zero { get; } = new("0", _ => 0.0, isConstant: true, null, null, 0);

    /// <summary>V(x) = Ω.</summary>
    public static Potential Constant(double omega) =>
        new($"{omega:R}", _ => omega, isConstant: true, null, null, 0);

    /// <summary>V(x) = ω² |x − c|² / 2; e.g. ω = 1/2 gives x²/8.</summary>
    public static Potential Harmonic(double omega, double[]? center = null) => Harmonic([omega], center, isotropic: true);

    /// <summary>
    /// Anisotropic V(x) = Σ_a ω_a² (x_a − c_a)² / 2 with one ω per axis (<paramref name="omegas"/>[a]; axes beyond its
    /// length use its last entry) and c_a = <paramref name="center"/>[a] (0 beyond its length).
    /// </summary>
    public static Potential Harmonic(double[] omegas, double[]? center = null) => Harmonic(omegas, center, isotropic: false);

    /// <summary>
    /// V(x) = Σ_a ω_a² (x_a − c_a)² / 2 + Ω: a harmonic potential shifted by the constant <paramref name="offset"/> Ω
    /// (potentials equal up to constants, V_j = V + Ω_j, docs/MATH.md).
    /// </summary>
    public static Potential Harmonic(double[] omegas, double[]? center, double offset)
    {
        ArgumentNullException.ThrowIfNull(omegas);
        return Harmonic(omegas, center, isotropic: omegas.Length == 1, offset);
    }

    private static Potential Harmonic(double[] omegas, double[]? center, bool isotropic, double offset = 0)
    {
        if (!double.IsFinite(offset)) throw new ArgumentException("The offset must be finite.", nameof(offset));
        ArgumentNullException.ThrowIfNull(omegas);
        if (omegas.Length == 0) throw new ArgumentException("A harmonic potential needs at least one ω.", nameof(omegas));
        if (omegas.Any(w => !double.IsFinite(w))) throw new ArgumentException("Every ω must be finite.", nameof(omegas));
        var w = omegas.ToArray();
        var c = center?.ToArray() ?? [];
        double Term(int a, double xa)
        {
            var wa = w[Math.Min(a, w.Length - 1)];
            var d = xa - (a < c.Length ? c[a] : 0.0);
            return 0.5 * wa * wa * d * d;
        }
        var omegaText = isotropic ? w[0].ToString("R", CultureInfo.InvariantCulture) : "[" + Join(w) + "]";
        var offsetText = offset == 0 ? "" : $", Ω={offset.ToString("R", CultureInfo.InvariantCulture)}";
        Func<double[], double> value = isotropic
            ? x =>
            {
                // ω²|x − c|²/2 summed as before anisotropy existed, so that isotropic values are bit-for-bit unchanged.
                double r2 = 0;
                for (var a = 0; a < x.Length; a++)
                {
                    var d = x[a] - (a < c.Length ? c[a] : 0.0);
                    r2 += d * d;
                }
                return 0.5 * w[0] * w[0] * r2 + offset;
            }
            : x =>
            {
                double v = 0;
                for (var a = 0; a < x.Length; a++) v += Term(a, x[a]);
                return v + offset;
            };
        return new Potential($"harmonic(ω={omegaText}, c=[{Join(c)}]{offsetText})", value, false, w, c, offset);
    }

    private static string Join(double[] v) => string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>The description.</summary>
    public override string ToString() => Description;
}
