using ConvergenceSuite.Abstractions;

namespace ConvergenceSuite.Harness.Cases;

/// <summary>
/// Reads the model-specific part of a case file for one value of "model". Readers are found by reflection in the
/// harness assembly, so a new model is a new file.
/// </summary>
public interface IModelReader
{
    /// <summary>The "model" value, e.g. "schrodinger-lohe".</summary>
    string Model { get; }

    /// <summary>Reads the problem and its default resolution; throws <see cref="CaseFileException"/> on bad input.</summary>
    (Problem Problem, Resolution Resolution) Read(JsonFields root);
}

/// <summary>"model": "schrodinger-lohe".</summary>
public sealed class SchrodingerLoheReader : IModelReader
{
    /// <inheritdoc />
    public string Model => "schrodinger-lohe";

    /// <inheritdoc />
    public (Problem Problem, Resolution Resolution) Read(JsonFields root) => CaseLoader.ReadSchrodingerLohe(root);
}

/// <summary>Which verification tier runs a case: quick runs in CI, full adds the expensive ones.</summary>
public enum Tier
{
    /// <summary>"tier": "quick" (the default): run by every verification, CI included.</summary>
    Quick,
    /// <summary>"tier": "full": run only when the full tier is asked for, which runs the quick cases as well.</summary>
    Full,
}
