using System.Numerics;
using ConvergenceSuite.Harness.Claims;
using QuantumSync.Models.Hydrodynamics;

namespace ConvergenceSuite.Harness.Hydrodynamics;

/// <summary>Produces S-L states (N = 2) at given times: the solver under test at a step dt, or a reference.</summary>
public delegate Complex[][][] StateSource(SlData data, double dt, IReadOnlyList<double> times);

/// <summary>
/// Snapshots of the Section-5 quantities of an N = 2 S-L solution around evaluation times t_e, for a ladder of
/// sample spacings δ (coarse → fine, each half the previous): at level ℓ the states are sampled at t_e + mδ_ℓ,
/// m = −q…q (q = order/2), by a source run with dt = δ_ℓ / <see cref="StepsPerSample"/>, so δ and dt refine together.
/// Any balance law (printed, corrected, planted) is then evaluated on the same snapshots.
/// </summary>
public sealed class HydrodynamicLadder
{
    /// <summary>Solver steps per sample spacing: dt = δ/4 keeps the 4th-order solver's error below the 6th-order
    /// stencil's at the coarse levels and lets both fall together.</summary>
    public const int StepsPerSample = 4;

    private readonly HydrodynamicSnapshot[][][] _stencils; // [level][evaluation time][stencil point]

    private HydrodynamicLadder(SlData data, double[] deltas, double[] evaluationTimes, int order, HydrodynamicSnapshot[][][] stencils)
    {
        Data = data; Deltas = deltas; EvaluationTimes = evaluationTimes; Order = order; _stencils = stencils;
        PotentialGradient = WaveDerivatives.Derivative(data.Grid, data.Grid.Evaluate(x => data.Potential[x]));
    }

    /// <summary>The S-L data set (N = 2) the ladder was sampled from.</summary>
    public SlData Data { get; }
    /// <summary>Sample spacing δ of each level (halving per level).</summary>
    public double[] Deltas { get; }
    /// <summary>Times at which the lines of (19) are evaluated (multiples of the coarsest δ).</summary>
    public double[] EvaluationTimes { get; }
    /// <summary>Order of the time stencil.</summary>
    public int Order { get; }
    /// <summary>∂xV on the grid (spectral).</summary>
    public double[] PotentialGradient { get; }

    /// <summary>
    /// Samples <paramref name="source"/> for every level. Evaluation times must be integer multiples of the coarsest δ
    /// and every δ a power-of-two fraction of it, so all sample times are exact multiples of dt.
    /// </summary>
    public static HydrodynamicLadder Build(SlData data, StateSource source, double coarsestDelta, int levels, double[] evaluationTimes, int order = 6)
    {
        if (data.N != 2) throw new ArgumentException("System (19) is for N = 2.");
        var q = CentralDifference.HalfWidth(order);
        var deltas = Enumerable.Range(0, levels).Select(l => coarsestDelta / (1 << l)).ToArray();
        var stencils = new HydrodynamicSnapshot[levels][][];
        for (var l = 0; l < levels; l++)
        {
            var delta = deltas[l];
            var dt = delta / StepsPerSample;
            var centres = evaluationTimes.Select(t => (long)Math.Round(t / delta)).ToArray();
            var steps = centres.SelectMany(c => Enumerable.Range(-q, 2 * q + 1).Select(m => c + m)).Distinct().Order().ToArray();
            if (steps[0] < 0) throw new ArgumentException("An evaluation time lies within the stencil of t = 0.");
            var times = steps.Select(n => n * delta).ToArray();
            var states = source(data, dt, times);
            var index = steps.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
            var snapshots = new Dictionary<long, HydrodynamicSnapshot>();
            HydrodynamicSnapshot At(long n) => snapshots.TryGetValue(n, out var s) ? s
                : snapshots[n] = new HydrodynamicSnapshot(data.Grid, states[index[n]][0], states[index[n]][1]);
            stencils[l] = centres.Select(c => Enumerable.Range(-q, 2 * q + 1).Select(m => At(c + m)).ToArray()).ToArray();
        }
        return new HydrodynamicLadder(data, deltas, evaluationTimes, order, stencils);
    }

    /// <summary>Per level, the largest relative residual of <paramref name="form"/> over the evaluation times.</summary>
    public double[] Residuals(BalanceLawForm form, MomentumForm momentumForm = MomentumForm.NonSingular, double densityFloorFraction = 1e-3) =>
        Enumerable.Range(0, Deltas.Length).Select(l => _stencils[l]
            .Max(s => BalanceResidualEvaluator.Evaluate(form, s, Deltas[l], Order, Data.Coupling, PotentialGradient, momentumForm, densityFloorFraction).Relative))
            .ToArray();

    /// <summary>The pointwise residual at the finest level and the first evaluation time (for plots).</summary>
    public BalanceResidual FinestResidual(BalanceLawForm form, MomentumForm momentumForm = MomentumForm.NonSingular, double densityFloorFraction = 1e-3) =>
        BalanceResidualEvaluator.Evaluate(form, _stencils[^1][0], Deltas[^1], Order, Data.Coupling, PotentialGradient, momentumForm, densityFloorFraction);

    /// <summary>s12 = Im z12 at the evaluation times (finest level): the ρ_d coupling's sign matters only where s12 ≠ 0.</summary>
    public double[] S12 => _stencils[^1].Select(s => s[s.Length / 2].S12).ToArray();
}
