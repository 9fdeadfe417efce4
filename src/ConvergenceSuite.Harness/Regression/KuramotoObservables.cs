using ConvergenceSuite.Abstractions;
using QuantumSync.Models.Kuramoto;

namespace ConvergenceSuite.Harness.Regression;

/// <summary>Kuramoto payload (eq. 7): order parameter r e^{iϑ}(t_s), the phases of up to
/// <see cref="TrackedOscillators"/> evenly spaced oscillators over time, and all phases at the final time.</summary>
public sealed class KuramotoObservables : IPayloadObservables
{
    /// <summary>Phases over time are stored for this many oscillators at most (N·S doubles would be megabytes for N = 2000).</summary>
    public const int TrackedOscillators = 16;

    /// <summary>z_jk = e^{i(θ_j − θ_k)} follows from the phases.</summary>
    public bool DeterminesCorrelations(Trajectory trajectory) => trajectory.Payload is KuramotoTrajectory k && k.Phases.Length == k.Times.Length;

    /// <inheritdoc />
    public IEnumerable<Quantity> Extract(Trajectory trajectory, IReadOnlyList<int> samples)
    {
        if (trajectory.Payload is not KuramotoTrajectory k) yield break;
        var s = samples.Count;
        var times = samples.Select(i => k.Times[i]).ToArray();
        var r = new double[2 * s];
        for (var i = 0; i < s; i++)
        {
            r[2 * i] = k.OrderParameter[samples[i]].Real;
            r[2 * i + 1] = k.OrderParameter[samples[i]].Imaginary;
        }
        yield return new Quantity("order-parameter", QuantityKind.OrderParameter, "r e^{i theta}(t_s) = (1/N) sum_j e^{i theta_j} at the stored samples; shape [sample]",
            [s], true, r, times);
        if (k.Phases.Length != k.Times.Length || s == 0) yield break;
        var n = k.Phases[0].Length;
        var tracked = Tracked(n);
        var phases = new double[s * tracked.Length];
        for (var i = 0; i < s; i++)
        for (var j = 0; j < tracked.Length; j++)
            phases[i * tracked.Length + j] = k.Phases[samples[i]][tracked[j]];
        yield return new Quantity("phases", QuantityKind.Phases,
            $"unwrapped theta_j(t_s) of oscillators j = [{string.Join(",", tracked)}] at the stored samples; shape [sample, tracked]", [s, tracked.Length], false, phases, times);
        yield return new Quantity("final-phases", QuantityKind.Phases, "unwrapped theta_j(T) of every oscillator; shape [j]", [n], false, k.Phases[^1].ToArray());
    }

    /// <summary>Evenly spaced indices round(i (N − 1)/(P − 1)), i = 0..P−1 (all of them when N ≤ P).</summary>
    public static int[] Tracked(int n) => n <= TrackedOscillators
        ? Enumerable.Range(0, n).ToArray()
        : Enumerable.Range(0, TrackedOscillators).Select(i => (int)Math.Round(i * (n - 1.0) / (TrackedOscillators - 1))).ToArray();
}
