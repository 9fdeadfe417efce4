namespace QuantumSync.Models.Hydrodynamics;

/// <summary>
/// Centred finite-difference weights for a first time derivative from equally spaced samples:
/// f'(t) ≈ (1/δ) Σ_{m=−q}^{q} a_m f(t + mδ), error O(δ^{2q}) (order 2q). Used to take ∂t of densely sampled solver output.
/// </summary>
public static class CentralDifference
{
    /// <summary>Weights a_{−q..q} of the order-<paramref name="order"/> stencil (order 2, 4, 6 or 8).</summary>
    public static double[] Weights(int order) => order switch
    {
        2 => [-1.0 / 2, 0, 1.0 / 2],
        4 => [1.0 / 12, -2.0 / 3, 0, 2.0 / 3, -1.0 / 12],
        6 => [-1.0 / 60, 3.0 / 20, -3.0 / 4, 0, 3.0 / 4, -3.0 / 20, 1.0 / 60],
        8 => [1.0 / 280, -4.0 / 105, 1.0 / 5, -4.0 / 5, 0, 4.0 / 5, -1.0 / 5, 4.0 / 105, -1.0 / 280],
        _ => throw new ArgumentException($"Order {order} is not one of 2, 4, 6, 8.", nameof(order)),
    };

    /// <summary>Half-width q of the stencil of the given order (order = 2q).</summary>
    public static int HalfWidth(int order) => Weights(order).Length / 2;

    /// <summary>∂t f at the centre sample, pointwise over arrays: samples[m] holds f(t + (m − q)δ).</summary>
    public static double[] Apply(IReadOnlyList<double[]> samples, double delta, int order)
    {
        var w = Weights(order);
        if (samples.Count != w.Length) throw new ArgumentException($"Order {order} needs {w.Length} samples; got {samples.Count}.");
        var n = samples[0].Length;
        var result = new double[n];
        for (var m = 0; m < w.Length; m++)
        {
            if (w[m] == 0) continue;
            var s = samples[m];
            for (var i = 0; i < n; i++) result[i] += w[m] * s[i];
        }
        for (var i = 0; i < n; i++) result[i] /= delta;
        return result;
    }

    /// <summary>∂t of a complex scalar series at its centre sample.</summary>
    public static System.Numerics.Complex Apply(IReadOnlyList<System.Numerics.Complex> samples, double delta, int order)
    {
        var w = Weights(order);
        if (samples.Count != w.Length) throw new ArgumentException($"Order {order} needs {w.Length} samples; got {samples.Count}.");
        System.Numerics.Complex s = 0;
        for (var m = 0; m < w.Length; m++) s += w[m] * samples[m];
        return s / delta;
    }
}
