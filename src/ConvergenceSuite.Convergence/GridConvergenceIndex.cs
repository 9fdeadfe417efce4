namespace ConvergenceSuite.Convergence;

/// <summary>How a three-grid triple behaves, in the terms of Celik et al. (2008).</summary>
public enum GciConvergence
{
    /// <summary>ε₃₂/ε₂₁ &gt; 0 and the differences shrink on refinement: the procedure applies as written.</summary>
    Monotonic,

    /// <summary>ε₃₂/ε₂₁ &lt; 0: oscillatory convergence; Celik: flag it, the numbers use |ε₃₂/ε₂₁|.</summary>
    Oscillatory,

    /// <summary>
    /// ln|ε₃₂/ε₂₁| + q(p) &lt; 0 at the solved p: the differences grow on refinement. Celik's |…| would hide
    /// this and still return a positive p; the numbers are reported but must not be trusted.
    /// </summary>
    Divergent,

    /// <summary>p is undefined (ε₂₁ = 0, ε₃₂ = 0, p = 0, or the fixed-point iteration failed); numbers are NaN.</summary>
    Undefined,
}

/// <summary>
/// The full three-grid GCI analysis of Celik, Ghia, Roache, Freitas, Coleman, Raad, "Procedure for
/// Estimation and Reporting of Uncertainty Due to Discretization in CFD Applications",
/// J. Fluids Eng. 130 (2008) 078001. Grid 1 is the finest (h₁ &lt; h₂ &lt; h₃).
/// </summary>
/// <param name="H1">Representative cell size of the fine grid.</param>
/// <param name="H2">Representative cell size of the medium grid.</param>
/// <param name="H3">Representative cell size of the coarse grid.</param>
/// <param name="Phi1">Fine-grid value φ₁.</param>
/// <param name="Phi2">Medium-grid value φ₂.</param>
/// <param name="Phi3">Coarse-grid value φ₃.</param>
/// <param name="R21">r₂₁ = h₂/h₁.</param>
/// <param name="R32">r₃₂ = h₃/h₂.</param>
/// <param name="Epsilon21">ε₂₁ = φ₂ − φ₁.</param>
/// <param name="Epsilon32">ε₃₂ = φ₃ − φ₂.</param>
/// <param name="Sign">s = sign(ε₃₂/ε₂₁) (0 when undefined).</param>
/// <param name="ApparentOrder">Apparent order p (eqs. 3a–3c); NaN when <see cref="Convergence"/> is Undefined.</param>
/// <param name="Iterations">Fixed-point iterations used for p.</param>
/// <param name="PhiExt21">φ_ext²¹ = (r₂₁ᵖ φ₁ − φ₂)/(r₂₁ᵖ − 1) (eq. 4a).</param>
/// <param name="PhiExt32">φ_ext³² = (r₃₂ᵖ φ₂ − φ₃)/(r₃₂ᵖ − 1) (eq. 4b).</param>
/// <param name="RelativeError21">e_a²¹ = |(φ₁ − φ₂)/φ₁| (eq. 5a).</param>
/// <param name="ExtrapolatedRelativeError21">e_ext²¹ = |(φ_ext²¹ − φ₁)/φ_ext²¹| (eq. 5b).</param>
/// <param name="GciFine21">GCI_fine²¹ = 1.25 e_a²¹/(r₂₁ᵖ − 1) (eq. 5c), as a fraction (0.022 = 2.2 %).</param>
/// <param name="RelativeError32">e_a³² = |(φ₂ − φ₃)/φ₂|.</param>
/// <param name="GciFine32">GCI³² = 1.25 e_a³²/(r₃₂ᵖ − 1), the same index one level coarser.</param>
/// <param name="AsymptoticRatio">GCI³²/(r₂₁ᵖ GCI²¹); ≈ 1 when the triple is in the asymptotic range.</param>
/// <param name="Convergence">Behaviour of the triple.</param>
/// <param name="Notes">Human-readable flags (oscillation, divergence, undefined quantities) for reports.</param>
public sealed record GciResult(
    double H1, double H2, double H3,
    double Phi1, double Phi2, double Phi3,
    double R21, double R32,
    double Epsilon21, double Epsilon32,
    int Sign,
    double ApparentOrder,
    int Iterations,
    double PhiExt21, double PhiExt32,
    double RelativeError21, double ExtrapolatedRelativeError21, double GciFine21,
    double RelativeError32, double GciFine32,
    double AsymptoticRatio,
    GciConvergence Convergence,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when p and the GCI numbers are defined (they may still be flagged oscillatory/divergent).</summary>
    public bool IsDefined => Convergence != GciConvergence.Undefined;

    /// <summary>True for oscillatory convergence (ε₃₂/ε₂₁ &lt; 0).</summary>
    public bool IsOscillatory => Sign < 0;
}

