using System.Numerics;
using QuantumSync.Solvers.SchrodingerLohe;
using QuantumSync.Solvers.Splitting;

namespace ConvergenceSuite.Harness.Solvers;

/// <summary>The samples of one splitting run: z at every sample time and, when asked for, one state sample per time.</summary>
/// <typeparam name="TState">What one state sample is (S-L: ψ_j per oscillator; W-L: w_jk per pair).</typeparam>
public sealed record SplittingSamples<TState>(IReadOnlyList<Complex[]> Correlations, IReadOnlyList<TState>? States);

/// <summary>
/// The sampling loop of every adapter over a splitting solver (S-L split-step, spectral W-L, and any variant of them):
/// advance to each sample time, read z_jk, refuse non-finite correlations, and capture the state when asked.
/// </summary>
public static class SplittingSampler
{
    /// <summary>Runs <paramref name="solver"/> through <paramref name="times"/> (increasing multiples of dt).</summary>
    /// <param name="solver">The solver, at t = 0 or earlier than the first time.</param>
    /// <param name="times">The sample times.</param>
    /// <param name="capture">Reads one state sample from the solver after each advance; null stores no states.</param>
    /// <param name="cancellation">Checked before each sample and between steps.</param>
    /// <exception cref="SolverDivergedException">A correlation became non-finite (names the sample time).</exception>
    public static SplittingSamples<TState> Run<TState>(ISplittingSolver solver, IReadOnlyList<double> times, Func<TState>? capture, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(times);
        var n = solver.Oscillators;
        var correlations = new List<Complex[]>(times.Count);
        var states = capture is null ? null : new List<TState>(times.Count);
        foreach (var t in times)
        {
            cancellation.ThrowIfCancellationRequested();
            solver.AdvanceTo(t, cancellation);
            var z = new Complex[n * n];
            solver.Correlations(z);
            if (z.Any(v => !double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary)))
                throw new SolverDivergedException($"The correlations became non-finite at t = {t:R}.", t);
            correlations.Add(z);
            if (capture is not null) states!.Add(capture());
        }
        return new SplittingSamples<TState>(correlations, states);
    }
}
