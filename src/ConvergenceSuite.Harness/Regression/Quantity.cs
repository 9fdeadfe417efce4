namespace ConvergenceSuite.Harness.Regression;

/// <summary>What a stored quantity is; each kind has its own named tolerance (<see cref="RegressionTolerances"/>).</summary>
public enum QuantityKind
{
    /// <summary>The sample times t_s the solver reported.</summary>
    SampleTimes,
    /// <summary>z_jk(t_s) = ⟨ψ_j, ψ_k⟩ as the solver computed it.</summary>
    Correlations,
    /// <summary>‖ψ_j(t_s)‖ computed by the harness from the returned states.</summary>
    Norms,
    /// <summary>Selected samples of a field (e.g. ψ_j(T) on a line of the grid).</summary>
    Field,
    /// <summary>Unwrapped Kuramoto phases θ_j(t_s).</summary>
    Phases,
    /// <summary>Kuramoto order parameter r e^{iϑ}(t_s) = (1/N) Σ_j e^{iθ_j}.</summary>
    OrderParameter,
    /// <summary>Errors of a convergence study, one per refinement level.</summary>
    StudyError,
    /// <summary>The fitted order or spectral rate of a convergence study.</summary>
    StudyRate,
}

/// <summary>
/// One named array of a regression reference: logical <paramref name="Shape"/> (row-major, last axis fastest) and its
/// values; a complex array stores (re, im) pairs, so <c>Values.Length = 2·∏Shape</c>.
/// </summary>
/// <param name="Name">Stable name, e.g. "z", "norms", "study:time-study:error".</param>
/// <param name="Kind">Selects the tolerance.</param>
/// <param name="Description">What the numbers are, in words (stored in the reference file for readers in other languages).</param>
/// <param name="Shape">Logical shape.</param>
/// <param name="IsComplex">True when entries are complex (stored as pairs).</param>
/// <param name="Values">Row-major values.</param>
/// <param name="Times">When the first axis runs over samples: their times (for locating deviations); otherwise null.</param>
public sealed record Quantity(string Name, QuantityKind Kind, string Description, int[] Shape, bool IsComplex, double[] Values,
    IReadOnlyList<double>? Times = null)
{
    /// <summary>Number of logical entries ∏Shape.</summary>
    public int Count => Shape.Aggregate(1, (p, s) => p * s);

    /// <summary>Throws when the values do not fit the shape.</summary>
    public Quantity Validated()
    {
        if (Values.Length != Count * (IsComplex ? 2 : 1))
            throw new ArgumentException($"Quantity '{Name}': {Values.Length} values for shape [{string.Join(",", Shape)}]{(IsComplex ? " complex" : "")}.");
        return this;
    }

    /// <summary>"[s,j,k]" for logical entry <paramref name="index"/>.</summary>
    public string EntryLabel(int index)
    {
        var parts = new int[Shape.Length];
        for (var a = Shape.Length - 1; a >= 0; a--)
        {
            parts[a] = Shape[a] == 0 ? 0 : index % Shape[a];
            index = Shape[a] == 0 ? 0 : index / Shape[a];
        }
        return "[" + string.Join(",", parts) + "]";
    }

    /// <summary>The sample time of logical entry <paramref name="index"/>, when the first axis runs over samples.</summary>
    public double? TimeOf(int index)
    {
        if (Times is null || Shape.Length == 0 || Shape[0] != Times.Count || Shape[0] == 0) return null;
        var perSample = Count / Shape[0];
        return perSample == 0 ? null : Times[index / perSample];
    }
}
