using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Numerics;

namespace ConvergenceSuite.Harness.Regression;

/// <summary>
/// Quantities a model level adds from its <see cref="Trajectory.Payload"/> (e.g. Kuramoto phases). Implementations are
/// found by reflection in the harness assembly, so a new level (Wigner-Lohe) adds a file, not an edit.
/// </summary>
public interface IPayloadObservables
{
    /// <summary>The quantities of this payload at the given sample indices, or nothing when the payload is not of this level.</summary>
    IEnumerable<Quantity> Extract(Trajectory trajectory, IReadOnlyList<int> samples);

    /// <summary>True when this payload's quantities determine z(t) (e.g. z_jk = e^{i(θ_j − θ_k)}), so z is not stored twice.</summary>
    bool DeterminesCorrelations(Trajectory trajectory) => false;
}

/// <summary>
/// What a regression reference stores for a case: the sample times, z(t) (N ≤ <see cref="MaxOscillatorsForCorrelations"/>),
/// ‖ψ_j(t)‖ and ψ_j(T) on a line when states are returned, payload quantities (<see cref="IPayloadObservables"/>), and
/// the error column and fitted rate of every convergence study the case's checks ran.
/// </summary>
public static class Observables
{
    /// <summary>z(t) is N² per sample; above this N the payload (e.g. phases, order parameter) describes the run.</summary>
    public const int MaxOscillatorsForCorrelations = 16;

    /// <summary>Time series keep at most this many samples (evenly strided, first and last included): enough to see any
    /// drift, small enough to commit (a 6000-sample Adler run would otherwise take 600 kB).</summary>
    public const int MaxStoredSamples = 256;

    /// <summary>Indices round(i (S − 1)/(P − 1)), i = 0..P−1, P = min(S, <see cref="MaxStoredSamples"/>).</summary>
    public static int[] SampleIndices(int count) => count <= MaxStoredSamples
        ? Enumerable.Range(0, count).ToArray()
        : Enumerable.Range(0, MaxStoredSamples).Select(i => (int)Math.Round(i * (count - 1.0) / (MaxStoredSamples - 1))).ToArray();

    private static readonly Lazy<IPayloadObservables[]> Payloads = new(() =>
        typeof(IPayloadObservables).Assembly.GetTypes()
            .Where(t => typeof(IPayloadObservables).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IPayloadObservables)Activator.CreateInstance(t)!)
            .ToArray());

    /// <summary>All quantities of a run, in a fixed order.</summary>
    public static IReadOnlyList<Quantity> Extract(Trajectory trajectory, IEnumerable<CheckResult> checks)
    {
        var list = new List<Quantity>();
        var idx = SampleIndices(trajectory.Times.Count);
        var times = idx.Select(i => trajectory.Times[i]).ToArray();
        var s = idx.Length;
        var n = trajectory.Oscillators;
        var strided = s == trajectory.Times.Count ? "every sample" : $"{s} of {trajectory.Times.Count} samples, evenly strided";
        list.Add(new Quantity("t", QuantityKind.SampleTimes, $"sample times t_s ({strided})", [s], false, times));
        var payloads = Payloads.Value;
        if (n <= MaxOscillatorsForCorrelations && !payloads.Any(p => p.DeterminesCorrelations(trajectory)))
        {
            var z = new double[2 * s * n * n];
            for (var i = 0; i < s; i++)
            {
                var m = trajectory.Correlations[idx[i]];
                for (var e = 0; e < n * n; e++)
                {
                    z[2 * (i * n * n + e)] = m[e].Real;
                    z[2 * (i * n * n + e) + 1] = m[e].Imaginary;
                }
            }
            list.Add(new Quantity("z", QuantityKind.Correlations, "z_jk(t_s) = <psi_j, psi_k> as the solver computed it; shape [sample, j, k]",
                [s, n, n], true, z, times));
        }
        if (trajectory.States is { } states && trajectory.Grid is { } grid)
        {
            var norms = new double[s * n];
            for (var i = 0; i < s; i++)
            for (var j = 0; j < n; j++)
                norms[i * n + j] = Integrals.Norm(states[idx[i]][j], grid.CellVolume);
            list.Add(new Quantity("norms", QuantityKind.Norms, "||psi_j(t_s)|| from the returned states (harness inner product); shape [sample, j]",
                [s, n], false, norms, times));
            list.Add(FinalLine(states[^1], grid, times[^1]));
        }
        foreach (var provider in payloads) list.AddRange(provider.Extract(trajectory, idx));
        foreach (var check in checks)
        {
            if (check.Study is not { } study) continue;
            list.Add(new Quantity($"study:{check.CheckId}:error", QuantityKind.StudyError,
                $"{study.Quantity} against {study.Reference}, one per {study.StepName} = {string.Join(", ", study.Rows.Select(r => r.Step.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}",
                [study.Rows.Count], false, study.Rows.Select(r => r.Error).ToArray()));
            list.Add(new Quantity($"study:{check.CheckId}:rate", QuantityKind.StudyRate, $"fitted {study.RateName} of the study", [1], false, [study.Rate]));
        }
        return list.Select(q => q.Validated()).ToList();
    }

    /// <summary>ψ_j(T) on the line along the last axis through the centre index M/2 of the other axes (the whole field in 1-D).</summary>
    private static Quantity FinalLine(Complex[][] psi, PeriodicGrid grid, double t)
    {
        var sizes = grid.Sizes;
        var last = sizes[^1];
        var offset = 0;
        for (var a = 0; a < sizes.Length - 1; a++) offset = (offset + sizes[a] / 2) * sizes[a + 1];
        var n = psi.Length;
        var values = new double[2 * n * last];
        for (var j = 0; j < n; j++)
        for (var i = 0; i < last; i++)
        {
            var v = psi[j][offset + i];
            values[2 * (j * last + i)] = v.Real;
            values[2 * (j * last + i) + 1] = v.Imaginary;
        }
        var where = sizes.Length == 1 ? "the whole grid" : $"the last axis at indices [{string.Join(",", sizes[..^1].Select(m => m / 2))}] of the other axes";
        return new Quantity("psi-final-line", QuantityKind.Field,
            $"psi_j(T = {t.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}) along {where}; shape [j, point]", [n, last], true, values);
    }
}
