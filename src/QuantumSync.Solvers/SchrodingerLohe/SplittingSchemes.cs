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
    /// <summary>A scheme called <paramref name="name"/> of classical order <paramref name="order"/>; adjacent <paramref name="stages"/> of the same
    /// operator are merged, and the fractions of each operator must sum to 1 (within 1e-12).</summary>
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

    /// <summary>Short identifier used on the command line and in reports, e.g. "strang".</summary>
    public string Name { get; }
    /// <summary>The classical order the scheme claims.</summary>
    public int Order { get; }
    /// <summary>One-line human-readable description (construction and order).</summary>
    public string Description { get; }
    /// <summary>The sub-steps of one step, in order, after merging adjacent stages of the same operator.</summary>
    public IReadOnlyList<SplitStage> Stages { get; }

    /// <summary>The <see cref="Name"/>.</summary>
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
        Register(Suzuki4);
        Register(BlanesMoan4);
        Register(Yoshida6);
        Register(KahanLi6);
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

    /// <summary>
    /// Suzuki's fifth-stage fractal fourth-order composition of Strang: S(pτ) S(pτ) S((1 − 4p)τ) S(pτ) S(pτ),
    /// p = 1/(4 − 4^{1/3}) (M. Suzuki, Phys. Lett. A 146 (1990) 319). Five kinetic stages per step against the triple
    /// jump's three, but every sub-step is shorter than τ (largest |1 − 4p| ≈ 0.66), so its error constant is much smaller.
    /// </summary>
    public static SplittingScheme Suzuki4 { get; } = new("suzuki4", 4, "Suzuki five-stage fractal composition of Strang (fourth order)",
        Compose([SuzukiP, SuzukiP, 1 - 4 * SuzukiP, SuzukiP, SuzukiP]));

    /// <summary>p = 1/(4 − 4^{1/3}).</summary>
    public static double SuzukiP => 1.0 / (4.0 - Math.Cbrt(4.0));

    /// <summary>
    /// Blanes and Moan's optimised symmetric fourth-order splitting S6 (S. Blanes, P. C. Moan, J. Comput. Appl. Math. 142
    /// (2002) 313, Table 2, PRK method with six stages): for two operators B A B … A B with
    /// b = (b1, b2, b3, b4, b3, b2, b1), b1 = 0.0792036964311957, b2 = 0.353172906049774, b3 = −0.0420650803577195,
    /// b4 = 1 − 2(b1 + b2 + b3), and a = (a1, a2, a3, a3, a2, a1), a1 = 0.209515106613362, a2 = −0.143851773179818,
    /// a3 = ½ − (a1 + a2). For three operators it is used as the equivalent composition of the first-order Lie map
    /// χ_h = C(h)·V(h)·T(h) and its adjoint χ*_h = T(h)·V(h)·C(h) (McLachlan 1995; Blanes, Casas, A Concise Introduction
    /// to Geometric Numerical Integration, §3): the coupling takes the b weights, the kinetic part the a weights, and the
    /// potential is split around each kinetic stage into α_i (before) and β_i (after) with α_1 = b_1, β_i = a_i − α_i,
    /// α_{i+1} = b_{i+1} − β_i. Order 4 for any number of parts; checked on random matrices (SplittingSchemeOrderTests)
    /// and in the time studies. Six kinetic stages per step (the coupling stages merge across steps).
    /// </summary>
    public static SplittingScheme BlanesMoan4 { get; } = new("blanesmoan4", 4, "Blanes–Moan optimised six-stage splitting S6 as a Lie/adjoint-Lie composition (fourth order)",
        LieAdjointComposition(BlanesMoanB, BlanesMoanA));

    /// <summary>The seven coupling (outer) weights of S6.</summary>
    public static double[] BlanesMoanB
    {
        get
        {
            const double b1 = 0.0792036964311957, b2 = 0.353172906049774, b3 = -0.0420650803577195;
            return [b1, b2, b3, 1 - 2 * (b1 + b2 + b3), b3, b2, b1];
        }
    }

    /// <summary>The six kinetic (inner) weights of S6.</summary>
    public static double[] BlanesMoanA
    {
        get
        {
            const double a1 = 0.209515106613362, a2 = -0.143851773179818;
            return [a1, a2, 0.5 - (a1 + a2), 0.5 - (a1 + a2), a2, a1];
        }
    }

    /// <summary>
    /// Yoshida's sixth-order seven-stage composition of Strang ("solution A", H. Yoshida, Phys. Lett. A 150 (1990) 262;
    /// the values to 26 digits as in Hairer, Lubich, Wanner, Geometric Numerical Integration, §V.3.2, eq. (3.11)).
    /// </summary>
    public static SplittingScheme Yoshida6 { get; } = new("yoshida6", 6, "Yoshida seven-stage composition of Strang (sixth order)",
        Compose(Symmetric([0.78451361047755726381949763, 0.23557321335935813368479318, -1.17767998417887100694641568], 1)));

    /// <summary>
    /// Kahan and Li's sixth-order nine-stage composition of Strang s9odr6a (W. Kahan, R.-C. Li, Math. Comp. 66 (1997) 1089;
    /// values as in Hairer, Lubich, Wanner §V.3.2, eq. (3.12)): smaller error constant than Yoshida's seven stages.
    /// </summary>
    public static SplittingScheme KahanLi6 { get; } = new("kahanli6", 6, "Kahan–Li nine-stage composition of Strang s9odr6a (sixth order)",
        Compose(Symmetric([0.39216144400731413927925056, 0.33259913678935943859974864, -0.70624617255763935980996482, 0.08221359629355080023149045], 1)));

    /// <summary>A snapshot of every registered scheme, built-in ones first, in registration order.</summary>
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

    /// <summary>γ_1 … γ_k, γ_mid, γ_k … γ_1 with γ_mid = total − 2 Σγ (a symmetric composition whose weights sum to total).</summary>
    private static double[] Symmetric(double[] half, double total) =>
        [.. half, total - 2 * half.Sum(), .. half.Reverse()];

    /// <summary>S(γ_1 τ) … S(γ_s τ), S the Strang step.</summary>
    private static IEnumerable<SplitStage> Compose(IEnumerable<double> weights) => weights.SelectMany(StrangStages).ToArray();

    /// <summary>
    /// The splitting C(b_1) [V(α_1) T(a_1) V(β_1)] C(b_2) … T(a_s) V(β_s) C(b_{s+1}): the two-operator method
    /// B(b_1) A(a_1) … A(a_s) B(b_{s+1}) written as χ*_{β_s} χ_{α_s} … χ*_{β_1} χ_{α_1} with the Lie map
    /// χ = C·V·T and its adjoint, so that it keeps its order for three parts. Throws unless β_s = b_{s+1}, i.e. unless
    /// the weights are consistent (Σa = Σb = 1).
    /// </summary>
    private static IEnumerable<SplitStage> LieAdjointComposition(double[] outer, double[] inner)
    {
        if (outer.Length != inner.Length + 1) throw new ArgumentException("A Lie/adjoint composition needs one more outer than inner weight.");
        var stages = new List<SplitStage>();
        var betaPrevious = 0.0;
        for (var i = 0; i < inner.Length; i++)
        {
            var alpha = outer[i] - betaPrevious;
            var beta = inner[i] - alpha;
            stages.Add(new(SplitOperator.Coupling, outer[i]));
            stages.Add(new(SplitOperator.Potential, alpha));
            stages.Add(new(SplitOperator.Kinetic, inner[i]));
            stages.Add(new(SplitOperator.Potential, beta));
            betaPrevious = beta;
        }
        if (Math.Abs(outer[^1] - betaPrevious) > 1e-12)
            throw new ArgumentException($"Inconsistent Lie/adjoint weights: last outer weight {outer[^1]:R}, last β {betaPrevious:R}.");
        stages.Add(new(SplitOperator.Coupling, outer[^1]));
        return stages;
    }

    private static IEnumerable<SplitStage> StrangStages(double w) =>
    [
        new(SplitOperator.Coupling, w / 2), new(SplitOperator.Potential, w / 2), new(SplitOperator.Kinetic, w),
        new(SplitOperator.Potential, w / 2), new(SplitOperator.Coupling, w / 2),
    ];
}
