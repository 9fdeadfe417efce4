using System.Numerics;
using NUnit.Framework;
using QuantumSync.Numerics;
using QuantumSync.Numerics.Fft;

namespace QuantumSync.Tests.Numerics;

/// <summary>
/// Properties of the FFT backends (IFftBackend): agreement of FFTW with the managed fallback, agreement with the
/// defining sum f̂_k = Σ_j e^{−2πi jk/M} f_j, Parseval, round trip and sign convention.
/// </summary>
[TestFixture]
public sealed class FftBackendTests
{
    /// <summary>
    /// Two correct FFTs differ by rounding only, O(ε log M) relative ≈ 1e-15; MathNet's Bluestein path for odd sizes
    /// adds a few more roundings. 1e-12 is the agreement the task demands and leaves ~100× headroom.
    /// </summary>
    private const double BackendAgreementTolerance = 1e-12;

    /// <summary>Same rounding argument for Parseval and the round trip: relative error O(ε log M) ≪ 1e-12.</summary>
    private const double RoundingTolerance = 1e-12;

    /// <summary>
    /// The direct O(M²) sum accumulates M roundings of size ε·|f| and evaluates e^{−2πi jk/M} to ε: relative error
    /// ≲ M·ε ≈ 1e-13 for M ≤ 108; 1e-11 leaves headroom without letting an index or sign error through (those are O(1)).
    /// </summary>
    private const double DirectSumTolerance = 1e-11;

    private static readonly object[] Layouts =
    [
        new object[] { new[] { 17 }, 1, 0 },
        new object[] { new[] { 32 }, 1, 0 },
        new object[] { new[] { 17 }, 3, 5 },
        new object[] { new[] { 32 }, 4, 3 },
        new object[] { new[] { 9, 12 }, 1, 0 },
        new object[] { new[] { 9, 12 }, 2, 7 },
        new object[] { new[] { 7, 8, 5 }, 1, 0 },
        new object[] { new[] { 7, 8, 5 }, 3, 1 },
    ];

    private static IEnumerable<TestCaseData> BackendsAndLayouts() =>
        from name in TestData.BackendNames()
        from object[] layout in Layouts
        select new TestCaseData(name, layout[0], layout[1], layout[2]);

    [Test]
    public void FftwBackend_IsLoadable()
    {
        Assert.That(FftBackends.Fftw, Is.Not.Null,
            "libfftw3.so.3 could not be loaded; FFTW is required here (install libfftw3-double3).");
        Assert.That(FftBackends.Fftw!.Name, Does.StartWith("FFTW"));
    }

    [TestCaseSource(nameof(Layouts))]
    public void FftwAndManaged_AgreeOnRandomData(int[] shape, int batch, int offset)
    {
        var fftw = TestData.Backend("fftw");
        var managed = TestData.Backend("managed");
        var size = shape.Aggregate(1, (p, n) => p * n);
        var data = TestData.RandomComplex(seed: 1234 + size + batch, offset + size * batch + 4);
        foreach (var direction in new[] { FftDirection.Forward, FftDirection.Inverse })
        {
            using var a = TestData.Buffer(data);
            using var b = TestData.Buffer(data);
            fftw.Plan(shape, batch).Execute(a, offset, direction);
            managed.Plan(shape, batch).Execute(b, offset, direction);
            var window = (offset, size * batch);
            var error = TestData.RelativeDifference(a.Span.Slice(window.offset, window.Item2), b.Span.Slice(window.offset, window.Item2));
            TestContext.Out.WriteLine($"{string.Join("x", shape)} batch {batch} offset {offset} {direction}: relative difference {error:E2}");
            Assert.That(error, Is.LessThanOrEqualTo(BackendAgreementTolerance), $"{direction} transforms differ");
        }
    }

