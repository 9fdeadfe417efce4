using System.Globalization;
using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Numerics;
using static ConvergenceSuite.Harness.Checks.CheckHelpers;

namespace ConvergenceSuite.Harness.References;

/// <summary>
/// "reference-solution": the solver under test against the independent <see cref="ReferenceIntegrator"/> (interaction
/// picture + DOPRI5, not a splitting) on the same grid at every sample time: max_{t,j} ‖ψ_j − ψ_j^ref‖/‖ψ_j^ref‖ (when
/// the solver returns states) and max_{t,j,k} |z_jk − z_jk^ref| (z^ref from the reference states), both ≤ tolerance.
/// Works for any potentials, identical or distinct. The tolerance is the case's: it must hold the solver's time error
/// at the case's dt (the reference is exact in time to ≈ 1e-12), so the case states it with its reason.
/// </summary>
public sealed class ReferenceSolutionCheck(double tolerance, double integratorTolerance) : ICheck
{
    /// <summary>The check's id in case files.</summary>
    public const string CheckId = "reference-solution";

    /// <inheritdoc />
    public string Id => CheckId;
    /// <inheritdoc />
    public string Statement => "States and z equal those of an independent non-splitting reference integrator (interaction picture + DOPRI5) on the same grid.";
    /// <summary>Largest allowed relative state error and |z − z_ref| against the reference integrator.</summary>
    public double Tolerance { get; } = tolerance;
    /// <summary>Error tolerance the reference integrator (DOPRI5) is run at.</summary>
    public double IntegratorTolerance { get; } = integratorTolerance;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var tr = context.Trajectory;
        var discrete = context.Discrete;
        using var integrator = new ReferenceIntegrator(discrete, IntegratorTolerance);
        var reference = integrator.States(tr.Times);
        var n = tr.Oscillators;
        var dv = discrete.Grid.CellVolume;
        var stateError = new double[tr.Times.Count];
        var zError = new double[tr.Times.Count];
        for (var s = 0; s < tr.Times.Count; s++)
        {
            var zRef = ReferenceIntegrator.Correlations(reference[s], dv);
            zError[s] = MaxOrNaN(Enumerable.Range(0, n * n).Select(i => Complex.Abs(tr.Correlations[s][i] - zRef[i])));
            if (tr.States is not null)
                stateError[s] = MaxOrNaN(Enumerable.Range(0, n).Select(j => Integrals.DistanceL2(tr.States[s][j], reference[s][j], dv) / Integrals.Norm(reference[s][j], dv)));
        }
        var maxZ = MaxOrNaN(zError);
        var maxState = tr.States is null ? double.NaN : MaxOrNaN(stateError);
        var pass = AtMost(maxZ, Tolerance) == Verdict.Pass && (tr.States is null || AtMost(maxState, Tolerance) == Verdict.Pass);
        var steps = integrator.Steps;
        var stateText = tr.States is null ? "no states returned (z only)" : $"max relative L² state error {maxState.ToString("E2", CultureInfo.InvariantCulture)}";
        var curves = new List<Series> { Curve("max |z − z_ref|", tr.Times, zError) };
        if (tr.States is not null) curves.Add(Curve("max ‖ψ − ψ_ref‖/‖ψ_ref‖", tr.Times, stateError));
        curves.Add(Curve("tolerance", tr.Times, tr.Times.Select(_ => Tolerance), reference: true));
        var evidence = Evidence(("max_abs_z_error", maxZ), ("tolerance", Tolerance), ("integrator_tolerance", IntegratorTolerance),
            ("integrator_accepted_steps", steps.Accepted), ("integrator_rejected_steps", steps.Rejected));
        if (tr.States is not null) evidence["max_relative_state_error"] = maxState;
        return new CheckResult(Id, pass ? Verdict.Pass : Verdict.Fail,
            $"against the reference integrator (interaction picture + DOPRI5 at {IntegratorTolerance:E0}, {steps.Accepted} steps): {stateText}, max |z − z_ref| = {maxZ:E2} (tolerance {Tolerance:E1})",
            evidence, [new PlotSpec("Solver vs reference integrator", "t", "error", curves, LogY: true)]);
    }
}

/// <summary>The reference-integrator checks (found by reflection like every module).</summary>
public sealed class ReferenceIntegratorCheckModule : ICheckModule
{
    /// <inheritdoc />
    public IEnumerable<CheckDefinition> Checks =>
    [
        CheckDefinition.Of<ReferenceSolutionParameters>(ReferenceSolutionCheck.CheckId, (p, f, problem) =>
        {
            if (problem is not SchrodingerLoheSpec) throw f.Error("id", "the reference integrator is for Schrödinger-Lohe cases");
            return new ReferenceSolutionCheck(p.Tolerance, p.IntegratorTolerance);
        }),
    ];
}

/// <summary>Parameters of "reference-solution".</summary>
/// <param name="Tolerance">Largest allowed distance of states and z from the reference integrator.</param>
/// <param name="IntegratorTolerance">Tolerance the reference integrator meets.</param>
[System.ComponentModel.Description("States and z against the independent reference integrator (interaction picture + DOPRI5, not a splitting) at every sample.")]
public sealed record ReferenceSolutionParameters(
    [property: System.ComponentModel.Description("Largest allowed relative state error and |z − z_ref| against the reference integrator (no default: it depends on the scheme and dt of the case).")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double Tolerance,
    [property: System.ComponentModel.Description("Error tolerance of the reference integrator (DOPRI5). Default 1e-13: against the exact references the states then agree to 1.7e-11 or better, inside the 1e-10 the integrator must meet and below the splitting errors it measures.")]
    [property: Parameter(ExclusiveMinimum = 0)]
    double IntegratorTolerance = ReferenceIntegrator.DefaultTolerance);
