using NUnit.Framework;
using QuantumSync.Models.Kuramoto;
using Shouldly;

namespace QuantumSync.Tests.Kuramoto;

/// <summary>The closed form itself, without any solver: it must satisfy Adler's equation dφ/dt = ΔΩ − K sin φ.</summary>
public class AdlerClosedFormTests
{
    /// <summary>Residual of the ODE by a 4th-order central difference with h = 1e-3: truncation ~ h⁴ |φ⁽⁵⁾| ≲ 1e-12 and
    /// rounding ~ ε|φ|/h ≲ 1e-11 for |φ| ≲ 100; 1e-9 is two orders above both.</summary>
    private const double OdeResidualTolerance = 1e-9;

    /// <summary>Rounding of the closed form's elementary functions, O(10) ulps.</summary>
    private const double FormulaRounding = 1e-14;

    /// <summary>Comparing φ(t + mT) with φ(t) for |φ| up to ~60 rad: rounding of T and of the large phases, ≲ 1e-12.</summary>
    private const double PeriodicityRounding = 1e-11;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(0.5, 1.0, 2.6).SetName("Locked_StartNearUnstablePoint");
        yield return new TestCaseData(-0.3, 1.2, -4.0).SetName("Locked_NegativeDetuning");
        yield return new TestCaseData(0.0, 1.0, 3.0).SetName("Locked_ZeroDetuning");
        yield return new TestCaseData(1.0, 1.0, 0.0).SetName("Critical_DetuningEqualsCoupling");
        yield return new TestCaseData(1.5, 1.0, 2.6).SetName("Slipping_Positive");
        yield return new TestCaseData(-1.3, 0.7, 10.0).SetName("Slipping_Negative");
        yield return new TestCaseData(0.8, 0.0, 1.0).SetName("Uncoupled");
    }

    [TestCaseSource(nameof(Cases))]
    public void PhaseDifference_SatisfiesAdlerEquation(double detuning, double coupling, double phi0)
    {
        var closedForm = new AdlerClosedForm(detuning, coupling, phi0);
        closedForm.PhaseDifference(0).ShouldBe(phi0, FormulaRounding);
        const double h = 1e-3;
        foreach (var t in new[] { 0.01, 0.08, 0.5, 1.7, 6.0, 23.0, 61.0 })
        {
            double F(double s) => closedForm.PhaseDifference(s);
            var derivative = (-F(t + 2 * h) + 8 * F(t + h) - 8 * F(t - h) + F(t - 2 * h)) / (12 * h);
            (derivative - (detuning - coupling * Math.Sin(F(t)))).ShouldBe(0, OdeResidualTolerance, $"t = {t}");
        }
    }

    [Test]
    public void Locked_LongTime_ReachesArcsin()
    {
        var closedForm = new AdlerClosedForm(0.5, 1.0, 2.6);
        closedForm.IsLocked.ShouldBeTrue();
        closedForm.LockedPhase.ShouldBe(Math.PI / 6, FormulaRounding);
        closedForm.LockingRate.ShouldBe(Math.Sqrt(0.75), FormulaRounding);
        closedForm.PhaseDifference(1e4).ShouldBe(Math.PI / 6, FormulaRounding);
        Should.Throw<InvalidOperationException>(() => closedForm.SlipPeriod);
    }

    [Test]
    public void Slipping_AdvancesTwoPiPerPeriod()
    {
        var closedForm = new AdlerClosedForm(-1.3, 0.7, 10.0);
        closedForm.IsLocked.ShouldBeFalse();
        var period = closedForm.SlipPeriod;
        period.ShouldBe(2 * Math.PI / Math.Sqrt(1.3 * 1.3 - 0.7 * 0.7), FormulaRounding);
        foreach (var t in new[] { 0.0, 0.3, 2.2 })
        {
            (closedForm.PhaseDifference(t + period) - closedForm.PhaseDifference(t)).ShouldBe(-2 * Math.PI, PeriodicityRounding);
            (closedForm.PhaseDifference(t + 7 * period) - closedForm.PhaseDifference(t)).ShouldBe(-14 * Math.PI, PeriodicityRounding);
        }
        Should.Throw<InvalidOperationException>(() => closedForm.LockedPhase);
    }

    [Test]
    public void FromProblem_UsesDifferences()
    {
        var closedForm = AdlerClosedForm.FromProblem(new KuramotoProblem([0.2, 1.7], 1.0, [0.5, 3.0]));
        closedForm.FrequencyDifference.ShouldBe(1.5, FormulaRounding);
        closedForm.InitialPhaseDifference.ShouldBe(2.5, FormulaRounding);
        Should.Throw<ArgumentException>(() => AdlerClosedForm.FromProblem(new KuramotoProblem([0, 1, 2], 1, [0, 0, 0])));
    }

    [Test]
    public void Constructor_BadInput_Throws()
    {
        Should.Throw<ArgumentException>(() => new AdlerClosedForm(double.NaN, 1, 0));
        Should.Throw<ArgumentException>(() => new AdlerClosedForm(0.5, -1, 0));
        Should.Throw<ArgumentException>(() => new AdlerClosedForm(0.5, 1, double.PositiveInfinity));
        Should.Throw<ArgumentOutOfRangeException>(() => new AdlerClosedForm(0.5, 1, 0).PhaseDifference(-1));
    }
}
