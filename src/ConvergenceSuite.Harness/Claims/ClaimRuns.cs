using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.States;
using QuantumSync.Numerics;
using SchemeDeclarations = ConvergenceSuite.Harness.Solvers.SchemeDeclarations;

namespace ConvergenceSuite.Harness.Claims;

/// <summary>One S-L data set of the ledger: 1-D grid, common potential V (identical potentials), normalised data, K.</summary>
public sealed record SlData(string Name, PeriodicGrid Grid, Potential Potential, Complex[][] Initial, double Coupling)
{
    /// <summary>N: the number of oscillators (initial states).</summary>
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
        var solver = Solvers.For(ModelKind.SchrodingerLohe);
        // Several entries run the same data (the eight balance laws of (19) share one ladder): within one ledger run the
        // states are taken from the first run (the key fingerprints every input), and its solver runs are recorded for each.
        var key = string.Join("|", "sl-run", Solvers.Names, Fingerprint(grid, coupling, potentials, initial, scheme, dt, times));
        return LedgerCache.Get(key, () => RunSchrodinger(solver, grid, coupling, potentials, initial, scheme, dt, times));
    }

    private static Complex[][][] RunSchrodinger(ISolverUnderTest solver, PeriodicGrid grid, double coupling, IReadOnlyList<Potential> potentials,
        IReadOnlyList<Complex[]> initial, string scheme, double dt, IReadOnlyList<double> times)
    {
        var spec = new SchrodingerLoheSpec(grid.Lengths, grid.Sizes, coupling, potentials, Recipes(grid, initial), normalise: false, times[^1], times);
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

    /// <summary>
    /// Time unit τ of the fallback's step rule (see <see cref="FallbackTimeStep"/>). The ledger's data are
    /// non-dimensional (ħ = m = 1) with every rate of order one: K ≤ 3, |V| ≤ 0.5, packet momenta |p0| ≤ 1, so dt/τ
    /// measures the step against the problems' fastest time scales.
    /// </summary>
    public const double FallbackTimeUnit = 1.0;

    /// <summary>Lowest order of a scheme the ledger falls back to: a first-order scheme would need dt' = dt⁴ to keep a
    /// fourth-order entry's accuracy (≈ 1e-9 for dt = 0.005), which no run of the ledger's length can afford.</summary>
    public const double MinimumFallbackOrder = 2;

    /// <summary>Most steps a fallback run may take (≈ 4 × the finest ladder level's 2e5 steps at dt' = 6.25e-6 to
    /// t = 1.23); a run that would need more is not made, and the entry is inconclusive with the reason.</summary>
    public const long MaxFallbackSteps = 1_000_000;

    private static readonly AsyncLocal<List<ClaimSolverRun>?> Log = new();

    /// <summary>Runs <paramref name="action"/> and returns, besides its result, the solver runs it made (in order,
    /// repeats removed); nested recordings each see their own runs and pass them on to the enclosing one.</summary>
    public static (T Result, IReadOnlyList<ClaimSolverRun> Runs) Recording<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var outer = Log.Value;
        var list = new List<ClaimSolverRun>();
        Log.Value = list;
        try
        {
            return (action(), list.Distinct().ToList());
        }
        finally
        {
            Log.Value = outer;
            outer?.AddRange(list);
        }
    }

    /// <summary>Records runs made earlier (a cached result reused by another entry) as runs of the current recording.</summary>
    internal static void Replay(IEnumerable<ClaimSolverRun> runs) => Log.Value?.AddRange(runs);

    /// <summary>
    /// The step a fallback of order <paramref name="fallbackOrder"/> runs at in place of the entry's preferred scheme of
    /// order <paramref name="preferredOrder"/> at <paramref name="dt"/>, so that the entry keeps its accuracy. The
    /// entries' tolerances were set for the preferred scheme, whose global error is ≈ C_q (dt/τ)^q. The fallback runs at
    /// dt' = τ (dt/τ)^{q/p} (τ = <see cref="FallbackTimeUnit"/>), so its error C_p (dt'/τ)^p = C_p (dt/τ)^q
    /// (a) shrinks at the same rate as the preferred scheme's when a ladder refines dt ∝ δ, so a residual ladder that
    /// needs the solver's error to fall at order ≥ <see cref="ClaimCriteria.ResidualMinimumOrder"/> still sees order q,
    /// and (b) differs from the preferred scheme's only by the ratio of the error constants C_p/C_q. Measured
    /// (SolverUnderTestTests, Strang at dt² for Yoshida-4 at dt): the finest residual of (16) is 1.9e-11 against
    /// 7.0e-13, of the ρ1 and J1 laws of (19) 4.5e-11 and 6.6e-11 against 4.2e-11 and 6.3e-11, all far below <see cref="ClaimCriteria.ResidualFloor"/> = 1e-8 at which a residual holds outright, so
    /// the entries' verdicts and tolerances are unchanged. dt' is then rounded down to dt/m (m a whole number) so the
    /// sample times stay multiples of the step. A fallback of order ≥ q runs at dt itself.
    /// </summary>
    public static double FallbackTimeStep(double dt, double preferredOrder, double fallbackOrder)
    {
        if (!(dt > 0) || !(preferredOrder > 0) || !(fallbackOrder > 0)) throw new ArgumentOutOfRangeException(nameof(dt), "steps and orders must be positive");
        if (fallbackOrder >= preferredOrder) return dt;
        var target = FallbackTimeUnit * Math.Pow(dt / FallbackTimeUnit, preferredOrder / fallbackOrder);
        var m = Math.Ceiling(dt / target * (1 - 1e-12));
        return dt / Math.Max(1, m);
    }

    /// <summary>
    /// Runs the solver with the entry's scheme and dt. When the solver does not run that scheme (it declares schemes
    /// without it, or throws <see cref="NotSupportedException"/>), runs the fallback instead: the highest-order scheme the
    /// solver declares (at least <see cref="MinimumFallbackOrder"/>), or "strang" (order 2) when it declares none, at
    /// <see cref="FallbackTimeStep"/>; the run is recorded with what was asked and why. No fallback changes the problem:
    /// a solver that solves the wrong equation is just as wrong at the fallback's scheme and step. Anything else the
    /// solver cannot do is passed on as <see cref="UnservedEntryException"/> naming the solver.
    /// </summary>
    private static Trajectory Run(ISolverUnderTest solver, Problem problem, Resolution resolution, IReadOnlyList<double> times)
    {
        var declared = SchemeDeclarations.Of(solver);
        string refusal;
        if (declared is null || SchemeDeclarations.Find(declared, resolution.Scheme) is not null)
        {
            try
            {
                var trajectory = solver.Run(problem, resolution, storeStates: true, times);
                Log.Value?.Add(new ClaimSolverRun(solver.Name, resolution.Scheme, resolution.TimeStep));
                return trajectory;
            }
            catch (NotSupportedException e) when (e is not UnservedEntryException)
            {
                refusal = e.Message;
            }
        }
        else
        {
            refusal = SchemeDeclarations.Undeclared(solver.Name, declared, resolution.Scheme);
        }

        var preferred = SchemeDeclarations.Find(SchemeDeclarations.SplittingRegistry(), resolution.Scheme)
            ?? throw new UnservedEntryException($"the solver under test '{solver.Name}' cannot run it: {refusal}");
        var candidates = (declared ?? [new DeclaredScheme("strang", 2)])
            .Where(d => !string.Equals(d.Name, resolution.Scheme, StringComparison.OrdinalIgnoreCase) && d.Order >= MinimumFallbackOrder)
            .OrderByDescending(d => d.Order).ToList();
        if (candidates.Count == 0)
            throw new UnservedEntryException($"the solver under test '{solver.Name}' cannot run it: {refusal}; it declares no scheme of order ≥ {MinimumFallbackOrder.ToString(System.Globalization.CultureInfo.InvariantCulture)} to fall back to");
        var refusals = new List<string> { $"{resolution.Scheme}: {refusal}" };
        foreach (var fallback in candidates)
        {
            var dt = FallbackTimeStep(resolution.TimeStep, preferred.Order, fallback.Order);
            var steps = (long)Math.Ceiling(times[^1] / dt);
            var rule = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{refusal}; order {fallback.Order:G4} for order {preferred.Order:G4}, dt' = τ(dt/τ)^{{{preferred.Order:G4}/{fallback.Order:G4}}} rounded to dt/{Math.Round(resolution.TimeStep / dt)}");
            if (steps > MaxFallbackSteps)
            {
                refusals.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{fallback.Name}: would need {steps} steps at dt = {dt:G4} (limit {MaxFallbackSteps})"));
                continue;
            }
            try
            {
                var trajectory = solver.Run(problem, resolution with { Scheme = fallback.Name, TimeStep = dt }, storeStates: true, times);
                Log.Value?.Add(new ClaimSolverRun(solver.Name, fallback.Name, dt, resolution.Scheme, resolution.TimeStep, rule));
                return trajectory;
            }
            catch (NotSupportedException e) when (e is not UnservedEntryException)
            {
                refusals.Add($"{fallback.Name}: {e.Message}");
            }
        }
        throw new UnservedEntryException($"the solver under test '{solver.Name}' cannot run it: {string.Join("; ", refusals)}");
    }

    /// <summary>SHA-256 of every input of an S-L run: grid, K, the potentials sampled on the grid, the initial states,
    /// scheme, dt and the sample times (so two runs share a cache entry only when they are the same run).</summary>
    private static string Fingerprint(PeriodicGrid grid, double coupling, IReadOnlyList<Potential> potentials, IReadOnlyList<Complex[]> initial,
        string scheme, double dt, IReadOnlyList<double> times)
    {
        var values = new List<double>(grid.Sizes.Select(n => (double)n)) { coupling, dt, initial.Count, potentials.Count, times.Count };
        values.AddRange(grid.Lengths);
        foreach (var v in potentials) values.AddRange(grid.Evaluate(x => v[x]));
        foreach (var psi in initial)
        foreach (var c in psi) { values.Add(c.Real); values.Add(c.Imaginary); }
        values.AddRange(times);
        var bytes = new byte[values.Count * sizeof(double)];
        Buffer.BlockCopy(values.ToArray(), 0, bytes, 0, bytes.Length);
        return scheme + "|" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
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
