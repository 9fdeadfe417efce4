using NUnit.Framework;
using QuantumSync.Models.Kuramoto;
using Shouldly;

namespace QuantumSync.Tests.Kuramoto;

/// <summary>The large-N Lorentzian theory and the frequency samplers, without the solver.</summary>
public class LorentzianTheoryTests
{
    /// <summary>Rounding of elementary-function formulas, O(10) ulps.</summary>
    private const double FormulaRounding = 1e-14;

    /// <summary>Composite Simpson with 4000 panels on a smooth integrand over [−π/2, π/2]: error ~ h⁴ ≈ 1e-13.</summary>
    private const double QuadratureTolerance = 1e-10;

    /// <summary>ODE residual by 4th-order central differences with h = 1e-3 on r = O(1): truncation and rounding ≲ 1e-11.</summary>
    private const double OdeResidualTolerance = 1e-9;

    /// <summary>Relative rounding of γ tan(π(j − 1/2)/N − π/2): near ±π/2 the argument's rounding ε·π is amplified by
    /// 1/x with x ≥ π/(2N), i.e. to ~ε·2N ≈ 1e-12 for N = 2000.</summary>
    private const double RelativeSamplerRounding = 1e-11;

    [Test]
    public void CriticalCouplingAndStationaryR_MatchClosedForms()
    {
        LorentzianKuramoto.CriticalCoupling(0.5).ShouldBe(1.0);
        LorentzianKuramoto.StationaryOrderParameter(4, 1).ShouldBe(Math.Sqrt(0.5), FormulaRounding);
        LorentzianKuramoto.StationaryOrderParameter(2, 1).ShouldBe(0);
        LorentzianKuramoto.StationaryOrderParameter(1, 1).ShouldBe(0);
        Should.Throw<ArgumentOutOfRangeException>(() => LorentzianKuramoto.CriticalCoupling(0));
    }

    /// <summary>
    /// Independent check of the constants for the (K/N) Σ sin convention: r∞ solves Kuramoto's self-consistency equation
    /// r = K r ∫_{−π/2}^{π/2} cos²θ g(K r sin θ) dθ, evaluated by quadrature with the Lorentzian g; and the small-r limit
    /// of the right-hand side's factor, K g(0) π/2, equals 1 exactly at K = K_c.
    /// </summary>
    [TestCase(2.5, 1.0)]
    [TestCase(4.0, 1.0)]
    [TestCase(1.7, 0.3)]
    public void StationaryR_SolvesSelfConsistencyEquation(double coupling, double gamma)
    {
        double G(double omega) => gamma / Math.PI / (omega * omega + gamma * gamma);
        var r = LorentzianKuramoto.StationaryOrderParameter(coupling, gamma);
        const int panels = 4000;
        var h = Math.PI / panels;
        var sum = 0.0;
        for (var i = 0; i <= panels; i++)
        {
            var theta = -Math.PI / 2 + i * h;
            var weight = i == 0 || i == panels ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * Math.Cos(theta) * Math.Cos(theta) * G(coupling * r * Math.Sin(theta));
        }
        var rhs = coupling * r * sum * h / 3;
        rhs.ShouldBe(r, QuadratureTolerance);
        (LorentzianKuramoto.CriticalCoupling(gamma) * G(0) * Math.PI / 2).ShouldBe(1, FormulaRounding);
    }

    [TestCase(3.0, 1.0, 1.0)]
    [TestCase(2.0, 1.0, 0.7)]
    [TestCase(1.0, 1.0, 0.9)]
    public void OttAntonsenTransient_SolvesReducedOde(double coupling, double gamma, double r0)
    {
        double R(double t) => LorentzianKuramoto.OttAntonsenOrderParameter(t, coupling, gamma, r0);
        R(0).ShouldBe(r0, FormulaRounding);
        const double h = 1e-3;
        foreach (var t in new[] { 0.05, 0.7, 3.0, 12.0 })
        {
            var derivative = (-R(t + 2 * h) + 8 * R(t + h) - 8 * R(t - h) + R(t - 2 * h)) / (12 * h);
            var r = R(t);
            (derivative - ((coupling / 2 - gamma) * r - coupling / 2 * r * r * r)).ShouldBe(0, OdeResidualTolerance, $"t = {t}");
        }
        if (coupling != 2 * gamma)
            R(400).ShouldBe(LorentzianKuramoto.StationaryOrderParameter(coupling, gamma), FormulaRounding);
    }

    [Test]
    public void QuantileFrequencies_AreSymmetricWithQuartilesAtPlusMinusGamma()
    {
        const int n = 2000;
        const double gamma = 0.7;
        var omega = LorentzianKuramoto.QuantileFrequencies(n, gamma);
        for (var j = 0; j < n; j++) omega[j].ShouldBe(-omega[n - 1 - j], RelativeSamplerRounding * Math.Max(1, Math.Abs(omega[j])));
        omega.Count(w => Math.Abs(w) < gamma).ShouldBe(n / 2); // P(|Ω| < γ) = 1/2 for the Cauchy law
        omega.ShouldBe(omega.Order().ToArray());
        omega[^1].ShouldBe(gamma / Math.Tan(Math.PI / (2 * n)), RelativeSamplerRounding * omega[^1]);
    }

    [Test]
    public void RandomFrequencies_AreReproducibleAndCentred()
    {
        const int n = 4000;
        var a = LorentzianKuramoto.RandomFrequencies(n, 1, seed: 5);
        a.ShouldBe(LorentzianKuramoto.RandomFrequencies(n, 1, seed: 5));
        a.ShouldNotBe(LorentzianKuramoto.RandomFrequencies(n, 1, seed: 6));
        // The sample median of a Cauchy law has standard deviation πγ/(2√N) ≈ 0.025; allow 4 of them.
        var median = a.Order().ElementAt(n / 2);
        Math.Abs(median).ShouldBeLessThan(4 * Math.PI / (2 * Math.Sqrt(n)));
    }

    /// <summary>The incoherent level at K = 0 is exact: ⟨r²⟩ = 1/N for independent uniform phases. 400 seeded sets of
    /// N = 100 give N r² with mean 1 and standard error ≈ 1/√400 = 0.05; the band is 4 standard errors.</summary>
    [Test]
    public void IncoherentLevel_AtZeroCoupling_MatchesIndependentPhases()
    {
        const int n = 100;
        const int sets = 400;
        const double band = 4 * 1.0 / 20;
        var meanSquare = Enumerable.Range(0, sets)
            .Select(seed => Math.Pow(KuramotoOrderParameter.Compute(LorentzianKuramoto.UniformRandomPhases(n, seed)).Magnitude, 2))
            .Average();
        (n * meanSquare).ShouldBe(1, band);
        LorentzianKuramoto.IncoherentRmsOrderParameter(0, 1, n).ShouldBe(0.1, FormulaRounding);
        Should.Throw<ArgumentOutOfRangeException>(() => LorentzianKuramoto.IncoherentRmsOrderParameter(2, 1, n));
    }
}
