using System.Numerics;
using ConvergenceSuite.Convergence;
using ConvergenceSuite.Harness.Cases;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Solvers;
using ConvergenceSuite.Harness.Studies;
using ConvergenceSuite.Harness.Summary;
using NUnit.Framework;
using QuantumSync.Numerics;
using Shouldly;

namespace ConvergenceSuite.Tests.Studies;

public class GridStudyTests
{
    /// <summary>Relative accuracy of a fitted α on exact exponential data (least squares on exact logs: round-off only).</summary>
    private const double ExactFitTolerance = 1e-9;

    private static readonly int[] Ms = [16, 24, 32, 40, 48];

    private static GridStudySettings Settings(double alphaMin = 0.3, double floor = 1e-12) =>
        new(Ms, 1, 24.0, new GridReference(GridReferenceKind.Finest, 128), alphaMin, floor, "s", 0.01);

    [Test]
    public void Decide_ExponentialLadder_PassesWithItsRate()
    {
        var errors = Ms.Select(m => 2.0 * Math.Exp(-0.5 * m)).ToArray();
        var r = GridStudy.Decide("grid-study", Settings(), errors, null, null, "e", "ref");
        r.Verdict.ShouldBe(Verdict.Pass);
        r.Study!.Rate.ShouldBe(0.5, ExactFitTolerance);
        r.Evidence["alpha"].ShouldBe(0.5, ExactFitTolerance);
        r.Study.Rows.Skip(1).ShouldAllBe(row => Math.Abs(row.PairwiseRate!.Value - 0.5) < ExactFitTolerance);
    }

    [Test]
    public void Decide_AlgebraicLadderAboveFloor_Fails()
    {
        // Fourth-order algebraic convergence: local rate 4/M ≈ 0.1, far below the spectral minimum, floor never reached.
        var errors = Ms.Select(m => Math.Pow(m, -4.0)).ToArray();
        var r = GridStudy.Decide("grid-study", Settings(), errors, null, null, "e", "ref");
        r.Verdict.ShouldBe(Verdict.Fail);
        r.Message.ShouldContain("never reached the floor");
    }

    [Test]
    public void Decide_SlowButReachesFloor_Passes()
    {
        var errors = new[] { 1e-9, 3e-10, 1e-10, 4e-11, 1e-13 };
        var r = GridStudy.Decide("grid-study", Settings(alphaMin: 5.0), errors, null, null, "e", "ref");
        r.Verdict.ShouldBe(Verdict.Pass);
        r.Message.ShouldContain("reached the floor");
    }

    [Test]
    public void Decide_NonFiniteError_Fails()
    {
        var errors = new[] { 1e-2, 1e-4, double.NaN, 1e-8, 1e-10 };
        GridStudy.Decide("grid-study", Settings(), errors, null, null, "e", "ref").Verdict.ShouldBe(Verdict.Fail);
    }

    [Test]
    public void Decide_Table_HasStepsGridPointsAndKeptFlags()
    {
        var errors = new[] { 1e-2, 1e-5, 1e-8, 1e-11, 2e-12 };
        var r = GridStudy.Decide("grid-study", Settings(), errors, null, null, "e", "ref");
        var t = r.Study!;
        t.Kind.ShouldBe(StudyKind.Grid);
        t.Rows.Select(x => x.GridPoints![0]).ShouldBe(Ms);
        t.Rows[0].Step.ShouldBe(24.0 / 16);
        t.Rows[^1].Kept.ShouldBeFalse(); // within a decade of the floor
        t.Plot.LogX.ShouldBeFalse();
        t.Plot.LogY.ShouldBeTrue();
    }

    [Test]
    public void GridStudy_SchrodingerLohe1D_ConvergesSpectrally()
    {
        var c = TestCases.Small(2, """
            { "id": "grid-study", "grids": [24, 28, 32, 36, 40], "reference": { "kind": "finest", "points": 96 }, "dt": 0.02, "final": 0.5,
              "dtReason": "same dt as the reference", "alphaMin": 0.3 }
            """);
        var r = c.Checks.Single().Evaluate(new CheckContext(c, TestCases.Run(c), new SplitStepAdapter()));
        TestContext.Out.WriteLine($"{r.Verdict}: {r.Message}");
        r.Verdict.ShouldBe(Verdict.Pass);
        r.Study!.Rate.ShouldBeGreaterThan(0.3);
        r.Study.Reference.ShouldContain("same dt as the reference");
    }

