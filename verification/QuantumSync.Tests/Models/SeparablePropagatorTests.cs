using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using QuantumSync.Models.Potentials;
using QuantumSync.Models.Reductions;
using QuantumSync.Models.States;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Ode;
using Shouldly;

namespace QuantumSync.Tests.Models;

/// <summary>The separable exact propagator (Kronecker product of 1-D eigendecompositions) and the factorised reference
/// for potentials equal up to constants, each against a construction that shares no code with it.</summary>
public class SeparablePropagatorTests
{
    /// <summary>Dense eigendecompositions of matrices up to a few hundred rows: U(t)ψ to ~1e-13 relative; 1e-11 leaves
    /// room for the t·‖H‖ growth of phase round-off at t of a few units.</summary>
    private const double RoundOff = 1e-11;

    /// <summary>
    /// −½ D2 from a direct sum over the Fourier modes n (−M/2 … M/2 − 1 for even M, −(M−1)/2 … (M−1)/2 for odd), written
    /// here without the grid's wavenumber code: T(j) = (1/M) Σ_n cos(2π n j/M) (2πn/L)²/2.
    /// </summary>
    private static double KineticDirect(int m, double length, int j)
    {
        double s = 0;
        var low = -(m / 2);
        for (var n = low; n < low + m; n++)
        {
            var k = 2 * Math.PI * n / length;
            s += Math.Cos(2 * Math.PI * n * j / m) * k * k / 2;
        }
        return s / m;
    }

    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(9)]
    [TestCase(16)]
    [TestCase(33)]
    public void SecondDerivative_ClosedForm_MatchesDirectFourierSum(int m)
    {
        const double length = 3.7;
        var d2 = SeparablePropagator.SecondDerivative(m, length);
        var scale = KineticDirect(m, length, 0);
        var worst = 0.0;
        for (var i = 0; i < m; i++)
        for (var k = 0; k < m; k++)
            worst = Math.Max(worst, Math.Abs(-0.5 * d2[i, k] - KineticDirect(m, length, i - k)));
        TestContext.Out.WriteLine($"M = {m}: max |−½D2 − direct| / T(0) = {worst / scale:E2}");
        (worst / scale).ShouldBeLessThan(1e-13);
    }

    [Test]
    public void SecondDerivative_WrongLength_IsDetected()
    {
        // The comparison above is sensitive to the box length: a 1 % wrong L changes the entries by 2 %.
        var d2 = SeparablePropagator.SecondDerivative(16, 3.7 * 1.01);
        Math.Abs(-0.5 * d2[0, 0] / KineticDirect(16, 3.7, 0) - 1).ShouldBeGreaterThan(0.01);
    }

    [Test]
    public void OneDimension_Harmonic_AgreesWithEigenPropagator()
    {
        // EigenPropagator builds its kinetic kernel from the grid's wavenumbers; this one from the closed form.
        var grid = new PeriodicGrid([97], [26.0]);
        var v = Potential.Harmonic(0.7, [0.9]);
        var psi = InitialStates.Gaussian(grid, [-1.5], [0.8], 1.1);
        var a = new SeparablePropagator(grid.Sizes, grid.Lengths, v).Apply(psi, 2.3);
        var b = new EigenPropagator(grid, v).Apply(psi, 2.3);
        var error = Integrals.RelativeDistanceL2(a, b, grid.CellVolume);
        TestContext.Out.WriteLine($"‖separable − eigen‖/‖eigen‖ = {error:E2}");
        error.ShouldBeLessThan(RoundOff);
    }

    [Test]
    public void TwoDimensions_Free_NonSquareBox_AgreesWithFourierPropagator()
    {
        var grid = new PeriodicGrid([40, 27], [14.0, 9.5]);
        var psi = InitialStates.Gaussian(grid, [-1.0, 0.7], [0.6, -0.9], 1.0);
        var a = new SeparablePropagator(grid.Sizes, grid.Lengths, Potential.Zero).Apply(psi, 1.3);
        var b = new FreePropagator(grid).Apply(psi, 1.3);
        var error = Integrals.RelativeDistanceL2(a, b, grid.CellVolume);
        TestContext.Out.WriteLine($"‖separable − Fourier‖/‖Fourier‖ = {error:E2}");
        error.ShouldBeLessThan(RoundOff);
        // Wrong data: the same propagator with the box lengths exchanged is far off.
        var swapped = new SeparablePropagator(grid.Sizes, [9.5, 14.0], Potential.Zero).Apply(psi, 1.3);
        Integrals.RelativeDistanceL2(swapped, b, grid.CellVolume).ShouldBeGreaterThan(1e-2);
    }

    [Test]
    public void ThreeDimensions_AnisotropicOffCentreHarmonic_AgreesWithDenseExponential()
    {
        // Independent construction: the full 3-D Hamiltonian as one dense matrix, kinetic part from the direct Fourier sum
        // on each axis, V from the potential's own evaluation at the grid points (not its parameters), diagonalised as a
        // whole (no Kronecker structure assumed).
        var sizes = new[] { 7, 6, 5 };
        var lengths = new[] { 9.0, 7.5, 6.0 };
        var grid = new PeriodicGrid(sizes, lengths);
        var v = Potential.Harmonic([0.6, 0.9, 1.3], [0.4, -0.3, 0.2]);
        var values = grid.Evaluate(x => v[x]);
        var count = grid.Count;
        var h = Matrix<Complex>.Build.Dense(count, count);
        for (var p = 0; p < count; p++)
        for (var q = 0; q < count; q++)
        {
            var ip = Unflatten(p, sizes);
            var iq = Unflatten(q, sizes);
            Complex sum = p == q ? values[p] : 0;
            for (var a = 0; a < 3; a++)
            {
                var others = Enumerable.Range(0, 3).Where(b => b != a).All(b => ip[b] == iq[b]);
                if (others) sum += KineticDirect(sizes[a], lengths[a], ip[a] - iq[a]);
            }
            h[p, q] = sum;
        }
        var evd = h.Evd(Symmetricity.Hermitian);
        var random = new Random(7);
        var psi = Enumerable.Range(0, count).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        const double t = 1.9;
        var phases = Matrix<Complex>.Build.DiagonalOfDiagonalArray(evd.EigenValues.Select(l => Complex.FromPolarCoordinates(1, -l.Real * t)).ToArray());
        var expected = (evd.EigenVectors * phases * evd.EigenVectors.ConjugateTranspose() * MathNet.Numerics.LinearAlgebra.Vector<Complex>.Build.DenseOfArray(psi)).ToArray();
        var actual = new SeparablePropagator(sizes, lengths, v).Apply(psi, t);
        var error = Integrals.RelativeDistanceL2(actual, expected, grid.CellVolume);
        TestContext.Out.WriteLine($"3-D separable vs dense: {error:E2}");
        error.ShouldBeLessThan(RoundOff);
        // Wrong data: the centre read on the wrong axis gives a different propagator.
        var wrong = new SeparablePropagator(sizes, lengths, Potential.Harmonic([0.6, 0.9, 1.3], [-0.3, 0.2, 0.4])).Apply(psi, t);
        Integrals.RelativeDistanceL2(wrong, expected, grid.CellVolume).ShouldBeGreaterThan(1e-3);
    }

    private static int[] Unflatten(int flat, int[] sizes)
    {
        var index = new int[sizes.Length];
        for (var a = sizes.Length - 1; a >= 0; a--)
        {
            index[a] = flat % sizes[a];
            flat /= sizes[a];
        }
        return index;
    }

    [Test]
    public void AxisTerms_CustomPotential_IsNotSeparable()
    {
        SeparablePropagator.AxisTerms(new Potential("custom", x => x[0] * x[0]), 1).ShouldBeNull();
        Should.Throw<ArgumentException>(() => new SeparablePropagator([8], [4.0], new Potential("custom", x => x[0])))
            .Message.ShouldContain("not separable");
    }

    /// <summary>
    /// Potentials equal up to constants, V_j = V + Ω_j: the factorised reference (common U, phases e^{−iΩ_j t} in the
    /// coupling ODE) against the whole semi-discrete S-L system integrated directly by DOPRI5 at 1e-13 with dense
    /// Hamiltonians (kinetic part from the direct Fourier sum) — no factorisation, no splitting.
    /// </summary>
    [Test]
    public void FactorisedReference_PotentialsEqualUpToConstants_MatchesDirectIntegration()
    {
        const int m = 24;
        const double length = 12.0, coupling = 1.3, final = 2.0;
        var grid = new PeriodicGrid([m], [length]);
        double[] offsets = [0.0, 0.8, -0.5];
        var n = offsets.Length;
        var basePotential = Potential.Harmonic(0.8, [0.3]);
        var initial = new[] { -1.0, 0.4, 1.2 }.Select((c, j) =>
            InitialStates.Normalised(InitialStates.Gaussian(grid, [c], [0.2 * j - 0.1], 1.0), grid.CellVolume)).ToArray();
        var reference = new ExactFactorisedReference(initial, coupling, grid.CellVolume,
            new SeparablePropagator(grid.Sizes, grid.Lengths, basePotential), offsets);
        var times = new[] { 0.7, final };
        var states = reference.States(times);
        var correlations = reference.Correlations(times);

        var direct = DirectIntegration(grid, initial, offsets.Select(o => grid.Evaluate(x => basePotential[x] + o)).ToArray(), coupling, times);
        var worst = 0.0;
        var worstZ = 0.0;
        for (var s = 0; s < times.Length; s++)
        for (var j = 0; j < n; j++)
        {
            worst = Math.Max(worst, Integrals.RelativeDistanceL2(states[s][j], direct[s][j], grid.CellVolume));
            for (var k = 0; k < n; k++)
                worstZ = Math.Max(worstZ, Complex.Abs(correlations[s][j * n + k] - Integrals.Inner(direct[s][j], direct[s][k], grid.CellVolume)));
        }
        TestContext.Out.WriteLine($"factorised vs direct: states {worst:E2}, correlations {worstZ:E2}");
        worst.ShouldBeLessThan(1e-10);
        worstZ.ShouldBeLessThan(1e-10);

        // Wrong data: the same reference without the offsets (phases dropped from the coupling ODE) is far off.
        var noPhases = new ExactFactorisedReference(initial, coupling, grid.CellVolume,
            new SeparablePropagator(grid.Sizes, grid.Lengths, basePotential)).States(times);
        var phasesOnly = noPhases[^1].Select((psi, j) => psi.Select(v => v * Complex.FromPolarCoordinates(1, -offsets[j] * final)).ToArray()).ToArray();
        Enumerable.Range(0, n).Max(j => Integrals.RelativeDistanceL2(phasesOnly[j], direct[^1][j], grid.CellVolume)).ShouldBeGreaterThan(1e-3);
    }

    /// <summary>i ∂t ψ_j = H_j ψ_j + (iK/2N) Σ_k (ψ_k − ⟨ψ_k, ψ_j⟩ ψ_j) (normalised data) on a 1-D grid, integrated as
    /// one real ODE system.</summary>
    private static Complex[][][] DirectIntegration(PeriodicGrid grid, Complex[][] initial, double[][] potentials, double coupling, double[] times)
    {
        var m = grid.Count;
        var n = initial.Length;
        var kinetic = new double[m, m];
        for (var a = 0; a < m; a++)
        for (var b = 0; b < m; b++)
            kinetic[a, b] = KineticDirect(m, grid.Lengths[0], a - b);
        var y = new double[2 * n * m];
        for (var j = 0; j < n; j++)
        for (var i = 0; i < m; i++)
        {
            y[2 * (j * m + i)] = initial[j][i].Real;
            y[2 * (j * m + i) + 1] = initial[j][i].Imaginary;
        }
        var psi = new Complex[n][];
        for (var j = 0; j < n; j++) psi[j] = new Complex[m];
        void Rhs(double t, ReadOnlySpan<double> state, Span<double> d)
        {
            for (var j = 0; j < n; j++)
            for (var i = 0; i < m; i++)
                psi[j][i] = new Complex(state[2 * (j * m + i)], state[2 * (j * m + i) + 1]);
            for (var j = 0; j < n; j++)
            {
                var z = new Complex[n];
                for (var k = 0; k < n; k++) z[k] = Integrals.Inner(psi[k], psi[j], grid.CellVolume);
                for (var a = 0; a < m; a++)
                {
                    Complex hpsi = potentials[j][a] * psi[j][a];
                    for (var b = 0; b < m; b++) hpsi += kinetic[a, b] * psi[j][b];
                    Complex lohe = 0;
                    for (var k = 0; k < n; k++) lohe += psi[k][a] - z[k] * psi[j][a];
                    var dpsi = -Complex.ImaginaryOne * hpsi + coupling / (2.0 * n) * lohe;
                    d[2 * (j * m + a)] = dpsi.Real;
                    d[2 * (j * m + a) + 1] = dpsi.Imaginary;
                }
            }
        }
        var integrator = new DormandPrince54(y.Length, 1e-13, 1e-13);
        var result = new Complex[times.Length][][];
        var t0 = 0.0;
        for (var s = 0; s < times.Length; s++)
        {
            integrator.Integrate(Rhs, t0, times[s], y);
            t0 = times[s];
            result[s] = Enumerable.Range(0, n).Select(j => Enumerable.Range(0, m).Select(i => new Complex(y[2 * (j * m + i)], y[2 * (j * m + i) + 1])).ToArray()).ToArray();
        }
        return result;
    }
}
