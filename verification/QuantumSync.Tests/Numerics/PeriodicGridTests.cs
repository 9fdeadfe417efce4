using NUnit.Framework;
using QuantumSync.Numerics;

namespace QuantumSync.Tests.Numerics;

[TestFixture]
public sealed class PeriodicGridTests
{
    /// <summary>Coordinates and wavenumbers are a few products of doubles: rounding only, a few ε relative.</summary>
    private const double RoundingTolerance = 1e-14;

    [TestCase(16, 20.0)]
    [TestCase(17, 6.0)]
    public void Coordinates_StartAtMinusHalfLengthWithSpacingLengthOverSize(int size, double length)
    {
        var grid = new PeriodicGrid([size], [length]);
        var x = grid.Coordinates(0);
        Assert.That(grid.Spacings[0], Is.EqualTo(length / size).Within(RoundingTolerance));
        Assert.That(x, Has.Length.EqualTo(size));
        Assert.That(x[0], Is.EqualTo(-length / 2).Within(RoundingTolerance * length));
        Assert.That(x[^1], Is.EqualTo(length / 2 - length / size).Within(RoundingTolerance * length), "the box is half-open: +L/2 is not a point");
        for (var i = 1; i < size; i++) Assert.That(x[i] - x[i - 1], Is.EqualTo(length / size).Within(RoundingTolerance * length));
    }

    [Test]
    public void Wavenumbers_OddSize_AreSymmetricInFftOrder()
    {
        var grid = new PeriodicGrid([5], [2 * Math.PI]);
        Assert.That(grid.Wavenumbers(0), Is.EqualTo(new[] { 0.0, 1, 2, -2, -1 }).Within(RoundingTolerance));
    }

    [Test]
    public void Wavenumbers_EvenSize_PutNyquistAtMinusHalfSize()
    {
        var grid = new PeriodicGrid([6], [2 * Math.PI]);
        Assert.That(grid.Wavenumbers(0), Is.EqualTo(new[] { 0.0, 1, 2, -3, -2, -1 }).Within(RoundingTolerance));
    }

    [Test]
    public void Wavenumbers_ScaleAsTwoPiOverLength()
    {
        var grid = new PeriodicGrid([8, 7], [4.0, 3.0]);
        var k0 = grid.Wavenumbers(0);
        var k1 = grid.Wavenumbers(1);
        Assert.That(k0[1], Is.EqualTo(2 * Math.PI / 4.0).Within(RoundingTolerance));
        Assert.That(k0[4], Is.EqualTo(-Math.PI / grid.Spacings[0]).Within(RoundingTolerance), "Nyquist = −π/dx");
        Assert.That(k1[3], Is.EqualTo(3 * 2 * Math.PI / 3.0).Within(RoundingTolerance));
        Assert.That(k1[4], Is.EqualTo(-3 * 2 * Math.PI / 3.0).Within(RoundingTolerance));
    }

    [Test]
    public void CellVolume_IsProductOfSpacings()
    {
        var grid = new PeriodicGrid([8, 6, 5], [2.0, 3.0, 10.0]);
        Assert.That(grid.Count, Is.EqualTo(240));
        Assert.That(grid.CellVolume, Is.EqualTo(0.25 * 0.5 * 2.0).Within(RoundingTolerance));
        Assert.That(grid.CellVolume * grid.Count, Is.EqualTo(60.0).Within(RoundingTolerance * 60), "ΣdV = box volume");
    }

    [Test]
    public void Evaluate_IsRowMajorWithLastAxisFastest()
    {
        var grid = new PeriodicGrid([3, 4], [3.0, 4.0]);
        var values = grid.Evaluate(p => 10 * p[0] + p[1]);
        var x0 = grid.Coordinates(0);
        var x1 = grid.Coordinates(1);
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 4; j++)
            Assert.That(values[i * 4 + j], Is.EqualTo(10 * x0[i] + x1[j]).Within(RoundingTolerance * 100));
    }

    [Test]
    public void WavenumberSquared_IsSumOfSquaresInRowMajorFftOrder()
    {
        var grid = new PeriodicGrid([4, 5], [2 * Math.PI, 2 * Math.PI]);
        var k2 = grid.WavenumberSquared();
        var k0 = grid.Wavenumbers(0);
        var k1 = grid.Wavenumbers(1);
        for (var i = 0; i < 4; i++)
        for (var j = 0; j < 5; j++)
            Assert.That(k2[i * 5 + j], Is.EqualTo(k0[i] * k0[i] + k1[j] * k1[j]).Within(RoundingTolerance * 100));
    }

    [Test]
    public void Constructor_RejectsInvalidSizesAndLengths()
    {
        Assert.Throws<ArgumentException>(() => _ = new PeriodicGrid([1], [1.0]));
        Assert.Throws<ArgumentException>(() => _ = new PeriodicGrid([4], [0.0]));
        Assert.Throws<ArgumentException>(() => _ = new PeriodicGrid([4], [double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => _ = new PeriodicGrid([4, 4], [1.0]));
        Assert.Throws<ArgumentException>(() => _ = new PeriodicGrid([2, 2, 2, 2], [1.0, 1, 1, 1]));
    }

    [Test]
    public void Equals_ComparesSizesAndLengths()
    {
        Assert.That(PeriodicGrid.Cube(2, 8, 3.0), Is.EqualTo(new PeriodicGrid([8, 8], [3.0, 3.0])));
        Assert.That(PeriodicGrid.Cube(2, 8, 3.0), Is.Not.EqualTo(new PeriodicGrid([8, 8], [3.0, 3.5])));
    }
}
