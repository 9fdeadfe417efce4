using ConvergenceSuite.Convergence;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Convergence;

[TestFixture]
public class SpectralConvergenceTests
{
    /// <summary>The exact part is fitted exactly; only round-off in ln e (≈1e-16 relative) remains.</summary>
    private const double ExactFitTolerance = 1e-10;

    /// <summary>
    /// For e = M⁻², M = 4 … 40, the fitted exponential rate (≈0.115) is about 2.2 times the fine-end local rate
    /// (2 ln(40/36)/4 ≈ 0.053); a true exponential gives 1. Anything above 1.5 shows the rate is not constant.
    /// </summary>
    private const double MinimumGlobalOverFineRate = 1.5;

    private const double Alpha = 0.7;
    private const double Prefactor = 3.0;
    private const double Floor = 1e-14;

    private static (double[] M, double[] E) Ladder()
    {
        // M = 4, 8, …, 64: C e^{-αM} reaches the floor (1e-14) near M ≈ 47.
        double[] m = Enumerable.Range(1, 16).Select(k => 4.0 * k).ToArray();
        double[] e = m.Select((x, k) => Prefactor * Math.Exp(-Alpha * x) + Floor * (1 + 0.5 * Math.Sin(7.0 * k))).ToArray();
        return (m, e);
    }

    [Test]
    public void Fit_ExponentialWithFloorEstimate_RecoversAlphaAndExcludesTheFloor()
    {
        var (m, e) = Ladder();

        SpectralFit fit = SpectralConvergence.Fit(m, e, new SpectralFitOptions { RoundOffFloor = Floor });

        // Kept points have C e^{-αM} ≥ 10 × floor, so the floor adds at most 10 % to them: α is then
        // recovered to a few parts in 1e3, not exactly; compare with the floor's worst-case pull.
        fit.Alpha.ShouldBe(Alpha, FloorPull(m, fit));
        fit.Last.ShouldBeLessThan(m.Length - 1);
        fit.Excluded.ShouldAllBe(x => x.Reason.Contains("floor"));
        fit.AlphaStandardError!.Value.ShouldBeLessThan(FloorPull(m, fit));
    }

    [Test]
    public void Fit_ExponentialWithoutFloorEstimate_CutsTheFlattenedEnd()
    {
        var (m, e) = Ladder();

        SpectralFit fit = SpectralConvergence.Fit(m, e);
        foreach (ExcludedPoint x in fit.Excluded)
            TestContext.Out.WriteLine($"#{x.Index}: {x.Reason}");

        fit.Last.ShouldBeLessThan(m.Length - 1);
        // Without an estimate the last kept step may carry a floor as large as its truncation error
        // (the rate has not yet halved): at most a factor 2 on one end point, ln 2 / ΔM on the slope.
        fit.Alpha.ShouldBe(Alpha, Math.Log(2.0) / (m[fit.Last] - m[fit.First]));
    }

    [Test]
    public void Fit_PureExponential_IsExact()
    {
        double[] m = [8, 16, 24, 32];
        double[] e = m.Select(x => Prefactor * Math.Exp(-Alpha * x)).ToArray();

        SpectralFit fit = SpectralConvergence.Fit(m, e);

        fit.Alpha.ShouldBe(Alpha, ExactFitTolerance);
        // ln C is recovered to ~1e-16 · |ln e| ≈ 1e-14 absolute; C to that relative accuracy.
        fit.Prefactor.ShouldBe(Prefactor, ExactFitTolerance * Prefactor);
        fit.Excluded.ShouldBeEmpty();
    }

    [Test]
    public void Fit_AlgebraicDecayIsNotSpectral_RateKeepsFalling()
    {
        // Wrong data for a spectral claim: e = M^-2. The local rate 2 ln(M_{i+1}/M_i)/ΔM decays like 1/M,
        // so the global α is far from the local rate at the fine end: the fit's residual is not small.
        double[] m = Enumerable.Range(1, 10).Select(k => 4.0 * k).ToArray();
        double[] e = m.Select(x => Math.Pow(x, -2)).ToArray();

        SpectralFit fit = SpectralConvergence.Fit(m, e);
        double fineRate = Math.Log(e[^2] / e[^1]) / (m[^1] - m[^2]);

        (fit.Alpha / fineRate).ShouldBeGreaterThan(MinimumGlobalOverFineRate);
    }

    /// <summary>Worst-case change of α from floor contributions of at most 1/10 of the kept errors: ln(1.1)/ΔM over the range.</summary>
    private static double FloorPull(double[] m, SpectralFit fit) => Math.Log(1.1) / (m[fit.Last] - m[fit.First]);
}

[TestFixture]
public class RichardsonTests
{
    /// <summary>Exact data are reproduced to round-off amplified by 1/(rᵖ − 1) and the linear solve: 1e-11.</summary>
    private const double ExactTolerance = 1e-11;

    /// <summary>Extrapolation errors reach ~1e-6, so round-off of ~1e-16 in the limit perturbs their order by &lt; 1e-9; 1e-6 is generous.</summary>
    private const double ExtrapolatedOrderTolerance = 1e-6;

    private const double Limit = 1.2345;

    [Test]
    public void Extrapolate_SecondOrderData_RecoversTheLimitExactly()
    {
        static double F(double h) => Limit + 0.8 * h * h;
        Richardson.Extrapolate(F(0.1), F(0.3), 3.0, 2.0).ShouldBe(Limit, ExactTolerance);
    }

    [Test]
    public void ExtrapolateToLimit_TwoTermsNonConstantRatios_RecoversTheLimit()
    {
        static double F(double h) => Limit + 0.8 * h * h - 2.5 * Math.Pow(h, 4);
        double[] h = [0.4, 0.23, 0.1];

        Richardson.ExtrapolateToLimit(h, h.Select(F).ToArray(), [2.0, 4.0]).ShouldBe(Limit, ExactTolerance);
    }

    [Test]
    public void ExtrapolateSequence_KnownOrderTwo_LeavesFourthOrderError()
    {
        static double F(double h) => Limit + 0.8 * h * h - 2.5 * Math.Pow(h, 4);
        double[] h = Enumerable.Range(1, 6).Select(k => Math.Pow(2.0, -k)).ToArray();

        double[] ext = Richardson.ExtrapolateSequence(h, h.Select(F).ToArray(), 2.0);
        double[] err = ext.Select(x => Math.Abs(x - Limit)).ToArray();
        double[] fineH = h.Skip(1).ToArray();

        // Error of the two-level extrapolant from h and h/2 is 2.5 · h⁴ /4 · … ∝ h⁴ exactly here.
        foreach (double p in ObservedOrder.Pairwise(fineH, err))
            p.ShouldBe(4.0, ExtrapolatedOrderTolerance);
    }

    [Test]
    public void WithObservedOrder_NonConstantRatios_RecoversOrderAndLimit()
    {
        static double F(double h) => Limit + 0.3 * Math.Pow(h, 1.5);

        RichardsonEstimate r = Richardson.WithObservedOrder(0.1, 0.17, 0.4, F(0.1), F(0.17), F(0.4));

        r.Convergence.ShouldBe(GciConvergence.Monotonic);
        r.Order.ShouldBe(1.5, ExactTolerance);
        r.Limit.ShouldBe(Limit, ExactTolerance);
    }
}
