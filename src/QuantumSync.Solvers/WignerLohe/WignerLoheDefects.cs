namespace QuantumSync.Solvers.WignerLohe;

/// <summary>
/// Deliberate single defects of the transport and Θ[V] steps of <see cref="WignerLoheSolver"/>, for the seeded-bug
/// gallery only (internal). Every default is the correct solver.
/// </summary>
internal sealed record WignerLoheDefects
{
    public static WignerLoheDefects None { get; } = new();

    /// <summary>Sign of the transport phase: +1 solves ∂t w + p·∇x w = 0; −1 transports the wrong way (x + p t).</summary>
    public double TransportSign { get; init; } = 1;

    /// <summary>Θ[V] evaluates V at x ± y·(this): ½ is Definition 1.1; 1 evaluates V(x ± y) (the displacement not halved).</summary>
    public double HalfDisplacement { get; init; } = 0.5;
}