    [TestCaseSource(nameof(BackendsAndLayouts))]
    public void Execute_LeavesDataOutsideTheBatchUntouched(string backendName, int[] shape, int batch, int offset)
    {
        var backend = TestData.Backend(backendName);
        var size = shape.Aggregate(1, (p, n) => p * n);
        var data = TestData.RandomComplex(seed: 99, offset + size * batch + 4);
        using var buffer = TestData.Buffer(data);
        backend.Plan(shape, batch).Execute(buffer, offset, FftDirection.Forward);
        for (var i = 0; i < offset; i++) Assert.That(buffer[i], Is.EqualTo(data[i]), $"entry {i} before the batch changed");
        for (var i = offset + size * batch; i < data.Length; i++) Assert.That(buffer[i], Is.EqualTo(data[i]), $"entry {i} after the batch changed");
    }

    [TestCaseSource(nameof(BackendsAndLayouts))]
    public void Forward_MatchesDirectDftDefinition(string backendName, int[] shape, int batch, int offset)
    {
        var backend = TestData.Backend(backendName);
        var size = shape.Aggregate(1, (p, n) => p * n);
        var data = TestData.RandomComplex(seed: 7 + size, offset + size * batch);
        using var buffer = TestData.Buffer(data);
        backend.Plan(shape, batch).Execute(buffer, offset, FftDirection.Forward);
        for (var b = 0; b < batch; b++)
        {
            var start = offset + b * size;
            var expected = DirectDft(data.AsSpan(start, size), shape, sign: -1);
            var error = TestData.RelativeDifference(buffer.Span.Slice(start, size), expected);
            Assert.That(error, Is.LessThanOrEqualTo(DirectSumTolerance), $"batch member {b}");
        }
    }

    [TestCaseSource(nameof(BackendsAndLayouts))]
    public void ParsevalTheorem_SumOfSquaresScalesBySize(string backendName, int[] shape, int batch, int offset)
    {
        var backend = TestData.Backend(backendName);
        var size = shape.Aggregate(1, (p, n) => p * n);
        var data = TestData.RandomComplex(seed: 21 + size, offset + size * batch);
        using var buffer = TestData.Buffer(data);
        backend.Plan(shape, batch).Execute(buffer, offset, FftDirection.Forward);
        for (var b = 0; b < batch; b++)
        {
            var start = offset + b * size;
            var before = Integrals.NormSquared(data.AsSpan(start, size), 1.0);
            var after = Integrals.NormSquared(buffer.Span.Slice(start, size), 1.0);
            Assert.That(Math.Abs(after - size * before) / (size * before), Is.LessThanOrEqualTo(RoundingTolerance),
                "Σ|f̂|² ≠ M Σ|f|²");
        }
    }

    [TestCaseSource(nameof(BackendsAndLayouts))]
    public void RoundTrip_InverseOfForwardIsSizeTimesIdentity(string backendName, int[] shape, int batch, int offset)
    {
        var backend = TestData.Backend(backendName);
        var size = shape.Aggregate(1, (p, n) => p * n);
        var data = TestData.RandomComplex(seed: 5 + size, offset + size * batch);
        using var buffer = TestData.Buffer(data);
        var plan = backend.Plan(shape, batch);
        plan.Execute(buffer, offset, FftDirection.Forward);
        plan.Execute(buffer, offset, FftDirection.Inverse);
        var expected = data.Select(v => v * size).ToArray();
        var error = TestData.RelativeDifference(buffer.Span.Slice(offset, size * batch), expected.AsSpan(offset, size * batch));
        Assert.That(error, Is.LessThanOrEqualTo(RoundingTolerance));
    }

