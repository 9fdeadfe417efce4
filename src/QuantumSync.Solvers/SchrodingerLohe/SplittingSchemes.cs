namespace QuantumSync.Solvers.SchrodingerLohe;

/// <summary>The three exactly solvable parts of the S-L right-hand side.</summary>
public enum SplitOperator
{
    /// <summary>The Lohe coupling (iK/2N) Σ_k (…): a flow inside the span of the current functions.</summary>
    Coupling,
    /// <summary>ψ_j ← e^{−i V_j τ} ψ_j, pointwise.</summary>
    Potential,
    /// <summary>ψ_j ← F⁻¹ e^{−i|k|²τ/2} F ψ_j.</summary>
    Kinetic,
}

/// <summary>One sub-step: an operator applied for <c>Fraction</c> · dt.</summary>
public readonly record struct SplitStage(SplitOperator Operator, double Fraction);

/// <summary>
/// A splitting scheme: a sequence of sub-steps of one step and its classical order. Adjacent sub-steps of the
/// same operator are merged at construction; the solver also merges the last sub-step of one step with the
/// first of the next (first-same-as-last).
/// </summary>
public sealed class SplittingScheme
{
    public SplittingScheme(string name, int order, string description, IEnumerable<SplitStage> stages)
    {
        Name = name;
        Order = order;
        Description = description;
        var merged = new List<SplitStage>();
        foreach (var s in stages)
        {
            if (merged.Count > 0 && merged[^1].Operator == s.Operator)
                merged[^1] = merged[^1] with { Fraction = merged[^1].Fraction + s.Fraction };
            else merged.Add(s);
        }
        Stages = merged;
        foreach (var op in Enum.GetValues<SplitOperator>())
        {
            var total = Stages.Where(s => s.Operator == op).Sum(s => s.Fraction);
            if (Math.Abs(total - 1) > 1e-12)
                throw new ArgumentException($"Scheme {name}: the fractions of {op} sum to {total}, not 1.");
        }
    }

    public string Name { get; }
    /// <summary>The classical order the scheme claims.</summary>
    public int Order { get; }
    public string Description { get; }
    public IReadOnlyList<SplitStage> Stages { get; }

    public override string ToString() => Name;
}

/// <summary>
/// The registry of splitting schemes. Built-in schemes register themselves here; tests and studies loop over
/// <see cref="All"/>, so no scheme can skip them.
/// </summary>
public static class SplittingSchemes
{
    private static readonly Lock Gate = new();
    private static readonly List<SplittingScheme> Registered = [];

    static SplittingSchemes()
    {
        Register(Lie);
        Register(Strang);
        Register(Yoshida4);
    }

    /// <summary>Lie–Trotter C(τ) V(τ) T(τ): order 1, registered as first order (the deliberately low-order scheme).</summary>
    public static SplittingScheme Lie { get; } = new("lie", 1, "Lie–Trotter splitting C·V·T (first order)",
        [new(SplitOperator.Coupling, 1), new(SplitOperator.Potential, 1), new(SplitOperator.Kinetic, 1)]);

    /// <summary>Strang: C(τ/2) V(τ/2) T(τ) V(τ/2) C(τ/2), symmetric, order 2.</summary>
    public static SplittingScheme Strang { get; } = new("strang", 2, "Strang splitting C/2·V/2·T·V/2·C/2 (second order)", StrangStages(1));

    /// <summary>
    /// Yoshida's fourth-order triple jump of Strang: S(w1 τ) S(w0 τ) S(w1 τ), w1 = 1/(2 − 2^{1/3}),
    /// w0 = −2^{1/3}/(2 − 2^{1/3}) (H. Yoshida, Phys. Lett. A 150 (1990) 262).
    /// </summary>
    public static SplittingScheme Yoshida4 { get; } = new("yoshida4", 4, "Yoshida triple-jump composition of Strang (fourth order)",
        StrangStages(YoshidaW1).Concat(StrangStages(YoshidaW0)).Concat(StrangStages(YoshidaW1)));

    /// <summary>w1 = 1/(2 − 2^{1/3}).</summary>
    public static double YoshidaW1 => 1.0 / (2.0 - Math.Cbrt(2.0));

    /// <summary>w0 = 1 − 2 w1 = −2^{1/3}/(2 − 2^{1/3}).</summary>
    public static double YoshidaW0 => 1.0 - 2.0 * YoshidaW1;

    public static IReadOnlyList<SplittingScheme> All
    {
        get
        {
            lock (Gate) return Registered.ToArray();
        }
    }

    /// <summary>Adds a scheme; names are unique (case-insensitive).</summary>
    public static void Register(SplittingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        lock (Gate)
        {
            if (Registered.Any(s => string.Equals(s.Name, scheme.Name, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"A scheme named '{scheme.Name}' is already registered.");
            Registered.Add(scheme);
        }
    }

    /// <summary>The scheme with this name; the error lists the known names.</summary>
    public static SplittingScheme Get(string name)
    {
        lock (Gate)
        {
            return Registered.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
                   ?? throw new ArgumentException($"Unknown scheme '{name}'; known: {string.Join(", ", Registered.Select(s => s.Name))}.");
        }
    }

    private static IEnumerable<SplitStage> StrangStages(double w) =>
    [
        new(SplitOperator.Coupling, w / 2), new(SplitOperator.Potential, w / 2), new(SplitOperator.Kinetic, w),
        new(SplitOperator.Potential, w / 2), new(SplitOperator.Coupling, w / 2),
    ];
}
