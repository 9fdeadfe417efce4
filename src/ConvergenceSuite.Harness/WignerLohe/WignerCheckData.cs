using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics.Wigner;
using QuantumSync.Solvers.SchrodingerLohe;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>
/// What the W-L checks share: the spec and payload of a context, the initial data sampled by the harness itself (never
/// taken from the solver), S-L reference solutions on the same grid, and phase-space heatmaps.
/// </summary>
public static class WignerCheckData
{
    /// <summary>Largest edge size of a heatmap: larger grids are subsampled with a stride so reports stay small.</summary>
    public const int MaxHeatmapSide = 128;

    /// <summary>The case's W-L problem; throws for other models.</summary>
    public static WignerLoheSpec Spec(CheckContext context) =>
        context.Problem as WignerLoheSpec ?? throw new InvalidOperationException("this check is for Wigner-Lohe cases");

    /// <summary>The trajectory's phase-space payload; throws when the solver returned none.</summary>
    public static WignerLohePayload Payload(CheckContext context) =>
        context.Trajectory.Payload as WignerLohePayload
        ?? throw new InvalidOperationException($"the trajectory of solver '{context.Trajectory.Solver}' carries no W-L phase-space payload");

    /// <summary>The stored fields [sample][j·N + k]; the case must keep storeStates: true.</summary>
    public static IReadOnlyList<Complex[][]> Fields(CheckContext context) =>
        Payload(context).Fields ?? throw new InvalidOperationException("the phase-space fields were not stored (the case sets storeStates: false)");

    /// <summary>The initial data sampled by the harness on the case's grid.</summary>
    public static WignerLoheProblem Initial(CheckContext context) => Spec(context).Discretise(context.Resolution.GridPoints);

    /// <summary>z_jk(0) = ∫∫ w_jk(0) dx dp from the harness's own sampling (row-major N×N).</summary>
    public static Complex[] InitialCorrelations(WignerLoheProblem initial) =>
        initial.Initial.Select(w => initial.Grid.Integral(w)).ToArray();

    /// <summary>z_jk = ∫∫ w_jk for one sample of fields.</summary>
    public static Complex[] Correlations(PhaseSpaceGrid grid, Complex[][] fields) => fields.Select(w => grid.Integral(w)).ToArray();

    /// <summary>Rejects the case file (at "id") unless the problem is W-L; <paramref name="what"/> names the check in the message.</summary>
    public static void RequireWignerLohe(CheckSite f, Problem p, string what)
    {
        if (p is not WignerLoheSpec) throw f.Error("id", $"{what} is a Wigner-Lohe check; this case has model {p.Model}");
    }

    /// <summary>Rejects the case file unless the problem is W-L with wave-function (pure) data; returns the spec.</summary>
    public static WignerLoheSpec RequirePure(CheckSite f, Problem p, string what)
    {
        RequireWignerLohe(f, p, what);
        var spec = (WignerLoheSpec)p;
        if (!spec.IsPure) throw f.Error("id", $"{what} needs wave-function (pure) data; this case gives phase-space states");
        return spec;
    }

    /// <summary>
    /// S-L states on the W-L case's grid at <paramref name="times"/>: "exact" uses the exact factorised reference (exact in
    /// time; needs an exact propagator), "split-step" runs the S-L split-step solver with the given scheme and dt.
    /// Result [sample][oscillator][point].
    /// </summary>
    public static Complex[][][] SchrodingerStates(WignerLoheSpec spec, int[]? points, IReadOnlyList<double> times, string reference,
        string scheme, double dt, double? coupling = null)
    {
        var sl = spec.ToSchrodingerLohe(coupling);
        var discrete = sl.Discretise(points);
        if (reference == "exact")
        {
            var propagator = CheckContext.ExactPropagator(sl, discrete.Grid, out var reason) ?? throw new InvalidOperationException(reason);
            return new ExactFactorisedReference(discrete.Initial, sl.Coupling, discrete.Grid.CellVolume, propagator).States(times);
        }
        using var solver = new SplitStepSolver(discrete, SplittingSchemes.Get(scheme), dt);
        var result = new Complex[times.Count][][];
        for (var s = 0; s < times.Count; s++)
        {
            solver.AdvanceTo(times[s]);
            result[s] = Enumerable.Range(0, discrete.Oscillators).Select(j => solver.State(j).ToArray()).ToArray();
        }
        return result;
    }

    /// <summary>w[ψ_j, ψ_k] for all j, k (row-major).</summary>
    public static Complex[][] WignerFamily(WignerTransform wigner, Complex[][] psi)
    {
        var n = psi.Length;
        var result = new Complex[n * n][];
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
            result[j * n + k] = wigner.Transform(psi[j], psi[k]);
        return result;
    }

    /// <summary>Reads "reference": "exact" | "split-step" (default exact when an exact propagator exists).</summary>
    public static string ReadReference(CheckSite f, string? stated, WignerLoheSpec spec)
    {
        var exactReason = "";
        var exactAvailable = CheckContext.ExactPropagator(spec.ToSchrodingerLohe(), spec.Grid(), out exactReason) is not null;
        var reference = stated ?? (exactAvailable ? "exact" : "split-step");
        if (reference is not ("exact" or "split-step")) throw f.Error("reference", $"must be \"exact\" or \"split-step\", not \"{reference}\"");
        if (reference == "exact" && !exactAvailable) throw f.Error("reference", exactReason);
        return reference;
    }

    /// <summary>
    /// A phase-space heatmap of f(w) with x across and p up (row 0 at the lowest p). d = 2 shows the (x1, p1) slice at
    /// x2 = 0, p2 = 0. Grids larger than <see cref="MaxHeatmapSide"/> are subsampled.
    /// </summary>
    public static HeatmapSpec Heatmap(string title, PhaseSpaceGrid grid, Complex[] w, Func<Complex, double> part)
    {
        var sizes = grid.XGrid.Sizes;
        var m = sizes[0];
        var stride = (m + MaxHeatmapSide - 1) / MaxHeatmapSide;
        var cols = (m + stride - 1) / stride;
        var x = grid.XGrid.Coordinates(0);
        var p = grid.Momenta(0);
        var values = new double[cols * cols];
        for (var r = 0; r < cols; r++)
        for (var c = 0; c < cols; c++)
        {
            int xi = c * stride, pi = r * stride;
            int index;
            if (grid.Dimension == 1) index = xi * m + pi;
            else
            {
                var m2 = sizes[1];
                var x2 = m2 / 2; // x2 = 0
                var p2 = m2 / 2; // p2 = 0
                index = ((xi * m2 + x2) * m + pi) * m2 + p2;
            }
            values[r * cols + c] = part(w[index]);
        }
        var slice = grid.Dimension == 2 ? " (slice x2 = 0, p2 = 0)" : "";
        return new HeatmapSpec(title + slice, cols, cols, values, x[0], x[(cols - 1) * stride], p[0], p[(cols - 1) * stride],
            grid.Dimension == 1 ? "x" : "x1", grid.Dimension == 1 ? "p" : "p1");
    }

    /// <summary>Report name of field (j, k) (0-based): "w1" for a diagonal field, "w12" off the diagonal.</summary>
    public static string Name(int j, int k, int n) => j == k ? $"w{j + 1}" : $"w{j + 1}{k + 1}";
}
