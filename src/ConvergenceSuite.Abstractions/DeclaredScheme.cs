namespace ConvergenceSuite.Abstractions;

/// <summary>A time-stepping scheme a solver implements, under the name cases use for it, with the order p of its
/// global error O(dt^p) that the solver's author expects.</summary>
/// <param name="Name">The name a case's "scheme" field gives (matched case-insensitively), e.g. "crank-nicolson".</param>
/// <param name="Order">Expected temporal order p (&gt; 0). Time studies and order checks whose case gives no window
/// judge the observed order against p ± 0.2 (the harness's <c>SchemeDeclarations.OrderTolerance</c>).</param>
public sealed record DeclaredScheme(string Name, double Order);

/// <summary>
/// Optional for an <see cref="ISolverUnderTest"/>: the schemes the solver implements and their expected orders. A solver
/// that declares is held to its declaration: a case (or a study of the case) asking for a scheme it did not declare fails
/// before anything runs, naming the declared ones; a study without a window uses the declared order. A solver that does
/// not declare is run as before (the case's scheme is passed on and the solver may refuse it).
/// </summary>
public interface IDeclaresSchemes
{
    /// <summary>The schemes this solver implements, each with the order its author expects.</summary>
    IReadOnlyList<DeclaredScheme> Schemes { get; }
}
