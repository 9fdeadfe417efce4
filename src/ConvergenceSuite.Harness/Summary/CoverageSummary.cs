namespace ConvergenceSuite.Harness.Summary;

/// <summary>Line and branch coverage of one assembly (fractions in [0, 1]).</summary>
public sealed record AssemblyCoverage(string Name, double LineRate, double BranchRate);

/// <summary>
/// Code coverage recorded with a run (<c>run-verification.sh --coverage</c>, CI): line and branch coverage of the code
/// under <see cref="Scope"/> (src/), measured by coverlet while the test suite ran and merged by ReportGenerator, with the
/// per-assembly numbers and the path of the HTML report relative to the report folder. Rates are fractions in [0, 1].
/// </summary>
public sealed record CoverageSummary(
    double LineRate,
    double BranchRate,
    long LinesCovered,
    long LinesValid,
    long BranchesCovered,
    long BranchesValid,
    string Scope,
    string Report,
    IReadOnlyList<AssemblyCoverage> Assemblies);
