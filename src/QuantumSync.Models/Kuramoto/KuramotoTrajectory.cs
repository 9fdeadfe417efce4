using System.Numerics;

namespace QuantumSync.Models.Kuramoto;

/// <summary>
/// Solver output at the requested sample times t_i: unwrapped phases θ_j(t_i) (Phases[i][j]) and the order parameter
/// r e^{iϑ}(t_i) = (1/N) Σ_j e^{iθ_j(t_i)}. Phases is empty when the options asked not to record them.
/// </summary>
public sealed record KuramotoTrajectory(
    string Scheme,
    double[] Times,
    double[][] Phases,
    Complex[] OrderParameter,
    double[] FinalPhases,
    long AcceptedSteps,
    long RejectedSteps,
    long RightHandSideEvaluations)
{
    /// <summary>r(t_i) = |r e^{iϑ}(t_i)|.</summary>
    public double[] OrderParameterMagnitude() => OrderParameter.Select(z => z.Magnitude).ToArray();

    /// <summary>θ_k(t_i) − θ_j(t_i) over all samples (needs recorded phases), e.g. φ = θ₂ − θ₁ for Adler's equation.</summary>
    public double[] PhaseDifference(int j, int k)
    {
        if (Phases.Length != Times.Length)
            throw new InvalidOperationException("Phases were not recorded (KuramotoSolverOptions.RecordPhases = false).");
        return Phases.Select(theta => theta[k] - theta[j]).ToArray();
    }
}

/// <summary>Thrown when the state becomes NaN or ±∞ during a run; <see cref="Time"/> is the end of the failing step.</summary>
public sealed class KuramotoNonFiniteStateException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public KuramotoNonFiniteStateException(double lastFiniteTime, double time, int oscillator)
        : base($"The Kuramoto state became non-finite (oscillator {oscillator}) in the step from t = {lastFiniteTime:R} to t = {time:R}.")
    {
        LastFiniteTime = lastFiniteTime;
        Time = time;
        Oscillator = oscillator;
    }

    /// <summary>Last time at which the state was finite.</summary>
    public double LastFiniteTime { get; }

    /// <summary>Time at which the non-finite value appeared.</summary>
    public double Time { get; }

    /// <summary>Index of the first non-finite component.</summary>
    public int Oscillator { get; }
}