/// <summary>Grid Convergence Index after Celik et al., J. Fluids Eng. 130 (2008) 078001.</summary>
public static class GridConvergenceIndex
{
    /// <summary>Factor of safety 1.25 of Celik et al. (2008) eq. (5c), for three-grid studies.</summary>
    public const double SafetyFactor = 1.25;

    /// <summary>Relative change of p between fixed-point iterates at which the iteration stops (near double round-off).</summary>
    public const double OrderIterationTolerance = 1e-13;

    /// <summary>Iteration cap; the map contracts fast for r ≥ 1.3 (Celik's recommendation), so hitting it means failure.</summary>
    public const int MaximumIterations = 500;

    /// <summary>
    /// Representative cell size h = [(1/N) Σ ΔVᵢ]^{1/d} = (V/N)^{1/d} (Celik eq. 1) from the cell count N,
    /// the dimension d and the total volume (area, length) V of the domain. With V = 1 the value is h
    /// relative to V^{1/d}; the GCI depends only on ratios of h.
    /// </summary>
    public static double RepresentativeCellSize(double cellCount, int dimension, double totalVolume = 1.0)
    {
        if (!(cellCount > 0) || !double.IsFinite(cellCount))
            throw new ArgumentOutOfRangeException(nameof(cellCount), cellCount, "Cell count must be positive.");
        if (dimension is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Dimension must be 1, 2 or 3.");
        if (!(totalVolume > 0) || !double.IsFinite(totalVolume))
            throw new ArgumentOutOfRangeException(nameof(totalVolume), totalVolume, "Volume must be positive.");
        return Math.Pow(totalVolume / cellCount, 1.0 / dimension);
    }

    /// <summary>GCI from cell counts N₁ &gt; N₂ &gt; N₃ (fine → coarse) in d dimensions.</summary>
    public static GciResult FromCellCounts(double n1, double n2, double n3, int dimension, double phi1, double phi2, double phi3) =>
        Compute(
            RepresentativeCellSize(n1, dimension), RepresentativeCellSize(n2, dimension), RepresentativeCellSize(n3, dimension),
            phi1, phi2, phi3);

    /// <summary>
    /// Celik et al. (2008) steps 2–5 for a fine (h₁, φ₁), medium (h₂, φ₂) and coarse (h₃, φ₃) grid:
    /// apparent order p by fixed-point iteration of
    /// p = |ln|ε₃₂/ε₂₁| + q(p)| / ln r₂₁, q(p) = ln((r₂₁ᵖ − s)/(r₃₂ᵖ − s)), s = sign(ε₃₂/ε₂₁) (eqs. 3a–3c),
    /// then φ_ext²¹, e_a²¹, e_ext²¹, GCI_fine²¹ (eqs. 4–5) and GCI³², and the asymptotic ratio
    /// GCI³²/(r₂₁ᵖ GCI²¹). Never returns NaN silently: undefined cases set <see cref="GciConvergence.Undefined"/> and a note.
    /// </summary>
    /// <exception cref="ArgumentException">h not strictly increasing fine → coarse, or non-finite input.</exception>
    public static GciResult Compute(double h1, double h2, double h3, double phi1, double phi2, double phi3)
    {
        foreach (double v in new[] { h1, h2, h3, phi1, phi2, phi3 })
        {
            if (!double.IsFinite(v))
                throw new ArgumentException($"GCI input {v} is not finite.");
        }
        if (!(h1 > 0) || !(h1 < h2) || !(h2 < h3))
            throw new ArgumentException($"Need 0 < h₁ < h₂ < h₃ (fine → coarse); got {h1}, {h2}, {h3}.");

        double r21 = h2 / h1, r32 = h3 / h2;
        double eps21 = phi2 - phi1, eps32 = phi3 - phi2;
        var notes = new List<string>();

        if (eps21 == 0 || eps32 == 0)
        {
            notes.Add(eps21 == 0
                ? "ε21 = φ2 − φ1 = 0: the two finest grids agree exactly; the apparent order is undefined."
                : "ε32 = φ3 − φ2 = 0: the two coarsest grids agree exactly; the apparent order is undefined.");
            return Undefined(h1, h2, h3, phi1, phi2, phi3, r21, r32, eps21, eps32, 0, 0, notes);
        }

        double ratio = eps32 / eps21;
        int s = Math.Sign(ratio);
        if (s < 0)
            notes.Add("oscillatory convergence: ε32/ε21 < 0 (Celik et al. 2008: flagged; |ε32/ε21| used).");

        double lnRatio = Math.Log(Math.Abs(ratio));
        double lnR21 = Math.Log(r21);
        double p = Math.Abs(lnRatio) / lnR21; // q = 0 start (exact when r21 = r32)
        int iterations = 0;
        bool converged = false;
        double signedInner = lnRatio;
        while (iterations < MaximumIterations)
        {
            iterations++;
            double q = Q(p, r21, r32, s);
            if (!double.IsFinite(q))
                break;
            signedInner = lnRatio + q;
            double next = Math.Abs(signedInner) / lnR21;
            if (!double.IsFinite(next))
                break;
            bool done = Math.Abs(next - p) <= OrderIterationTolerance * Math.Max(1.0, Math.Abs(next));
            p = next;
            if (done)
            {
                converged = true;
                break;
            }
        }

        if (!converged)
        {
            notes.Add($"the fixed-point iteration for p did not converge in {iterations} iterations (last p = {p.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}).");
            return Undefined(h1, h2, h3, phi1, phi2, phi3, r21, r32, eps21, eps32, s, iterations, notes);
        }
        if (!(p > 0))
        {
            notes.Add("apparent order p = 0: no observable convergence; GCI undefined.");
            return Undefined(h1, h2, h3, phi1, phi2, phi3, r21, r32, eps21, eps32, s, iterations, notes);
        }

        var convergence = s < 0 ? GciConvergence.Oscillatory : GciConvergence.Monotonic;
        if (signedInner < 0)
        {
            convergence = GciConvergence.Divergent;
            notes.Add("divergence: ln|ε32/ε21| + q(p) < 0, the grid differences grow on refinement; Celik's |…| yields a positive p that is not a convergence order.");
        }

        double r21p = Math.Pow(r21, p), r32p = Math.Pow(r32, p);
        double phiExt21 = (r21p * phi1 - phi2) / (r21p - 1);
        double phiExt32 = (r32p * phi2 - phi3) / (r32p - 1);
        double ea21 = RelativeOrUndefined(phi1 - phi2, phi1, "e_a21 (φ1 = 0)", notes);
        double eext21 = RelativeOrUndefined(phiExt21 - phi1, phiExt21, "e_ext21 (φ_ext21 = 0)", notes);
        double ea32 = RelativeOrUndefined(phi2 - phi3, phi2, "e_a32 (φ2 = 0)", notes);
        double gci21 = SafetyFactor * ea21 / (r21p - 1);
        double gci32 = SafetyFactor * ea32 / (r32p - 1);
        double asymptotic = gci21 > 0 ? gci32 / (r21p * gci21) : double.NaN;
        if (double.IsNaN(asymptotic) && double.IsFinite(gci21))
            notes.Add("asymptotic ratio undefined: GCI21 = 0.");

        return new GciResult(h1, h2, h3, phi1, phi2, phi3, r21, r32, eps21, eps32, s, p, iterations,
            phiExt21, phiExt32, ea21, eext21, gci21, ea32, gci32, asymptotic, convergence, notes);
    }

    /// <summary>q(p) = ln((r₂₁ᵖ − s)/(r₃₂ᵖ − s)) (Celik eq. 3b).</summary>
    private static double Q(double p, double r21, double r32, int s)
    {
        double num = Math.Pow(r21, p) - s;
        double den = Math.Pow(r32, p) - s;
        if (num == den)
            return 0.0; // includes r21 = r32 and p = 0 with s = +1 (0/0 → the q = 0 limit of equal ratios)
        return Math.Log(num / den);
    }

    private static double RelativeOrUndefined(double difference, double reference, string what, List<string> notes)
    {
        if (reference == 0)
        {
            notes.Add($"{what}: relative error undefined.");
            return double.NaN;
        }
        return Math.Abs(difference / reference);
    }

    private static GciResult Undefined(
        double h1, double h2, double h3, double phi1, double phi2, double phi3, double r21, double r32,
        double eps21, double eps32, int s, int iterations, List<string> notes) =>
        new(h1, h2, h3, phi1, phi2, phi3, r21, r32, eps21, eps32, s, double.NaN, iterations,
            double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
            GciConvergence.Undefined, notes);
}
