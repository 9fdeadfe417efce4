namespace QuantumSync.Models.Kuramoto;

/// <summary>
/// Closed form of the two-oscillator Kuramoto model (paper eq. (7) with N = 2).
/// <para>
/// Derivation: dθ₁/dt = Ω₁ + (K/2) sin(θ₂ − θ₁), dθ₂/dt = Ω₂ + (K/2) sin(θ₁ − θ₂). Subtracting, the phase
/// difference φ = θ₂ − θ₁ obeys Adler's equation
/// dφ/dt = ΔΩ − K sin φ,  ΔΩ = Ω₂ − Ω₁
/// (the two halves K/2 add up to K). The sum θ₁ + θ₂ grows at the constant rate Ω₁ + Ω₂, so
/// θ₁ = (Σ(t) − φ)/2, θ₂ = (Σ(t) + φ)/2 with Σ(t) = θ₁(0) + θ₂(0) + (Ω₁ + Ω₂) t.
/// </para>
/// <para>
/// Solution: with u = tan(φ/2) Adler's equation becomes the Riccati equation du/dt = (ΔΩ/2)u² − K u + ΔΩ/2,
/// which is linearised by u = p/q with d/dt (p, q)ᵀ = M (p, q)ᵀ,
/// M = [[−K/2, ΔΩ/2], [−ΔΩ/2, K/2]], M² = ((K² − ΔΩ²)/4) I. Hence
/// tan(φ(t)/2) = p(t)/q(t),  (p, q)(t) = e^{Mt} (sin(φ₀/2), cos(φ₀/2)),
/// e^{Mt} = cosh(λt) I + (sinh(λt)/λ) M with λ = √(K² − ΔΩ²)/2 (locked, |ΔΩ| ≤ K), and
/// e^{Mt} = cos(ωt/2) I + (2 sin(ωt/2)/ω) M with ω = √(ΔΩ² − K²) (slipping, |ΔΩ| &gt; K).
/// The vector (q, p) never vanishes and turns continuously, so its continuous polar angle β(t) gives the
/// unwrapped phase φ(t) = 2β(t) without any branch ambiguity.
/// </para>
/// <para>
/// Locked regime |ΔΩ| ≤ K: stable locked phase φ* = arcsin(ΔΩ/K) (mod 2π), approached at the rate
/// √(K² − ΔΩ²). Slipping regime |ΔΩ| &gt; K: φ advances by 2π·sign(ΔΩ) every slip period T = 2π/√(ΔΩ² − K²).
/// </para>
/// </summary>
public sealed class AdlerClosedForm
{
    private readonly double _halfAngle0;
    private readonly double _sin0;
    private readonly double _cos0;

    /// <summary>Adler's equation dφ/dt = ΔΩ − K sin φ, φ(0) = φ₀.</summary>
    /// <param name="frequencyDifference">ΔΩ = Ω₂ − Ω₁ (finite).</param>
    /// <param name="coupling">K ≥ 0 (finite).</param>
    /// <param name="initialPhaseDifference">φ₀ = θ₂(0) − θ₁(0) (finite, unwrapped).</param>
    public AdlerClosedForm(double frequencyDifference, double coupling, double initialPhaseDifference)
    {
        if (!double.IsFinite(frequencyDifference))
            throw new ArgumentException($"ΔΩ must be finite, got {frequencyDifference}.", nameof(frequencyDifference));
        if (!double.IsFinite(coupling) || coupling < 0)
            throw new ArgumentException($"The Adler closed form needs a finite coupling K ≥ 0, got {coupling}.", nameof(coupling));
        if (!double.IsFinite(initialPhaseDifference))
            throw new ArgumentException($"φ₀ must be finite, got {initialPhaseDifference}.", nameof(initialPhaseDifference));
        FrequencyDifference = frequencyDifference;
        Coupling = coupling;
        InitialPhaseDifference = initialPhaseDifference;
        _halfAngle0 = initialPhaseDifference / 2;
        (_sin0, _cos0) = Math.SinCos(_halfAngle0);
    }

