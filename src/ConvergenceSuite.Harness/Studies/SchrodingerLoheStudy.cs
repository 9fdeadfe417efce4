using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Checks;
using QuantumSync.Models.Reductions;
using QuantumSync.Numerics;

namespace ConvergenceSuite.Harness.Studies;

/// <summary>The S-L states ψ_j(T) of one run, with the grid they live on.</summary>
public sealed record SchrodingerLoheField(PeriodicGrid Grid, IReadOnlyList<Complex[]> States);

/// <summary>
/// The Schrödinger-Lohe plug-ins of the studies: runners (the solver under test re-run at a time step or grid),
/// the exact factorised reference, and the quantities compared.
/// </summary>
public static class SchrodingerLoheStudy
{
    /// <summary>Label of the time-study error.</summary>
    public const string TimeErrorLabel = "max_j relative L² error of ψ_j(T)";

    /// <summary>Label of the grid-study error.</summary>
    public const string GridErrorLabel = "max_j relative L² error of ψ_j(T) (Fourier-space comparison)";

    /// <summary>Label of the scalar used for the GCI.</summary>
    public const string ValueLabel = "‖ψ̄(T)‖², ψ̄ = (1/N) Σ_j ψ_j";

    /// <summary>Runs the solver under test at a time step (scheme and grid fixed) and returns ψ_j(T).</summary>
    public static StudyRunner<SchrodingerLoheField> TimeRunner(ISolverUnderTest solver, SchrodingerLoheSpec spec, Resolution resolution, string scheme, double finalTime) =>
        dt => Run(solver, spec, resolution with { Scheme = scheme, TimeStep = dt }, finalTime);

    /// <summary>Runs the solver under test with M points on every axis (scheme and dt fixed) and returns ψ_j(T).</summary>
    public static StudyRunner<SchrodingerLoheField> GridRunner(ISolverUnderTest solver, SchrodingerLoheSpec spec, Resolution resolution, string scheme, double dt, double finalTime) =>
        m => Run(solver, spec, resolution with { Scheme = scheme, TimeStep = dt, GridPoints = Enumerable.Repeat((int)m, spec.Dimension).ToArray() }, finalTime);

    private static StudyRun<SchrodingerLoheField> Run(ISolverUnderTest solver, SchrodingerLoheSpec spec, Resolution resolution, double finalTime)
    {
        var run = solver.Run(spec, resolution, storeStates: true, sampleTimes: [finalTime]);
        var grid = run.Grid ?? spec.Grid(resolution.GridPoints);
        var states = run.States ?? throw new InvalidOperationException($"Solver {solver.Name} returned no states; the study needs ψ_j(T).");
        return new StudyRun<SchrodingerLoheField>(new SchrodingerLoheField(grid, states[^1]), run.ElapsedSeconds);
    }

    /// <summary>
    /// The exact factorised reference ψ_j(T) = Σ_m c_jm(T) U(T) ψ_m(0) on the given grid (exact in time for the
    /// semi-discrete problem), or null with a reason when no exact linear propagator exists.
    /// </summary>
    public static Func<SchrodingerLoheField>? ExactReference(SchrodingerLoheSpec spec, int[]? gridPoints, double finalTime, out string reason)
    {
        var grid = spec.Grid(gridPoints);
        var propagator = CheckContext.ExactPropagator(spec, grid, out reason);
        if (propagator is null) return null;
        return () =>
        {
            var discrete = spec.Discretise(gridPoints);
            var states = new ExactFactorisedReference(discrete.Initial, spec.Coupling, discrete.Grid.CellVolume, propagator).States([finalTime])[0];
            return new SchrodingerLoheField(discrete.Grid, states);
        };
    }

    /// <summary>
    /// The reference integrator's ψ_j(T) on the given grid (<see cref="References.ReferenceIntegrator"/>: interaction
    /// picture + DOPRI5, any potentials; not a splitting, so it measures a splitting scheme's true time error).
    /// </summary>
    public static Func<SchrodingerLoheField> IntegratorReference(SchrodingerLoheSpec spec, int[]? gridPoints, double finalTime) => () =>
    {
        var discrete = spec.Discretise(gridPoints);
        using var integrator = new References.ReferenceIntegrator(discrete);
        return new SchrodingerLoheField(discrete.Grid, integrator.States([finalTime])[0]);
    };

    /// <summary>
    /// Time-study quantity: max_j ‖ψ_j − ψ_j^ref‖/‖ψ_j^ref‖ on the common grid, the scalar ‖ψ̄(T)‖² and the linear
    /// combination of states for Richardson.
    /// </summary>
    public static StudyQuantity<SchrodingerLoheField> TimeQuantity { get; } = new()
    {
        Label = TimeErrorLabel,
        Error = (run, reference) =>
        {
            if (!run.Grid.Equals(reference.Grid)) throw new InvalidOperationException($"Time-study runs on different grids: {run.Grid} vs {reference.Grid}.");
            return CheckHelpers.MaxOrNaN(run.States.Select((psi, j) => Integrals.RelativeDistanceL2(psi, reference.States[j], run.Grid.CellVolume)));
        },
        Value = MeanFieldNormSquared,
        ValueLabel = ValueLabel,
        Combine = (x, a, y, b) => new SchrodingerLoheField(x.Grid,
            x.States.Select((psi, j) => psi.Select((v, i) => a * v + b * y.States[j][i]).ToArray()).ToArray()),
    };

    /// <summary>Grid-study quantity: max_j relative L² distance by <see cref="SpectralComparison.RelativeDistance"/>, and ‖ψ̄(T)‖².</summary>
    public static StudyQuantity<SchrodingerLoheField> GridQuantity { get; } = new()
    {
        Label = GridErrorLabel,
        Error = (run, reference) => CheckHelpers.MaxOrNaN(run.States.Select((psi, j) =>
            SpectralComparison.RelativeDistance(run.Grid, psi, reference.Grid, reference.States[j]))),
        Value = MeanFieldNormSquared,
        ValueLabel = ValueLabel,
    };

    /// <summary>‖ψ̄‖² with ψ̄ = (1/N) Σ_j ψ_j, i.e. (1/N²) Σ_jk Re z_jk: a scalar measure of synchrony (1 when all ψ_j agree and are normalised).</summary>
    public static double MeanFieldNormSquared(SchrodingerLoheField field)
    {
        var n = field.States.Count;
        var mean = new Complex[field.Grid.Count];
        foreach (var psi in field.States)
            for (var i = 0; i < mean.Length; i++) mean[i] += psi[i] / n;
        return Integrals.NormSquared(mean, field.Grid.CellVolume);
    }
}
