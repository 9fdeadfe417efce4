namespace QuantumSync.Solvers.Kuramoto;

/// <summary>A registered time-stepping scheme for eq. (7): name, classical order, and whether it adapts its step.</summary>
/// <param name="Name">Registry key, e.g. "rk4".</param>
/// <param name="Order">Order p of the global error O(dt^p) (for embedded pairs: the order of the propagated solution).</param>
/// <param name="IsAdaptive">True: uses <see cref="KuramotoSolverOptions.AbsoluteTolerance"/>/<see cref="KuramotoSolverOptions.RelativeTolerance"/>;
/// false: uses <see cref="KuramotoSolverOptions.TimeStep"/>.</param>
/// <param name="Description">One line for reports.</param>
public sealed record KuramotoScheme(string Name, int Order, bool IsAdaptive, string Description);

/// <summary>
/// The scheme registry. Every scheme the solver implements is listed in <see cref="All"/>, so tests that loop over the
/// registry reach every scheme.
/// </summary>
public static class KuramotoSchemes
{
    /// <summary>Classical fourth-order Runge–Kutta with a fixed step (landing exactly on every sample time).</summary>
    public static readonly KuramotoScheme Rk4 = new("rk4", 4, false, "classical Runge–Kutta 4, fixed step");

    /// <summary>Dormand–Prince 5(4), FSAL, local extrapolation, error-per-step control, 4th-order dense output.</summary>
    public static readonly KuramotoScheme DormandPrince54 = new("dopri5", 5, true, "Dormand–Prince 5(4), adaptive, dense output");

    /// <summary>All registered schemes.</summary>
    public static IReadOnlyList<KuramotoScheme> All { get; } = [Rk4, DormandPrince54];

    /// <summary>The scheme with this name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static KuramotoScheme Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown Kuramoto scheme '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));
    }
}