    [Test]
    public void GridStudy_ExactReference_AlsoConverges()
    {
        var c = TestCases.Small(2, """
            { "id": "grid-study", "grids": [24, 28, 32, 36], "reference": { "kind": "exact", "points": 96 }, "dt": 0.00625, "final": 0.25,
              "dtReason": "Yoshida-4 time error at dt = 0.00625 is below 1e-10", "alphaMin": 0.3, "floor": 1e-9 }
            """);
        var r = c.Checks.Single().Evaluate(new CheckContext(c, TestCases.Run(c), new SplitStepAdapter()));
        TestContext.Out.WriteLine($"{r.Verdict}: {r.Message}");
        r.Verdict.ShouldBe(Verdict.Pass);
    }
}

public class SpectralComparisonTests
{
    /// <summary>Round-off of two FFTs of ≤ 256 points and a padding: a few 1e-16 per coefficient; 1e-13 leaves a wide margin.</summary>
    private const double RoundOff = 1e-13;

    private static Complex[] Sample(PeriodicGrid g, Func<double[], Complex> f)
    {
        var re = g.Evaluate(x => f(x).Real);
        var im = g.Evaluate(x => f(x).Imaginary);
        return re.Select((r, i) => new Complex(r, im[i])).ToArray();
    }

    /// <summary>A trigonometric polynomial with wavenumbers 2πn/L, |n| ≤ 5 (resolved by 16 points).</summary>
    private static Complex BandLimited(double[] x, double length)
    {
        var k = 2 * Math.PI / length;
        var s = Complex.Zero;
        for (var n = -5; n <= 5; n++) s += new Complex(1.0 / (1 + n * n), 0.3 * n) * Complex.Exp(Complex.ImaginaryOne * k * n * x[0]);
        return s;
    }

    [Test]
    public void RelativeDistance_BandLimitedFunctionOnCoarseAndFineGrid_IsRoundOff()
    {
        var coarse = new PeriodicGrid([16], [10.0]);
        var fine = new PeriodicGrid([64], [10.0]);
        var d = SpectralComparison.RelativeDistance(coarse, Sample(coarse, x => BandLimited(x, 10)), fine, Sample(fine, x => BandLimited(x, 10)));
        d.ShouldBeLessThan(RoundOff);
    }

    [Test]
    public void RelativeDistance_ModeBeyondCoarseBand_CountsAsTail()
    {
        // v = 1 + a e^{i k₁₂ x}: the mode n = 12 aliases on 16 points (to n = −4), so the coarse interpolant holds
        // 1 + a e^{−i k₄ (x − x₀)}·phase: error² = |a|² (missing mode) + |a|² (spurious alias) → relative √2|a|/√(1+|a|²).
        const double a = 0.1;
        var coarse = new PeriodicGrid([16], [10.0]);
        var fine = new PeriodicGrid([64], [10.0]);
        Complex F(double[] x) => 1 + a * Complex.Exp(Complex.ImaginaryOne * (2 * Math.PI * 12 / 10) * x[0]);
        var d = SpectralComparison.RelativeDistance(coarse, Sample(coarse, F), fine, Sample(fine, F));
        d.ShouldBe(Math.Sqrt(2) * a / Math.Sqrt(1 + a * a), RoundOff);
    }

    [Test]
    public void RelativeDistance_NyquistCosine_IsSplitSymmetrically()
    {
        // cos(k_N (x − x₀)) on 16 points is the Nyquist mode alone; split half to ±k_N it is the cosine itself.
        var coarse = new PeriodicGrid([16], [8.0]);
        var fine = new PeriodicGrid([48], [8.0]);
        Complex F(double[] x) => Math.Cos(Math.PI * 16 / 8 * (x[0] + 4.0));
        SpectralComparison.RelativeDistance(coarse, Sample(coarse, F), fine, Sample(fine, F)).ShouldBeLessThan(RoundOff);
    }

