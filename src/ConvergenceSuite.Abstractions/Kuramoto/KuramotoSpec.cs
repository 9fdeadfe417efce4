using QuantumSync.Models.Kuramoto;

namespace ConvergenceSuite.Abstractions;

/// <summary>How the natural frequencies of a case were drawn from the Lorentzian
/// g(Ω) = (γ/π) / ((Ω − Ω₀)² + γ²): quantile sample or seeded random sample (see <see cref="LorentzianKuramoto"/>).</summary>
/// <param name="HalfWidth">γ &gt; 0.</param>
/// <param name="Centre">Ω₀.</param>
/// <param name="Random">True: <see cref="LorentzianKuramoto.RandomFrequencies"/> with <paramref name="Seed"/>; false: quantiles.</param>
/// <param name="Seed">Seed of the random sample (ignored for quantiles).</param>
public sealed record LorentzianFrequencies(double HalfWidth, double Centre, bool Random, int Seed)
{
    /// <summary>Ω_j, j = 1..N, as described.</summary>
    public double[] Sample(int oscillators, int? seed = null) => Random
        ? LorentzianKuramoto.RandomFrequencies(oscillators, HalfWidth, seed ?? Seed, Centre)
        : LorentzianKuramoto.QuantileFrequencies(oscillators, HalfWidth, Centre);

    /// <summary>One line for reports: the distribution and how it was sampled.</summary>
    public string Describe() => Random
        ? $"Lorentzian(γ = {HalfWidth:R}, Ω₀ = {Centre:R}), random sample, seed {Seed}"
        : $"Lorentzian(γ = {HalfWidth:R}, Ω₀ = {Centre:R}), (j − ½)/N quantiles";
}

/// <summary>
/// A Kuramoto case, paper eq. (7): dθ_j/dt = Ω_j + (K/N) Σ_k sin(θ_k − θ_j), with the problem itself
/// (<see cref="Kuramoto"/>), how Ω and θ(0) were drawn (so that checks can draw further realisations), and the
/// tolerances of the adaptive scheme (the fixed-step size is <see cref="Resolution.TimeStep"/>).
/// </summary>
public sealed class KuramotoSpec : Problem
{
    /// <summary>Offset between a realisation seed s and the seed of its initial phases (s + offset), so that Ω and θ(0)
    /// never come from the same stream of <c>new Random(s)</c> (which would correlate Ω_j with θ_j(0)).</summary>
    public const int PhaseSeedOffset = 1_000_003;

    /// <summary>A Kuramoto case: the problem, its end time and sample times, how Ω and θ(0) were drawn (for further realisations), and the adaptive scheme's tolerances.</summary>
    public KuramotoSpec(KuramotoProblem model, double finalTime, IReadOnlyList<double> sampleTimes,
        LorentzianFrequencies? lorentzian = null, int? phaseSeed = null, double absoluteTolerance = DefaultAbsoluteTolerance,
        double relativeTolerance = DefaultRelativeTolerance)
        : base(ModelKind.Kuramoto, model.Count, model.Coupling, finalTime, sampleTimes)
    {
        Kuramoto = model;
        Lorentzian = lorentzian;
        PhaseSeed = phaseSeed;
        AbsoluteTolerance = absoluteTolerance;
        RelativeTolerance = relativeTolerance;
    }

    /// <summary>Default atol of dopri5: 1e-10 rad per component, well below every tolerance of the Kuramoto checks.</summary>
    public const double DefaultAbsoluteTolerance = 1e-10;

    /// <summary>Default rtol of dopri5: 0, because θ is unwrapped and grows like Ω t (a relative control would loosen
    /// the phase error as |θ| grows).</summary>
    public const double DefaultRelativeTolerance = 0;

    /// <summary>The Kuramoto problem itself: Ω_j, K and θ_j(0).</summary>
    public KuramotoProblem Kuramoto { get; }

    /// <summary>The Lorentzian the frequencies were drawn from, or null for an explicit list.</summary>
    public LorentzianFrequencies? Lorentzian { get; }

    /// <summary>Seed of uniform random initial phases, or null when they were given otherwise.</summary>
    public int? PhaseSeed { get; }

    /// <summary>Absolute tolerance of the adaptive (dopri5) scheme, in radians per component.</summary>
    public double AbsoluteTolerance { get; }
    /// <summary>Relative tolerance of the adaptive (dopri5) scheme.</summary>
    public double RelativeTolerance { get; }

    /// <summary>The same case with another coupling K (for K scans).</summary>
    public KuramotoSpec WithCoupling(double coupling) =>
        new(Kuramoto.WithCoupling(coupling), FinalTime, SampleTimes, Lorentzian, PhaseSeed, AbsoluteTolerance, RelativeTolerance);

    /// <summary>
    /// Another fixed-seed realisation: Ω from the case's Lorentzian drawn with <paramref name="seed"/> (random sampling
    /// only) and, when the case's phases are uniform random, θ(0) drawn with seed + <see cref="PhaseSeedOffset"/>.
    /// </summary>
    public KuramotoSpec WithRealisation(int seed)
    {
        if (Lorentzian is not { Random: true } l)
            throw new InvalidOperationException("Realisations need randomly sampled Lorentzian frequencies.");
        var omega = l.Sample(Oscillators, seed);
        var theta = PhaseSeed is null ? Kuramoto.InitialPhases.ToArray() : LorentzianKuramoto.UniformRandomPhases(Oscillators, seed + PhaseSeedOffset);
        return new KuramotoSpec(new KuramotoProblem(omega, Coupling, theta), FinalTime, SampleTimes, l with { Seed = seed },
            PhaseSeed is null ? null : seed + PhaseSeedOffset, AbsoluteTolerance, RelativeTolerance);
    }
}
