using ConvergenceSuite.Harness.Regression;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Regression;

public class NpyArrayTests
{
    [Test]
    public void WriteRead_RoundTripsEveryBit()
    {
        double[] values = [0, -0.0, 1.0 / 3, double.Epsilon, double.MaxValue, -1e-300, Math.PI];
        var bytes = NpyArray.Write(values);
        ((bytes.Length - 8 * values.Length) % 64).ShouldBe(0, "data start on a 64-byte boundary");
        var back = NpyArray.Read(bytes, "x.npy");
        back.Select(BitConverter.DoubleToInt64Bits).ShouldBe(values.Select(BitConverter.DoubleToInt64Bits));
    }

    [Test]
    public void Write_IsDeterministic() => NpyArray.Write([1.0, 2.0]).ShouldBe(NpyArray.Write([1.0, 2.0]));

    [Test]
    public void Read_Truncated_ThrowsNamingTheFile()
    {
        var bytes = NpyArray.Write([1.0, 2.0, 3.0]);
        var e = Should.Throw<ReferenceFileException>(() => NpyArray.Read(bytes[..^3], "data/case.v1.npy"));
        e.File.ShouldBe("data/case.v1.npy");
        e.Message.ShouldContain("truncated");
    }

    [Test]
    public void Read_BadMagic_Throws() =>
        Should.Throw<ReferenceFileException>(() => NpyArray.Read("not numpy at all"u8.ToArray(), "f.npy")).Message.ShouldContain("magic");

    [Test]
    public void Read_OtherDtype_Throws()
    {
        var bytes = NpyArray.Write([1.0]);
        var text = System.Text.Encoding.ASCII.GetBytes("<f4");
        var at = System.Text.Encoding.ASCII.GetString(bytes).IndexOf("<f8", StringComparison.Ordinal);
        text.CopyTo(bytes, at);
        Should.Throw<ReferenceFileException>(() => NpyArray.Read(bytes, "f.npy")).Message.ShouldContain("float64");
    }
}