    /// <summary>The closed form for a two-oscillator problem: ΔΩ = Ω₂ − Ω₁, φ₀ = θ₂(0) − θ₁(0).</summary>
    /// <exception cref="ArgumentException">The problem does not have N = 2 or has K &lt; 0.</exception>
    public static AdlerClosedForm FromProblem(KuramotoProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Count != 2)
            throw new ArgumentException($"Adler's equation describes N = 2 oscillators; the problem has N = {problem.Count}.", nameof(problem));
        return new AdlerClosedForm(
            problem.NaturalFrequencies[1] - problem.NaturalFrequencies[0],
            problem.Coupling,
            problem.InitialPhases[1] - problem.InitialPhases[0]);
    }

    /// <summary>ΔΩ = Ω₂ − Ω₁.</summary>
    public double FrequencyDifference { get; }

    /// <summary>K.</summary>
    public double Coupling { get; }

    /// <summary>φ₀.</summary>
    public double InitialPhaseDifference { get; }

    /// <summary>True in the phase-locked regime |ΔΩ| ≤ K.</summary>
    public bool IsLocked => Math.Abs(FrequencyDifference) <= Coupling;

    /// <summary>Stable locked phase φ* = arcsin(ΔΩ/K) ∈ [−π/2, π/2] (defined modulo 2π).</summary>
    /// <exception cref="InvalidOperationException">The pair is slipping (|ΔΩ| &gt; K).</exception>
    public double LockedPhase =>
        IsLocked
            ? Math.Asin(FrequencyDifference / Coupling)
            : throw new InvalidOperationException($"No locked phase: |ΔΩ| = {Math.Abs(FrequencyDifference)} > K = {Coupling}.");

    /// <summary>Linear relaxation rate to the locked phase, √(K² − ΔΩ²) = K cos φ*.</summary>
    /// <exception cref="InvalidOperationException">The pair is slipping.</exception>
    public double LockingRate =>
        IsLocked
            ? Math.Sqrt((Coupling - FrequencyDifference) * (Coupling + FrequencyDifference))
            : throw new InvalidOperationException($"No locking rate: |ΔΩ| = {Math.Abs(FrequencyDifference)} > K = {Coupling}.");

    /// <summary>Beat frequency ω = √(ΔΩ² − K²) of the slipping regime.</summary>
    /// <exception cref="InvalidOperationException">The pair is locked.</exception>
    public double SlipFrequency =>
        IsLocked
            ? throw new InvalidOperationException($"No slips: |ΔΩ| = {Math.Abs(FrequencyDifference)} ≤ K = {Coupling}.")
            : Math.Sqrt((Math.Abs(FrequencyDifference) - Coupling) * (Math.Abs(FrequencyDifference) + Coupling));

    /// <summary>Slip period T = 2π / √(ΔΩ² − K²): the time φ needs to advance by 2π.</summary>
    /// <exception cref="InvalidOperationException">The pair is locked.</exception>
    public double SlipPeriod => 2 * Math.PI / SlipFrequency;

    /// <summary>The unwrapped phase difference φ(t) for t ≥ 0 (see the class remarks for the formula).</summary>
    public double PhaseDifference(double time)
    {
        if (!double.IsFinite(time) || time < 0)
            throw new ArgumentOutOfRangeException(nameof(time), time, "The closed form is evaluated for finite t ≥ 0.");
        var delta = FrequencyDifference;
        var k = Coupling;

        if (IsLocked)
        {
            // e^{Mt} scaled by e^{−λt} (the angle does not see the scale): a I + b M with
            // a = (1 + e^{−2λt})/2, b = (1 − e^{−2λt})/(2λ); b → t as λ → 0.
            var lambda = LockingRate / 2;
            double a, b;
            if (lambda == 0)
            {
                a = 1;
                b = time;
            }
            else
            {
                var decay = Math.Exp(-2 * lambda * time);
                a = (1 + decay) / 2;
                b = -ExpMinusOne.Evaluate(-2 * lambda * time) / (2 * lambda);
            }
            var (p, q) = Apply(a, b, k, delta);
            // φ moves monotonically by less than 2π, so β moves by less than π.
            var turn = WrapToInterval(Math.Atan2(p, q) - _halfAngle0, -Math.PI);
            return InitialPhaseDifference + 2 * turn;
        }
        else
        {
            var omega = SlipFrequency;
            var period = 2 * Math.PI / omega;
            // e^{M n T} = (−1)ⁿ I: whole slips add 2π·sign(ΔΩ) each; the remainder τ ∈ [0, T) is propagated exactly.
            var slips = Math.Floor(time / period);
            var tau = time - slips * period;
            var (sinHalf, cosHalf) = Math.SinCos(omega * tau / 2);
            var (p, q) = Apply(cosHalf, 2 * sinHalf / omega, k, delta);
            // Within one period β advances by a fraction of π in the direction of ΔΩ; the window leaves a
            // margin of π/2 on both sides against rounding.
            var sign = Math.Sign(delta);
            var lower = sign > 0 ? -Math.PI / 2 : -3 * Math.PI / 2;
            var turn = WrapToInterval(Math.Atan2(p, q) - _halfAngle0, lower);
            return InitialPhaseDifference + 2 * Math.PI * slips * sign + 2 * turn;
        }
    }

    /// <summary>φ(t_i) for each t_i.</summary>
    public double[] PhaseDifferences(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var phi = new double[times.Count];
        for (var i = 0; i < phi.Length; i++) phi[i] = PhaseDifference(times[i]);
        return phi;
    }

    /// <summary>(p, q) = (a I + b M)(sin(φ₀/2), cos(φ₀/2)).</summary>
    private (double P, double Q) Apply(double a, double b, double k, double delta)
    {
        var p = a * _sin0 + b * (-k / 2 * _sin0 + delta / 2 * _cos0);
        var q = a * _cos0 + b * (-delta / 2 * _sin0 + k / 2 * _cos0);
        return (p, q);
    }

    /// <summary>x reduced modulo 2π into [lower, lower + 2π).</summary>
    private static double WrapToInterval(double x, double lower)
    {
        var twoPi = 2 * Math.PI;
        var y = x - lower;
        y -= twoPi * Math.Floor(y / twoPi);
        return lower + y;
    }
}
