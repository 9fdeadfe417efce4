using ConvergenceSuite.Harness.Solvers;
using QuantumSync.Solvers.Kuramoto;

namespace ConvergenceSuite.Harness.Regression;

/// <summary>Kuramoto payload (eq. 7): order parameter r e^{iϑ}(t_s), the phases of up to
/// <see cref="TrackedOscillators"/> evenly spaced oscillators over time, and all phases at the final time.</summary>
public sealed class KuramotoObservables : IPayloadObservables
{
    /// <summary>Phases over time are stored for this many oscillators at most (N·S doubles would be megabytes for N = 2000).</summary>
    public const int TrackedOscillators = 16;

    public IEnumerable<Quantity> Extract(Trajectory trajectory)
    {
        if (trajectory.Payload is not KuramotoTrajectory k) yield break;
        var s = k.Times.Length;
        var r = new double[2 * s];
        for (var i = 0; i < s; i++)
        {
            r[2 * i] = k.OrderParameter[i].Real;
            r[2 * i + 1] = k.OrderParameter[i].Imaginary;
        }
        yield return new Quantity("order-parameter", QuantityKind.OrderParameter, "r e^{i theta}(t_s) = (1/N) sum_j e^{i theta_j}; shape [sample]",
            [s], true, r, k.Times);
        if (k.Phases.Length != s || s == 0) yield break;
        var n = k.Phases[0].Length;
        var tracked = Tracked(n);
        var phases = new double[s * tracked.Length];
        for (var i = 0; i < s; i++)
        for (var j = 0; j < tracked.Length; j++)
            phases[i * tracked.Length + j] = k.Phases[i][tracked[j]];
        yield return new Quantity("phases", QuantityKind.Phases,
            $"unwrapped theta_j(t_s) of oscillators j = [{string.Join(",", tracked)}]; shape [sample, tracked]", [s, tracked.Length], false, phases, k.Times);
        yield return new Quantity("final-phases", QuantityKind.Phases, "unwrapped theta_j(T) of every oscillator; shape [j]", [n], false, k.Phases[^1].ToArray());
    }

    /// <summary>Evenly spaced indices round(i (N − 1)/(P − 1)), i = 0..P−1 (all of them when N ≤ P).</summary>
    public static int[] Tracked(int n) => n <= TrackedOscillators
        ? Enumerable.Range(0, n).ToArray()
        : Enumerable.Range(0, TrackedOscillators).Select(i => (int)Math.Round(i * (n - 1.0) / (TrackedOscillators - 1))).ToArray();
}