    [Test]
    public void RelativeDistance_TwoDimensionalBandLimited_IsRoundOff()
    {
        var coarse = new PeriodicGrid([12, 16], [6.0, 8.0]);
        var fine = new PeriodicGrid([32, 40], [6.0, 8.0]);
        Complex F(double[] x) => BandLimited([x[0]], 6.0) * BandLimited([x[1]], 8.0) * 0.5;
        SpectralComparison.RelativeDistance(coarse, Sample(coarse, F), fine, Sample(fine, F)).ShouldBeLessThan(RoundOff);
    }

    [Test]
    public void RelativeDistance_DifferentFunctions_IsLarge()
    {
        var coarse = new PeriodicGrid([16], [10.0]);
        var fine = new PeriodicGrid([64], [10.0]);
        var d = SpectralComparison.RelativeDistance(coarse, Sample(coarse, x => BandLimited(x, 10)), fine, Sample(fine, x => 2 * BandLimited(x, 10)));
        d.ShouldBe(0.5, RoundOff);
    }

    [Test]
    public void RelativeDistance_DifferentBoxes_Throws() =>
        Should.Throw<ArgumentException>(() => SpectralComparison.RelativeDistance(
            new PeriodicGrid([8], [10.0]), new Complex[8], new PeriodicGrid([16], [12.0]), new Complex[16]));
}

public class StudyCaseFileTests
{
    private static CaseFileException Bad(string check) =>
        Should.Throw<CaseFileException>(() => TestCases.Small(2, check));

    [Test]
    public void TimeStudy_UnknownReference_IsRejected() =>
        Bad("""{ "id": "time-study", "dts": [0.1, 0.05, 0.025, 0.0125], "window": [1.9, 2.1], "reference": { "kind": "magic" } }""")
            .Message.ShouldContain("unknown reference");

    [Test]
    public void TimeStudy_ReferenceNotFinerThanLadder_IsRejected() =>
        Bad("""{ "id": "time-study", "dts": [0.1, 0.05, 0.025, 0.0125], "window": [1.9, 2.1], "reference": { "kind": "finest", "dt": 0.0125 } }""")
            .Message.ShouldContain("finer");

    [Test]
    public void TimeStudy_MissingReference_IsRejected() =>
        Bad("""{ "id": "time-study", "dts": [0.1, 0.05, 0.025, 0.0125], "window": [1.9, 2.1] }""");

    [Test]
    public void TimeStudy_LadderNotDecreasing_IsRejected() =>
        Bad("""{ "id": "time-study", "dts": [0.05, 0.1, 0.025, 0.0125], "window": [1.9, 2.1], "reference": { "kind": "exact" } }""");

    [Test]
    public void TimeStudy_UnknownReferenceField_IsRejected() =>
        Bad("""{ "id": "time-study", "dts": [0.1, 0.05, 0.025, 0.0125], "window": [1.9, 2.1], "reference": { "kind": "exact", "dt": 0.001 } }""");

    [Test]
    public void GridStudy_ReferenceNotFiner_IsRejected() =>
        Bad("""{ "id": "grid-study", "grids": [24, 32, 40], "reference": { "kind": "finest", "points": 40 }, "dt": 0.01, "dtReason": "x", "alphaMin": 0.3 }""");

    [Test]
    public void GridStudy_MissingDtReason_IsRejected() =>
        Bad("""{ "id": "grid-study", "grids": [24, 32, 40], "reference": { "kind": "finest", "points": 64 }, "dt": 0.01, "alphaMin": 0.3 }""");

    [Test]
    public void WorkPrecision_UnknownScheme_IsRejected() =>
        Bad("""{ "id": "work-precision", "dts": [0.1, 0.05, 0.025, 0.0125], "schemes": ["euler"] }""").Message.ShouldContain("euler");

    [Test]
    public void WorkPrecision_NonFiniteError_Fails()
    {
        var ok = WorkPrecisionCheck.Decide([("strang", [0.1, 0.2], [1e-3, 2.5e-4])]);
        ok.Verdict.ShouldBe(Verdict.Pass);
        var bad = WorkPrecisionCheck.Decide([("strang", [0.1, 0.2], [1e-3, double.NaN])]);
        bad.Verdict.ShouldBe(Verdict.Fail);
    }
}
