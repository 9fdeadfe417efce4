namespace QuantumSync.Models.Kuramoto;

/// <summary>
/// The Kuramoto model, paper eq. (7):
/// dθ_j/dt = Ω_j + (K/N) Σ_k sin(θ_k − θ_j),  j = 1..N,
/// with natural frequencies Ω_j, coupling strength K and initial phases θ_j(0) at t = 0.
/// It is the exact reduction of the Schrödinger–Lohe system for spatially constant
/// ψ_j = e^{−iθ_j}/√|T| and constant potentials V_j = Ω_j (docs/MATH.md, "Kuramoto reduction").
/// The phases are unwrapped real numbers; nothing in the model reduces them modulo 2π.
/// </summary>
public sealed class KuramotoProblem
{
    private readonly double[] _naturalFrequencies;
    private readonly double[] _initialPhases;

    /// <summary>Creates a problem; the arrays are copied.</summary>
    /// <param name="naturalFrequencies">Ω_j, j = 1..N (finite, N ≥ 1).</param>
    /// <param name="coupling">K (finite; K &lt; 0 is allowed and means repulsive coupling).</param>
    /// <param name="initialPhases">θ_j(0), same length as <paramref name="naturalFrequencies"/> (finite).</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">Empty arrays, mismatched lengths, or a NaN/±∞ entry (the message names it).</exception>
    public KuramotoProblem(double[] naturalFrequencies, double coupling, double[] initialPhases)
    {
        ArgumentNullException.ThrowIfNull(naturalFrequencies);
        ArgumentNullException.ThrowIfNull(initialPhases);
        if (naturalFrequencies.Length == 0)
            throw new ArgumentException("A Kuramoto problem needs at least one oscillator (N ≥ 1); Ω is empty.", nameof(naturalFrequencies));
        if (naturalFrequencies.Length != initialPhases.Length)
            throw new ArgumentException(
                $"Lengths differ: {naturalFrequencies.Length} natural frequencies Ω but {initialPhases.Length} initial phases θ(0).",
                nameof(initialPhases));
        RequireFinite(naturalFrequencies, "natural frequency Ω", nameof(naturalFrequencies));
        RequireFinite(initialPhases, "initial phase θ(0)", nameof(initialPhases));
        if (!double.IsFinite(coupling))
            throw new ArgumentException($"The coupling K must be finite, got {coupling}.", nameof(coupling));

        _naturalFrequencies = (double[])naturalFrequencies.Clone();
        _initialPhases = (double[])initialPhases.Clone();
        Coupling = coupling;
    }

    /// <summary>Number of oscillators N.</summary>
    public int Count => _naturalFrequencies.Length;

    /// <summary>Coupling strength K in eq. (7).</summary>
    public double Coupling { get; }

    /// <summary>Natural frequencies Ω_j.</summary>
    public ReadOnlySpan<double> NaturalFrequencies => _naturalFrequencies;

    /// <summary>Initial phases θ_j(0).</summary>
    public ReadOnlySpan<double> InitialPhases => _initialPhases;

    /// <summary>The same oscillators with a different coupling K (e.g. for a K scan).</summary>
    public KuramotoProblem WithCoupling(double coupling) => new(_naturalFrequencies, coupling, _initialPhases);

    private static void RequireFinite(double[] values, string what, string parameterName)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"The {what} of oscillator {i} is {values[i]}; all entries must be finite.", parameterName);
        }
    }
}
