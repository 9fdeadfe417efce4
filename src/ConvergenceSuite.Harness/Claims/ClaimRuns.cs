using System.Numerics;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.States;
using QuantumSync.Numerics;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.Harness.Claims;

/// <summary>One S-L data set of the ledger: 1-D grid, common potential V (identical potentials), normalised data, K.</summary>
public sealed record SlData(string Name, PeriodicGrid Grid, Potential Potential, Complex[][] Initial, double Coupling)
{
    public int N => Initial.Length;

    /// <summary>The same data with another K.</summary>
    public SlData WithCoupling(double k, string? name = null) => this with { Coupling = k, Name = name ?? $"{Name.Split(',')[0]}, K = {k}" };

    /// <summary>Normalised Gaussian packets (centre, momentum, width) on an M-point grid of length L.</summary>
    public static SlData Gaussians(string name, int points, double length, Potential v, double k, params (double Center, double Momentum, double Width)[] packets)
    {
        var grid = new PeriodicGrid([points], [length]);
        var psi = packets.Select(p => InitialStates.Normalised(InitialStates.Gaussian(grid, [p.Center], [p.Momentum], p.Width), grid.CellVolume)).ToArray();
        return new SlData(name, grid, v, psi, k);
    }

    /// <summary>N random smooth normalised states (seeded, <see cref="InitialStates.RandomSmooth"/>).</summary>
    public static SlData RandomSmooth(string name, int points, double length, Potential v, double k, double bandwidth, double envelope, params int[] seeds)
    {
        var grid = new PeriodicGrid([points], [length]);
        var psi = seeds.Select(s => InitialStates.Normalised(InitialStates.RandomSmooth(grid, s, bandwidth, envelope), grid.CellVolume)).ToArray();
        return new SlData(name, grid, v, psi, k);
    }
}

/// <summary>Runs of the S-L system the ledger samples: the split-step solver under test and the exact factorised reference.</summary>
public static class ClaimRuns
{
    /// <summary>A smooth periodic potential V(x) = a cos(2π n x / L): every derivative exact on the grid.</summary>
    public static Potential Cosine(double amplitude, int mode, double length) =>
        new($"{amplitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}·cos(2π·{mode}x/{length.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
            x => amplitude * Math.Cos(2 * Math.PI * mode * x[0] / length));

    /// <summary>
    /// States of the split-step solver (scheme, dt) at <paramref name="times"/> (ascending multiples of dt):
    /// result[sample][oscillator][point].
    /// </summary>
    public static Complex[][][] SplitStep(SlData data, string scheme, double dt, IReadOnlyList<double> times)
    {
        var v = data.Grid.Evaluate(x => data.Potential[x]);
        var problem = new SchrodingerLoheProblem(data.Grid, data.Coupling, Enumerable.Repeat(v, data.N).ToArray(), data.Initial);
        using var solver = new SplitStepSolver(problem, SplittingSchemes.Get(scheme), dt);
        var result = new Complex[times.Count][][];
        for (var s = 0; s < times.Count; s++)
        {
            solver.AdvanceTo(times[s]);
            result[s] = Enumerable.Range(0, data.N).Select(j => solver.State(j).ToArray()).ToArray();
        }
        return result;
    }

    /// <summary>
    /// The exact factorised reference ψ_j(t) = U(t) Σ_m C_jm(t) ψ_m(0) (docs/MATH.md), exact in time: U from
    /// <see cref="FreePropagator"/> when V is constant zero, else the dense <see cref="EigenPropagator"/>.
    /// An independent route: it shares no code with the split-step solver.
    /// </summary>
    public static Complex[][][] Reference(SlData data, IReadOnlyList<double> times)
    {
        ILinearPropagator u = data.Potential.IsConstant && data.Potential[[0.0]] == 0
            ? new FreePropagator(data.Grid)
            : new EigenPropagator(data.Grid, data.Potential);
        return new ExactFactorisedReference(data.Initial, data.Coupling, data.Grid.CellVolume, u).States(times);
    }

    /// <summary>Uniform times 0, h, 2h, …, ≤ final.</summary>
    public static double[] Uniform(double final, double h)
    {
        var n = (int)Math.Round(final / h);
        return Enumerable.Range(0, n + 1).Select(i => i * h).ToArray();
    }

    /// <summary>z_jk = ⟨ψ_j, ψ_k⟩ of one sample (row-major).</summary>
    public static Complex[] Correlations(PeriodicGrid grid, Complex[][] states)
    {
        var n = states.Length;
        var z = new Complex[n * n];
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
            z[j * n + k] = Integrals.Inner(states[j], states[k], grid.CellVolume);
        return z;
    }

    /// <summary>D = max_{i,j} ‖ψ_i − ψ_j‖ from the states (no cancellation through z).</summary>
    public static double Diameter(PeriodicGrid grid, Complex[][] states)
    {
        var d = 0.0;
        for (var i = 0; i < states.Length; i++)
        for (var j = i + 1; j < states.Length; j++)
            d = Math.Max(d, Integrals.DistanceL2(states[i], states[j], grid.CellVolume));
        return d;
    }

    /// <summary>‖f‖_{H¹} = (‖f‖² + ‖∂x f‖²)^{1/2}, the derivative spectral.</summary>
    public static double H1Norm(PeriodicGrid grid, ReadOnlySpan<Complex> f)
    {
        var d = QuantumSync.Models.Hydrodynamics.WaveDerivatives.Of(grid, f);
        return Math.Sqrt(Integrals.NormSquared(f, grid.CellVolume) + Integrals.NormSquared(d.D1, grid.CellVolume));
    }

    /// <summary>ψ1 − ψ2 of one sample.</summary>
    public static Complex[] Difference(Complex[][] states)
    {
        var r = new Complex[states[0].Length];
        for (var i = 0; i < r.Length; i++) r[i] = states[0][i] - states[1][i];
        return r;
    }
}
