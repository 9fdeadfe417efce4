namespace QuantumSync.Models.Hydrodynamics;

/// <summary>
/// The residual of one balance law at one time: R = ∂t q + (flux and force terms) − coupling, with ∂t q from a centred
/// finite-difference stencil over snapshots δ apart and every space derivative spectral.
/// <see cref="Relative"/> = ‖R‖ / Σ_terms ‖term‖ (discrete L² over the points used), so a law that holds gives the
/// truncation error of the stencil and of the solver, and a law that is false gives an O(1) fraction of its terms.
/// </summary>
/// <param name="Relative">‖R‖ / Σ ‖term‖.</param>
/// <param name="Absolute">‖R‖ (L² over the points used, with the grid's cell volume).</param>
/// <param name="Scale">Σ ‖term‖.</param>
/// <param name="PointsUsed">Grid points in the norm (all for the non-singular form, ρ ≥ floor·max ρ for Madelung).</param>
/// <param name="Residual">R pointwise (0 outside the points used).</param>
public sealed record BalanceResidual(double Relative, double Absolute, double Scale, int PointsUsed, double[] Residual);

/// <summary>Evaluates <see cref="BalanceResidual"/>s of (19) on an S-L solution.</summary>
public static class BalanceResidualEvaluator
{
    /// <summary>
    /// The residual of <paramref name="form"/> at the centre of <paramref name="stencil"/> (snapshots at t + mδ,
    /// m = −q…q, q = order/2), with ∂xV = <paramref name="potentialGradient"/> on the grid. For the Madelung form only
    /// points with ρ ≥ <paramref name="densityFloorFraction"/>·max ρ enter; the non-singular form uses every point.
    /// </summary>
    public static BalanceResidual Evaluate(
        BalanceLawForm form,
        IReadOnlyList<HydrodynamicSnapshot> stencil,
        double delta,
        int order,
        double coupling,
        double[] potentialGradient,
        MomentumForm momentumForm = MomentumForm.NonSingular,
        double densityFloorFraction = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(stencil);
        var q = CentralDifference.HalfWidth(order);
        if (stencil.Count != 2 * q + 1) throw new ArgumentException($"Order {order} needs {2 * q + 1} snapshots.");
        var centre = stencil[q];
        var c = form.Component;
        var m = centre.Grid.Count;
        var rho = centre.Density(c);
        var terms = new List<double[]>();
        if (!form.IsMomentum)
        {
            terms.Add(CentralDifference.Apply(stencil.Select(s => s.Density(c)).ToArray(), delta, order));
            terms.Add(centre.CurrentDivergence(c));
        }
        else
        {
            terms.Add(CentralDifference.Apply(stencil.Select(s => s.Current(c)).ToArray(), delta, order));
            if (momentumForm == MomentumForm.NonSingular)
            {
                terms.Add(centre.KineticFluxDivergence(c));
                terms.Add(Negate(centre.QuantumTermNonSingular(c)));
            }
            else
            {
                terms.Add(centre.ConvectionMadelung(c));
                terms.Add(Negate(centre.QuantumTermMadelung(c)));
            }
            var force = new double[m];
            for (var i = 0; i < m; i++) force[i] = rho[i] * potentialGradient[i];
            terms.Add(force);
        }
        terms.Add(Negate(form.Coupling(centre, coupling)));

        var mask = new bool[m];
        var maxRho = rho.Max();
        var used = 0;
        for (var i = 0; i < m; i++)
        {
            mask[i] = !form.IsMomentum || momentumForm == MomentumForm.NonSingular || rho[i] >= densityFloorFraction * maxRho;
            if (mask[i]) used++;
        }
        var residual = new double[m];
        for (var i = 0; i < m; i++)
        {
            if (!mask[i]) continue;
            foreach (var t in terms) residual[i] += t[i];
        }
        var dx = centre.Grid.CellVolume;
        double Norm(double[] v)
        {
            double s = 0;
            for (var i = 0; i < m; i++) if (mask[i]) s += v[i] * v[i];
            return Math.Sqrt(s * dx);
        }
        var scale = terms.Sum(Norm);
        var absolute = Norm(residual);
        return new BalanceResidual(absolute / scale, absolute, scale, used, residual);
    }

    private static double[] Negate(double[] v) => v.Select(x => -x).ToArray();
}
