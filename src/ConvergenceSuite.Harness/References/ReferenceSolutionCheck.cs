using System.Globalization;
using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
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
    public const string CheckId = "reference-solution";

    public string Id => CheckId;
    public string Statement => "States and z equal those of an independent non-splitting reference integrator (interaction picture + DOPRI5) on the same grid.";
    public double Tolerance { get; } = tolerance;
    public double IntegratorTolerance { get; } = integratorTolerance;

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
    public IEnumerable<KeyValuePair<string, CheckFactory>> Factories => new Dictionary<string, CheckFactory>(StringComparer.Ordinal)
    {
        [ReferenceSolutionCheck.CheckId] = (f, p) =>
        {
            if (p is not SchrodingerLoheSpec) throw f.Error("id", "the reference integrator is for Schrödinger-Lohe cases");
            var integratorTolerance = f.NumberOr("integratorTolerance", ReferenceIntegrator.DefaultTolerance);
            if (!(integratorTolerance > 0)) throw f.Error("integratorTolerance", "must be positive");
            return new ReferenceSolutionCheck(f.Number("tolerance"), integratorTolerance);
        },
    };
}