    /// <summary>
    /// f_j = e^{i k x_j} with k = 2π n / L on x_j = −L/2 + j dx: f̂_κ = Σ_j e^{−2πi jκ/M} f_j = M e^{−ikL/2} δ_{κ, n mod M}.
    /// A spike at the index whose PeriodicGrid wavenumber is +k shows the forward sign is −1.
    /// </summary>
    [TestCase("fftw", 16, 3)]
    [TestCase("fftw", 17, -5)]
    [TestCase("fftw", 16, -8)]
    [TestCase("managed", 16, 3)]
    [TestCase("managed", 17, -5)]
    [TestCase("managed", 16, -8)]
    public void PlaneWave_TransformsToSpikeAtItsWavenumber(string backendName, int size, int mode)
    {
        var backend = TestData.Backend(backendName);
        var grid = new PeriodicGrid([size], [7.5]);
        var k = 2 * Math.PI * mode / grid.Lengths[0];
        var x = grid.Coordinates(0);
        using var buffer = TestData.Buffer(x.Select(xj => Complex.Exp(Complex.ImaginaryOne * k * xj)).ToArray());
        backend.Plan([size]).Execute(buffer, 0, FftDirection.Forward);

        var wavenumbers = grid.Wavenumbers(0);
        var spike = Enumerable.Range(0, size).MinBy(i => Math.Abs(wavenumbers[i] - k));
        Assert.That(wavenumbers[spike], Is.EqualTo(k).Within(RoundingTolerance * (1 + Math.Abs(k))), $"k = {k} is not a grid wavenumber");
        var expected = size * Complex.Exp(-Complex.ImaginaryOne * k * grid.Lengths[0] / 2);
        for (var i = 0; i < size; i++)
        {
            var target = i == spike ? expected : Complex.Zero;
            Assert.That(Complex.Abs(buffer[i] - target), Is.LessThanOrEqualTo(RoundingTolerance * size), $"index {i} (spike expected at {spike})");
        }
    }

    [Test]
    public void PlaneWave2D_TransformsToSpikeAtItsWavenumberPair()
    {
        foreach (var name in TestData.BackendNames())
        {
            var grid = new PeriodicGrid([9, 12], [3.0, 5.0]);
            int[] modes = [-2, 5];
            var k = modes.Select((n, a) => 2 * Math.PI * n / grid.Lengths[a]).ToArray();
            var values = new Complex[grid.Count];
            var x0 = grid.Coordinates(0);
            var x1 = grid.Coordinates(1);
            for (var i = 0; i < 9; i++)
            for (var j = 0; j < 12; j++)
                values[i * 12 + j] = Complex.Exp(Complex.ImaginaryOne * (k[0] * x0[i] + k[1] * x1[j]));
            using var buffer = TestData.Buffer(values);
            TestData.Backend(name).Plan([9, 12]).Execute(buffer, 0, FftDirection.Forward);
            var spike = ((modes[0] + 9) % 9) * 12 + (modes[1] + 12) % 12;
            for (var i = 0; i < values.Length; i++)
                Assert.That(Complex.Abs(buffer[i]), i == spike
                    ? Is.EqualTo((double)grid.Count).Within(RoundingTolerance * grid.Count)
                    : Is.LessThanOrEqualTo(RoundingTolerance * grid.Count), $"{name}: index {i}");
        }
    }

    /// <summary>Σ over all j of e^{sign·2πi Σ_a j_a k_a / M_a} f_j, the definition, O(size²).</summary>
    private static Complex[] DirectDft(ReadOnlySpan<Complex> f, int[] shape, int sign)
    {
        var size = f.Length;
        var result = new Complex[size];
        var jIndex = new int[shape.Length];
        var kIndex = new int[shape.Length];
        for (var k = 0; k < size; k++)
        {
            Unflatten(k, shape, kIndex);
            var sum = Complex.Zero;
            for (var j = 0; j < size; j++)
            {
                Unflatten(j, shape, jIndex);
                var phase = 0.0;
                for (var a = 0; a < shape.Length; a++) phase += (double)(jIndex[a] * kIndex[a] % shape[a]) / shape[a];
                sum += f[j] * Complex.Exp(new Complex(0, sign * 2 * Math.PI * phase));
            }
            result[k] = sum;
        }
        return result;
    }

    private static void Unflatten(int flat, int[] shape, int[] index)
    {
        for (var a = shape.Length - 1; a >= 0; a--)
        {
            index[a] = flat % shape[a];
            flat /= shape[a];
        }
    }
}
