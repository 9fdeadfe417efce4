namespace QuantumSync.Models.Kuramoto;

/// <summary>
/// Large-N theory of eq. (7) for Lorentzian (Cauchy) natural frequencies
/// g(Ω) = (γ/π) / ((Ω − Ω₀)² + γ²), half-width γ &gt; 0, centre Ω₀.
/// <para>
/// Self-consistency (Kuramoto 1975/1984): with the coupling convention (K/N) Σ_k sin(θ_k − θ_j) = K r sin(ϑ − θ_j),
/// locked oscillators sit at sin(θ − ϑ) = (Ω − Ω₀)/(K r) and a stationary r &gt; 0 solves
/// r = K r ∫_{−π/2}^{π/2} cos²θ g(Ω₀ + K r sin θ) dθ. As r → 0 this gives 1 = K g(Ω₀) π/2, i.e.
/// K_c = 2/(π g(Ω₀)) = 2γ. For the Lorentzian the integral is elementary and gives
/// r∞ = √(1 − K_c/K) = √(1 − 2γ/K) for K &gt; K_c, r∞ = 0 otherwise.
/// </para>
/// <para>
/// The same numbers follow from the Ott–Antonsen reduction, which for the Lorentzian is exact in the limit
/// N → ∞ on the Poisson-kernel manifold: dr/dt = (K/2 − γ) r − (K/2) r³; its non-zero fixed point is
/// r² = 1 − 2γ/K. Identical initial phases (r(0) = 1) lie on that manifold, so <see cref="OttAntonsenOrderParameter"/>
/// is the N → ∞ transient for that start.
/// </para>
/// </summary>
public static class LorentzianKuramoto
{
    /// <summary>Critical coupling K_c = 2/(π g(Ω₀)) = 2γ.</summary>
    public static double CriticalCoupling(double halfWidth)
    {
        RequirePositiveFinite(halfWidth, nameof(halfWidth), "half-width γ");
        return 2 * halfWidth;
    }

    /// <summary>Stationary N → ∞ order parameter r∞ = √(1 − 2γ/K) for K &gt; 2γ, 0 for K ≤ 2γ.</summary>
    public static double StationaryOrderParameter(double coupling, double halfWidth)
    {
        RequireFinite(coupling, nameof(coupling), "coupling K");
        var kc = CriticalCoupling(halfWidth);
        return coupling > kc ? Math.Sqrt(1 - kc / coupling) : 0;
    }

    /// <summary>
    /// Ott–Antonsen transient for N → ∞: r(t) solves dr/dt = (K/2 − γ) r − (K/2) r³, r(0) = r₀, i.e. with a = K/2 − γ
    /// r(t)² = r₀² / (e^{−2at} + K r₀² (1 − e^{−2at})/(2a))   (the last factor tends to K r₀² t as a → 0).
    /// </summary>
    public static double OttAntonsenOrderParameter(double time, double coupling, double halfWidth, double initialOrderParameter)
    {
        RequireFinite(time, nameof(time), "time t");
        if (time < 0) throw new ArgumentOutOfRangeException(nameof(time), time, "t must be ≥ 0.");
        RequireFinite(coupling, nameof(coupling), "coupling K");
        RequirePositiveFinite(halfWidth, nameof(halfWidth), "half-width γ");
        if (!(initialOrderParameter >= 0 && initialOrderParameter <= 1))
            throw new ArgumentOutOfRangeException(nameof(initialOrderParameter), initialOrderParameter, "r₀ must lie in [0, 1].");
        var a = coupling / 2 - halfWidth;
        var u0 = initialOrderParameter * initialOrderParameter;
        var growth = a == 0 ? time : -ExpMinusOne.Evaluate(-2 * a * time) / (2 * a);
        var denominator = Math.Exp(-2 * a * time) + coupling * u0 * growth;
        return Math.Sqrt(u0 / denominator);
    }

