using System.Numerics;

namespace QuantumSync.Solvers.Kuramoto;

/// <summary>A right-hand side dθ/dt = f(θ) for <see cref="KuramotoSolver"/>; the solver's own is
/// <see cref="KuramotoMeanField"/> (eq. (7)).</summary>
public interface IKuramotoRightHandSide
{
    /// <summary>N.</summary>
    int Count { get; }

    /// <summary>Number of calls to <see cref="Evaluate"/> so far.</summary>
    long Evaluations { get; }

    /// <summary>dθ/dt at the phases θ (both spans of length N). Returns the order parameter r e^{iϑ} at θ.</summary>
    Complex Evaluate(ReadOnlySpan<double> theta, Span<double> derivative);
}
