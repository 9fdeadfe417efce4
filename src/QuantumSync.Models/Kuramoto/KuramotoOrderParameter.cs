using System.Numerics;

namespace QuantumSync.Models.Kuramoto;

/// <summary>
/// The Kuramoto order parameter r e^{iϑ} = (1/N) Σ_j e^{iθ_j}. With it the coupling term of eq. (7)
/// is the mean-field identity (K/N) Σ_k sin(θ_k − θ_j) = K r sin(ϑ − θ_j).
/// </summary>
public static class KuramotoOrderParameter
{
    /// <summary>r e^{iϑ} = (1/N) Σ_j e^{iθ_j}.</summary>
    /// <exception cref="ArgumentException">No phases given.</exception>
    public static Complex Compute(ReadOnlySpan<double> phases)
    {
        if (phases.IsEmpty) throw new ArgumentException("The order parameter needs at least one phase.", nameof(phases));
        double sumCos = 0, sumSin = 0;
        foreach (var theta in phases)
        {
            var (sin, cos) = Math.SinCos(theta);
            sumCos += cos;
            sumSin += sin;
        }
        return new Complex(sumCos / phases.Length, sumSin / phases.Length);
    }

    /// <summary>r(t_i) = |r e^{iϑ}(t_i)| for each sample.</summary>
    public static double[] Magnitudes(IReadOnlyList<Complex> orderParameter)
    {
        ArgumentNullException.ThrowIfNull(orderParameter);
        var r = new double[orderParameter.Count];
        for (var i = 0; i < r.Length; i++) r[i] = orderParameter[i].Magnitude;
        return r;
    }
}