    /// <summary>
    /// Finite-N incoherent level below K_c: the root-mean-square order parameter √⟨r²⟩ ≈ 1/√(N (1 − K/K_c)).
    /// <para>
    /// Gaussian linear-response estimate: uncoupled phases give a mean field Z₀ with ⟨|Z₀|²⟩ = 1/N and, for the
    /// Lorentzian, spectrum S₀(ν) = (2γ/N)/(γ² + ν²). Linear coupling divides it by |1 − (K/2)/(γ + iν)|², giving
    /// S(ν) = (2γ/N)/((γ − K/2)² + ν²) and ⟨|Z|²⟩ = ∫ S dν/2π = (1/N)/(1 − K/K_c). Exact at K = 0; it neglects
    /// nonlinear terms, which matter only close to K_c (within the finite-N critical window).
    /// </para>
    /// </summary>
    public static double IncoherentRmsOrderParameter(double coupling, double halfWidth, int oscillatorCount)
    {
        RequireFinite(coupling, nameof(coupling), "coupling K");
        RequirePositiveCount(oscillatorCount);
        var kc = CriticalCoupling(halfWidth);
        if (coupling >= kc)
            throw new ArgumentOutOfRangeException(nameof(coupling), coupling, $"The incoherent level is defined below K_c = {kc}.");
        return 1 / Math.Sqrt(oscillatorCount * (1 - coupling / kc));
    }

    /// <summary>
    /// Deterministic quantile sample of g: Ω_j = Ω₀ + γ tan(π(j − 1/2)/N − π/2), j = 1..N
    /// (the (j − 1/2)/N quantiles of the Cauchy law; symmetric about Ω₀, largest |Ω − Ω₀| ≈ 2Nγ/π).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">N ≤ 0 or γ not positive and finite.</exception>
    public static double[] QuantileFrequencies(int oscillatorCount, double halfWidth, double centre = 0)
    {
        RequirePositiveCount(oscillatorCount);
        RequirePositiveFinite(halfWidth, nameof(halfWidth), "half-width γ");
        RequireFinite(centre, nameof(centre), "centre Ω₀");
        var omega = new double[oscillatorCount];
        for (var j = 1; j <= oscillatorCount; j++)
            omega[j - 1] = centre + halfWidth * Math.Tan(Math.PI * (j - 0.5) / oscillatorCount - Math.PI / 2);
        return omega;
    }

    /// <summary>
    /// Seeded random sample of g by inversion: Ω_j = Ω₀ + γ tan(π(U_j − 1/2)), U_j uniform in (0, 1) from
    /// <c>new Random(seed)</c> (a fixed, documented generator; the same seed gives the same sample).
    /// </summary>
    public static double[] RandomFrequencies(int oscillatorCount, double halfWidth, int seed, double centre = 0)
    {
        RequirePositiveCount(oscillatorCount);
        RequirePositiveFinite(halfWidth, nameof(halfWidth), "half-width γ");
        RequireFinite(centre, nameof(centre), "centre Ω₀");
        var random = new Random(seed);
        var omega = new double[oscillatorCount];
        for (var j = 0; j < oscillatorCount; j++)
        {
            double u;
            do u = random.NextDouble(); while (u == 0); // U = 0 would map to −∞.
            omega[j] = centre + halfWidth * Math.Tan(Math.PI * (u - 0.5));
        }
        return omega;
    }

    /// <summary>Seeded uniform initial phases θ_j(0) ∈ [0, 2π) (incoherent start, r(0) = O(N^{−1/2})).</summary>
    public static double[] UniformRandomPhases(int oscillatorCount, int seed)
    {
        RequirePositiveCount(oscillatorCount);
        var random = new Random(seed);
        var theta = new double[oscillatorCount];
        for (var j = 0; j < oscillatorCount; j++) theta[j] = 2 * Math.PI * random.NextDouble();
        return theta;
    }

    private static void RequirePositiveCount(int oscillatorCount)
    {
        if (oscillatorCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(oscillatorCount), oscillatorCount, "The number of oscillators N must be ≥ 1.");
    }

    private static void RequireFinite(double value, string parameterName, string what)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"The {what} must be finite, got {value}.", parameterName);
    }

    private static void RequirePositiveFinite(double value, string parameterName, string what)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(parameterName, value, $"The {what} must be positive and finite.");
    }
}
