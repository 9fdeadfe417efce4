namespace QuantumSync.Models.Potentials;

/// <summary>
/// A one-body potential V(x) given as a function of position (x has d components).
/// Kinds: zero, constant Ω (the Kuramoto reduction, Section 2.1), harmonic ω²|x − c|²/2, or custom.
/// </summary>
public sealed class Potential
{
    private readonly Func<double[], double> _value;

    public Potential(string description, Func<double[], double> value, bool isConstant = false)
    {
        Description = description ?? throw new ArgumentNullException(nameof(description));
        _value = value ?? throw new ArgumentNullException(nameof(value));
        IsConstant = isConstant;
    }

    public string Description { get; }
    /// <summary>True when V does not depend on x.</summary>
    public bool IsConstant { get; }

    public double this[double[] x] => _value(x);

    public static Potential Zero { get; } = new("0", _ => 0.0, isConstant: true);

    /// <summary>V(x) = Ω.</summary>
    public static Potential Constant(double omega) => new($"{omega:R}", _ => omega, isConstant: true);

    /// <summary>V(x) = ω² |x − c|² / 2; e.g. ω = 1/2 gives x²/8.</summary>
    public static Potential Harmonic(double omega, double[]? center = null)
    {
        var c = center ?? [];
        return new Potential($"harmonic(ω={omega:R}, c=[{string.Join(",", c.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}])", x =>
        {
            double r2 = 0;
            for (var a = 0; a < x.Length; a++)
            {
                var d = x[a] - (a < c.Length ? c[a] : 0.0);
                r2 += d * d;
            }
            return 0.5 * omega * omega * r2;
        });
    }

    public override string ToString() => Description;
}
