using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.WignerLohe;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.States;
using QuantumSync.Numerics;

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

/// <summary>
/// Runs of the S-L and W-L systems the ledger samples: solutions from the solver under test (<see cref="Solvers"/>, the
/// selection of the current ledger run) and the exact factorised reference (the harness's own, independent route).
/// </summary>
public static class ClaimRuns
{
    private static readonly AsyncLocal<ClaimSolvers?> Selected = new();

    /// <summary>The solvers under test of the ledger run in progress (<see cref="ClaimsLedger.Run"/> sets them);
    /// <see cref="ClaimSolvers.BuiltIn"/> outside a run.</summary>
    public static ClaimSolvers Solvers => Selected.Value ?? ClaimSolvers.BuiltIn;

    /// <summary>Runs <paramref name="action"/> with <paramref name="solvers"/> as <see cref="Solvers"/>, then restores the
    /// previous selection.</summary>
    public static T With<T>(ClaimSolvers solvers, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var previous = Selected.Value;
        Selected.Value = solvers;
        try
        {
            return action();
        }
        finally
        {
            Selected.Value = previous;
        }
    }

    /// <summary>A smooth periodic potential V(x) = a cos(2π n x / L): every derivative exact on the grid.</summary>
    public static Potential Cosine(double amplitude, int mode, double length) =>
        new($"{amplitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}·cos(2π·{mode}x/{length.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
            x => amplitude * Math.Cos(2 * Math.PI * mode * x[0] / length));

    /// <summary>
    /// States of the solver under test for the S-L data (scheme, dt) at <paramref name="times"/> (ascending multiples of
    /// dt): result[sample][oscillator][point]. Throws <see cref="UnservedEntryException"/> when the selected solvers do
    /// not run S-L problems (or this scheme, or cannot return states).
    /// </summary>
    public static Complex[][][] SplitStep(SlData data, string scheme, double dt, IReadOnlyList<double> times) =>
        Schrodinger(data.Grid, data.Coupling, Enumerable.Repeat(data.Potential, data.N).ToArray(), data.Initial, scheme, dt, times);

    /// <summary>
    /// States of the solver under test for S-L data with one potential per oscillator and the initial states exactly as
    /// given (no normalisation): result[sample][oscillator][point].
    /// </summary>
    public static Complex[][][] Schrodinger(PeriodicGrid grid, double coupling, IReadOnlyList<Potential> potentials, IReadOnlyList<Complex[]> initial,
        string scheme, double dt, IReadOnlyList<double> times)
    {
        var spec = new SchrodingerLoheSpec(grid.Lengths, grid.Sizes, coupling, potentials, Recipes(grid, initial), normalise: false, times[^1], times);
        var solver = Solvers.For(ModelKind.SchrodingerLohe);
        var trajectory = Run(solver, spec, new Resolution(scheme, dt, grid.Sizes), times);
        var states = trajectory.States
            ?? throw new UnservedEntryException($"the solver under test '{solver.Name}' returned no states; the ledger computes its quantities from the states");
        Validate(solver.Name, trajectory.Times, times, states.Select(s => s.Length), initial.Count, states.SelectMany(s => s).Select(f => f.Length), grid.Count);
        return [.. states];
    }

    /// <summary>
    /// The W-L solver under test from the pure data w[ψ_j(0), ψ_k(0)] of <paramref name="data"/> (with K =
    /// <paramref name="coupling"/> when given): per sample the N² fields w_jk (row-major, (x,p) layout) and the solver's
    /// own correlations z_jk. Throws <see cref="UnservedEntryException"/> when the selected solvers do not run W-L problems
    /// or return no phase-space fields.
    /// </summary>
    public static (Complex[][][] Fields, Complex[][] Correlations) Wigner(SlData data, string scheme, double dt, IReadOnlyList<double> times, double? coupling = null)
    {
        var spec = new WignerLoheSpec(data.Grid.Lengths, data.Grid.Sizes, coupling ?? data.Coupling, data.Potential, Recipes(data.Grid, data.Initial), null, [],
            normalise: false, times[^1], times);
        var solver = Solvers.For(ModelKind.WignerLohe);
        var trajectory = Run(solver, spec, new Resolution(scheme, dt, data.Grid.Sizes), times);
        var fields = (trajectory.Payload as WignerLohePayload)?.Fields
            ?? throw new UnservedEntryException($"the solver under test '{solver.Name}' returned no phase-space fields; the ledger computes its quantities from them");
        var phase = data.Grid.Count * data.Grid.Count;
        Validate(solver.Name, trajectory.Times, times, fields.Select(f => f.Length), data.N * data.N, fields.SelectMany(f => f).Select(f => f.Length), phase);
        return ([.. fields], [.. trajectory.Correlations]);
    }

    /// <summary>Runs the solver, its <see cref="NotSupportedException"/> (what it cannot do) passed on as
    /// <see cref="UnservedEntryException"/> naming the solver.</summary>
    private static Trajectory Run(ISolverUnderTest solver, Problem problem, Resolution resolution, IReadOnlyList<double> times)
    {
        try
        {
            return solver.Run(problem, resolution, storeStates: true, times);
        }
        catch (NotSupportedException e) when (e is not UnservedEntryException)
        {
            throw new UnservedEntryException($"the solver under test '{solver.Name}' cannot run it: {e.Message}", e);
        }
    }

    /// <summary>The given states as recipes: each returns a copy of its array on the data's own grid.</summary>
    private static StateRecipe[] Recipes(PeriodicGrid grid, IReadOnlyList<Complex[]> initial) =>
        initial.Select((psi, j) => new StateRecipe($"ledger data, oscillator {j}", (g, _) =>
            g.Equals(grid) && g.Count == psi.Length
                ? (Complex[])psi.Clone()
                : throw new UnservedEntryException($"the ledger's data are sampled on {grid}; the solver under test asked for {g}"))).ToArray();

    private static void Validate(string solver, IReadOnlyList<double> got, IReadOnlyList<double> asked, IEnumerable<int> perSample, int expectedPerSample,
        IEnumerable<int> lengths, int expectedLength)
    {
        if (got.Count != asked.Count || got.Where((t, i) => t != asked[i]).Any())
            throw new InvalidDataException($"the solver under test '{solver}' returned {got.Count} samples at other times than the {asked.Count} asked for");
        if (perSample.Any(c => c != expectedPerSample)) throw new InvalidDataException($"the solver under test '{solver}' returned a sample without {expectedPerSample} states/fields");
        if (lengths.Any(c => c != expectedLength)) throw new InvalidDataException($"the solver under test '{solver}' returned a state/field not of {expectedLength} points");
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
