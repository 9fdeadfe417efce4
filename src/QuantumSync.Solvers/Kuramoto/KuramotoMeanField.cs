using System.Numerics;
using QuantumSync.Models.Kuramoto;

namespace QuantumSync.Solvers.Kuramoto;

/// <summary>
/// Right-hand side of eq. (7), dθ_j/dt = Ω_j + (K/N) Σ_k sin(θ_k − θ_j), evaluated in O(N) with the mean-field identity
/// (K/N) Σ_k sin(θ_k − θ_j) = K r sin(ϑ − θ_j) = (K/N) (S cos θ_j − C sin θ_j),
/// S = Σ_k sin θ_k, C = Σ_k cos θ_k (r e^{iϑ} = (C + iS)/N).
/// One pass computes sin θ_j, cos θ_j (once each) into preallocated buffers and accumulates S and C; a second pass
/// writes the derivative. <see cref="Evaluate"/> allocates nothing. Not thread-safe (it owns its buffers).
/// </summary>
public sealed class KuramotoMeanField : IKuramotoRightHandSide
{
    private readonly double[] _omega;
    private readonly double[] _sin;
    private readonly double[] _cos;
    /// <summary>Binds the right-hand side to a problem's Ω and K.</summary>
    public KuramotoMeanField(KuramotoProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _omega = problem.NaturalFrequencies.ToArray();
        Coupling = problem.Coupling;
        _sin = new double[_omega.Length];
        _cos = new double[_omega.Length];
    }

    /// <summary>N.</summary>
    public int Count => _omega.Length;

    /// <summary>K.</summary>
    public double Coupling { get; }

    /// <summary>Number of calls to <see cref="Evaluate"/> so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>dθ/dt at the phases θ (both spans of length N). Returns the order parameter r e^{iϑ} at θ.</summary>
    public Complex Evaluate(ReadOnlySpan<double> theta, Span<double> derivative)
    {
        var n = _omega.Length;
        if (theta.Length != n || derivative.Length != n)
            throw new ArgumentException($"Expected spans of length N = {n}, got {theta.Length} and {derivative.Length}.");
        var sinBuffer = _sin.AsSpan(0, n);
        var cosBuffer = _cos.AsSpan(0, n);
        var omega = _omega.AsSpan(0, n);
        double sumSin = 0, sumCos = 0;
        for (var j = 0; j < n; j++)
        {
            var (s, c) = Math.SinCos(theta[j]);
            sinBuffer[j] = s;
            cosBuffer[j] = c;
            sumSin += s;
            sumCos += c;
        }
        var scale = Coupling / n;
        var a = scale * sumSin;
        var b = scale * sumCos;
        for (var j = 0; j < n; j++)
            derivative[j] = omega[j] + (a * cosBuffer[j] - b * sinBuffer[j]);
        Evaluations++;
        return new Complex(sumCos / n, sumSin / n);
    }
}
