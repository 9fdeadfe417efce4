using System.Collections;
using System.Diagnostics;
using System.Numerics;
using ConvergenceSuite.Abstractions;
using QuantumSync.Models.Kuramoto;
using QuantumSync.Solvers.Kuramoto;

namespace ConvergenceSuite.Harness.Kuramoto;

/// <summary>
/// Wraps <see cref="KuramotoSolver"/> (eq. (7)) as a solver under test ("solver": "kuramoto"). The trajectory's
/// correlations are z_jk = e^{i(θ_j − θ_k)}, the S-L correlations ⟨ψ_j, ψ_k⟩ of the spatially constant data
/// ψ_j = e^{−iθ_j}/√|T| (Section 2.1); its <see cref="Trajectory.Payload"/> is the <see cref="KuramotoTrajectory"/>
/// (unwrapped phases and order parameter). No grid, no states.
/// </summary>
public sealed class KuramotoAdapter : ISolverUnderTest, IDeclaresSchemes
{
    /// <summary>Every scheme of the Kuramoto registry, at its registered order.</summary>
    public IReadOnlyList<DeclaredScheme> Schemes { get; } =
        KuramotoSchemes.All.Select(s => new DeclaredScheme(s.Name, s.Order)).ToArray();

    /// <inheritdoc />
    public string Name => "kuramoto";

    /// <inheritdoc />
    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.Kuramoto];

    /// <inheritdoc />
    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is not KuramotoSpec spec) throw new NotSupportedException($"{Name} runs Kuramoto problems only, not {problem.Model}.");
        return Solve(Name, spec, spec.Kuramoto, null, resolution, sampleTimes, cancellation);
    }

    /// <summary>
    /// The trajectory of a Kuramoto run (shared by every adapter over <see cref="KuramotoSolver"/>): <paramref name="model"/>
    /// integrated with the resolution's scheme and the spec's tolerances, sampled at <paramref name="sampleTimes"/> (default:
    /// the spec's), with <paramref name="rightHandSide"/> (null: the solver's own eq. (7)).
    /// </summary>
    public static Trajectory Solve(string name, KuramotoSpec spec, KuramotoProblem model, IKuramotoRightHandSide? rightHandSide, Resolution resolution,
        IReadOnlyList<double>? sampleTimes, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(resolution);
        cancellation.ThrowIfCancellationRequested();
        var scheme = KuramotoSchemes.Find(resolution.Scheme);
        var options = scheme.IsAdaptive
            ? KuramotoSolverOptions.Adaptive(spec.AbsoluteTolerance, spec.RelativeTolerance)
            : KuramotoSolverOptions.FixedStep(resolution.TimeStep);
        var times = sampleTimes ?? spec.SampleTimes;
        var watch = Stopwatch.StartNew();
        var result = KuramotoSolver.Solve(model, scheme, options, times, rightHandSide ?? new KuramotoMeanField(model), cancellation);
        return new Trajectory(name, scheme.Name, "none", resolution.TimeStep, null, spec.Oscillators, result.Times,
            new PhaseCorrelations(result.Phases, spec.Oscillators), null, watch.Elapsed.TotalSeconds)
        {
            Payload = result,
        };
    }
}

/// <summary>
/// z_jk(t_s) = e^{i(θ_j − θ_k)} (row-major N×N), computed from the phases when a sample is indexed: a full list of
/// matrices would take N²·16 bytes per sample (64 MB for N = 2000), so nothing is stored.
/// </summary>
public sealed class PhaseCorrelations(IReadOnlyList<double[]> phases, int oscillators) : IReadOnlyList<Complex[]>
{
    /// <summary>Number of samples.</summary>
    public int Count => phases.Count;

    /// <summary>z(t_s) for sample <paramref name="index"/>, computed on each access.</summary>
    public Complex[] this[int index]
    {
        get
        {
            var theta = phases[index];
            var n = oscillators;
            var z = new Complex[n * n];
            // From the difference θ_j − θ_k (not e^{iθ_j}·e^{−iθ_k}): unwrapped phases grow like Ω t, and the
            // difference keeps the digits that the product of two large-angle exponentials would lose.
            for (var j = 0; j < n; j++)
            for (var k = 0; k < n; k++)
                z[j * n + k] = Complex.FromPolarCoordinates(1, theta[j] - theta[k]);
            return z;
        }
    }

    /// <summary>Computes z sample by sample.</summary>
    public IEnumerator<Complex[]> GetEnumerator()
    {
        for (var s = 0; s < Count; s++) yield return this[s];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
