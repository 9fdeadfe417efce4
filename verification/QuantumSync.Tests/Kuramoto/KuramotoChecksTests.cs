using NUnit.Framework;
using QuantumSync.Models.Kuramoto;
using Shouldly;

namespace QuantumSync.Tests.Kuramoto;

/// <summary>Each checker on synthetic data: right data passes, wrong data fails.</summary>
public class KuramotoChecksTests
{
    /// <summary>Tolerance handed to the checkers in these tests (the Adler target).</summary>
    private const double CheckTolerance = 1e-8;

    /// <summary>Cubic inverse interpolation of an exactly linear φ(t) is exact up to rounding of t ≈ 60.</summary>
    private const double InterpolationRounding = 1e-12;

    private static readonly AdlerClosedForm LockedPair = new(0.5, 1.0, 0.0);
    private static readonly AdlerClosedForm SlippingPair = new(1.5, 1.0, 0.0);

    [Test]
    public void LockedPhase_ExactValueOnAnotherBranch_Passes()
    {
        var outcome = KuramotoChecks.LockedPhase(Math.PI / 6 + 4 * Math.PI, LockedPair, CheckTolerance);
        outcome.Passed.ShouldBeTrue(outcome.Message);
    }

    [Test]
    public void LockedPhase_WrongValue_Fails()
    {
        KuramotoChecks.LockedPhase(Math.PI / 6 * (1 + 1e-6), LockedPair, CheckTolerance).Passed.ShouldBeFalse();
        KuramotoChecks.LockedPhase(Math.PI - Math.PI / 6, LockedPair, CheckTolerance).Passed.ShouldBeFalse(); // the unstable point
        KuramotoChecks.LockedPhase(double.NaN, LockedPair, CheckTolerance).Passed.ShouldBeFalse();
    }

    [Test]
    public void SlipCrossingTimes_LinearPhase_AreExactMultiplesOfPeriod()
    {
        // φ(t) = 0.3 + 2π t / 4 on a grid that does not contain the crossings.
        var times = Enumerable.Range(0, 601).Select(i => i * 0.1037).ToArray();
        var phi = times.Select(t => 0.3 + 2 * Math.PI * t / 4).ToArray();
        var crossings = KuramotoChecks.SlipCrossingTimes(times, phi);
        crossings.Length.ShouldBe((int)(times[^1] / 4));
        for (var k = 0; k < crossings.Length; k++) crossings[k].ShouldBe(4.0 * (k + 1), InterpolationRounding);
    }

    [Test]
    public void SlipPeriod_SyntheticExactSlipping_PassesAndShiftedFails()
    {
        var times = Enumerable.Range(0, 6001).Select(i => i * 0.01).ToArray();
        var exact = SlippingPair.PhaseDifferences(times);
        KuramotoChecks.SlipPeriod(times, exact, SlippingPair, CheckTolerance).Passed.ShouldBeTrue();
        // Time axis stretched by 1e-6: the period is off by 1e-6 relative.
        var stretched = times.Select(t => SlippingPair.PhaseDifference(t * (1 + 1e-6))).ToArray();
        KuramotoChecks.SlipPeriod(times, stretched, SlippingPair, CheckTolerance).Passed.ShouldBeFalse();
    }

    [Test]
    public void SlipPeriod_TooFewSlips_FailsWithNaN()
    {
        double[] times = [0, 1, 2, 3];
        double[] phi = [0, 1, 2, 3];
        var outcome = KuramotoChecks.SlipPeriod(times, phi, SlippingPair, CheckTolerance);
        outcome.Passed.ShouldBeFalse();
        double.IsNaN(outcome.Measured).ShouldBeTrue();
    }

    [Test]
    public void TrajectoryMatch_PerturbedSample_Fails()
    {
        double[] expected = [1, 2, 3, 4];
        KuramotoChecks.TrajectoryMatch("x", expected, expected, CheckTolerance).Passed.ShouldBeTrue();
        KuramotoChecks.TrajectoryMatch("x", [1, 2, 3 + 1e-6, 4], expected, CheckTolerance).Passed.ShouldBeFalse();
        KuramotoChecks.TrajectoryMatch("x", [1, double.NaN, 3, 4], expected, CheckTolerance).Passed.ShouldBeFalse();
        Should.Throw<ArgumentException>(() => KuramotoChecks.TrajectoryMatch("x", [1, 2], expected, CheckTolerance));
    }

    [Test]
    public void TimeAverage_LinearFunction_IsMidpointValue()
    {
        var times = Enumerable.Range(0, 101).Select(i => i * 0.5).ToArray();
        var values = times.Select(t => 2 * t + 1).ToArray();
        KuramotoChecks.TimeAverage(times, values, 10, 50).ShouldBe(61, InterpolationRounding);
        Should.Throw<ArgumentException>(() => KuramotoChecks.TimeAverage(times, values, 60, 70));
    }

    [Test]
    public void OrderParameterInBand_InsideAndOutside()
    {
        // N = 2500: band c/√N = 2/50 = 0.04.
        KuramotoChecks.OrderParameterInBand(0.73, 0.70, 2500, 2).Passed.ShouldBeTrue();
        KuramotoChecks.OrderParameterInBand(0.75, 0.70, 2500, 2).Passed.ShouldBeFalse();
        KuramotoChecks.OrderParameterInBand(double.NaN, 0.70, 2500, 2).Passed.ShouldBeFalse();
    }

    [Test]
    public void CriticalCoupling_IdealCurve_RecoversKc_AndWrongCurveFails()
    {
        // r̄(K) = r∞(K) for K_c = 2 plus an incoherent floor; grid spacing 0.1.
        var couplings = Enumerable.Range(0, 21).Select(i => 1.0 + 0.1 * i).ToArray();
        double Curve(double k, double kc) => Math.Max(LorentzianKuramoto.StationaryOrderParameter(k, kc / 2), 0.03);
        var ideal = couplings.Select(k => Curve(k, 2)).ToArray();
        const double GridBand = 0.05; // one grid spacing (0.1) relative to K_c = 2
        var good = KuramotoChecks.CriticalCoupling(couplings, ideal, 0.4, 2, GridBand);
        good.Passed.ShouldBeTrue(good.Message);
        var halfCoupling = couplings.Select(k => Curve(k / 2, 2)).ToArray(); // a solver that uses K/2
        KuramotoChecks.CriticalCoupling(couplings, halfCoupling, 0.4, 2, GridBand).Passed.ShouldBeFalse();
        var neverSynchronises = couplings.Select(_ => 0.03).ToArray();
        KuramotoChecks.CriticalCoupling(couplings, neverSynchronises, 0.4, 2, GridBand).Passed.ShouldBeFalse();
    }

    [Test]
    public void ObservedOrder_SyntheticPowerLaws()
    {
        double[] steps = [0.1, 0.05, 0.025];
        const double OrderTolerance = 0.1;
        KuramotoChecks.ObservedOrder(steps, steps.Select(h => 3 * Math.Pow(h, 4)).ToArray()).ShouldBe(4, InterpolationRounding);
        KuramotoChecks.ObservedOrder(steps, steps.Select(h => 3 * Math.Pow(h, 4)).ToArray(), 4, OrderTolerance).Passed.ShouldBeTrue();
        KuramotoChecks.ObservedOrder(steps, steps.Select(h => 3 * Math.Pow(h, 2)).ToArray(), 4, OrderTolerance).Passed.ShouldBeFalse();
        KuramotoChecks.ObservedOrder(steps, [1e-3, 0, 1e-5], 4, OrderTolerance).Passed.ShouldBeFalse();
    }
}
