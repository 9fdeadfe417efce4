using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using ConvergenceSuite.Harness.External;
using ConvergenceSuite.Harness.Regression;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// The external contract's .npy reader against files written by numpy itself (External/npy, made by make_fixtures.py
/// there) and against byte layouts written by hand the way Julia's NPZ.jl and Fortran npy writers lay them out. The
/// expected values come from the formulas in make_fixtures.py, evaluated here, not from our writer.
/// </summary>
public class NpyReaderTests
{
    private static readonly string Fixtures = Path.Combine(TestContext.CurrentContext.TestDirectory, "External", "npy");

    private static NpyData Load(string name) => NpyReader.Read(File.ReadAllBytes(Path.Combine(Fixtures, name)), name);

    /// <summary>a[i, j] = 10 i + j + 0.25, shape (2, 3), in C order.</summary>
    private static double[] Real2D() => [0.25, 1.25, 2.25, 10.25, 11.25, 12.25];

    /// <summary>c[i, j, k] = (100 i + 10 j + k) + i (i − j + k/2), shape (2, 3, 4), in C order.</summary>
    private static Complex[] Complex3D()
    {
        var values = new List<Complex>();
        for (var i = 0; i < 2; i++)
        for (var j = 0; j < 3; j++)
        for (var k = 0; k < 4; k++)
            values.Add(new Complex(100 * i + 10 * j + k, i - j + 0.5 * k));
        return values.ToArray();
    }

    [TestCase("c_f8_2d.npy")]
    [TestCase("fortran_f8_2d.npy")]
    [TestCase("v2_f8_2d.npy")]
    public void Read_NumpyRealMatrix_InEitherOrderAndVersion_GivesCOrderValues(string file)
    {
        var data = Load(file);
        data.Shape.ShouldBe([2L, 3L]);
        data.IsComplex.ShouldBeFalse();
        data.RealValues(file).ShouldBe(Real2D());
    }

    [TestCase("c_c16_3d.npy")]
    [TestCase("fortran_c16_3d.npy")]
    [TestCase("fortran_c8_3d.npy")]
    public void Read_NumpyComplex3D_InEitherOrderAndPrecision_GivesCOrderValues(string file)
    {
        var data = Load(file);
        data.Shape.ShouldBe([2L, 3L, 4L]);
        data.IsComplex.ShouldBeTrue();
        // Every value is an integer or a half: exact in complex64 too.
        data.Values.ShouldBe(Complex3D());
    }

    [TestCase("be_f8_1d.npy")]
    [TestCase("f4_1d.npy")]
    [TestCase("v3_f8_1d.npy")]
    public void Read_NumpyVector_BigEndianFloat32OrVersion3_Reads(string file) =>
        Load(file).RealValues(file).ShouldBe([0.5, -1.25, 3.0]);

    [Test]
    public void Read_NumpyBigEndianComplex_Reads() =>
        Load("be_c16_1d.npy").Values.ShouldBe([new Complex(0.5, 3.0), new Complex(-1.25, -1.25), new Complex(3.0, 0.5)]);

    /// <summary>
    /// NPZ.jl writes every Julia array with 'fortran_order': True (vectors too), format 1.0, the header padded with spaces
    /// to a multiple of 16 bytes and ended by '\n', and the data in Julia's column-major order. The Julia matrix
    /// [1 2 3; 4 5 6] has shape (2, 3) and is stored 1, 4, 2, 5, 3, 6.
    /// </summary>
    [Test]
    public void Read_BytesAsNpzJlWritesThem_VectorAndMatrix()
    {
        var vector = JuliaStyle("{'descr': '<f8', 'fortran_order': True, 'shape': (3,), }", [0.5, -1.25, 3.0]);
        NpyReader.Read(vector, "v.npy").RealValues("v.npy").ShouldBe([0.5, -1.25, 3.0]);
        var matrix = JuliaStyle("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", [1, 4, 2, 5, 3, 6]);
        var data = NpyReader.Read(matrix, "m.npy");
        data.Shape.ShouldBe([2L, 3L]);
        data.RealValues("m.npy").ShouldBe([1.0, 2, 3, 4, 5, 6]);
    }

    /// <summary>Fortran npy writers print the shape with a trailing comma after every size, e.g. (2,3,).</summary>
    [Test]
    public void Read_FortranWriterShapeWithTrailingComma_Reads()
    {
        var bytes = JuliaStyle("{'descr': '<f8', 'fortran_order': True, 'shape': (2,3,), }", [1, 4, 2, 5, 3, 6]);
        NpyReader.Read(bytes, "f.npy").RealValues("f.npy").ShouldBe([1.0, 2, 3, 4, 5, 6]);
    }

    [Test]
    public void Read_KeysInAnotherOrderWithOtherSpacing_Reads()
    {
        var bytes = JuliaStyle("{ 'shape':(2,3),'fortran_order' : False , 'descr':'<f8' }", [1, 2, 3, 4, 5, 6]);
        NpyReader.Read(bytes, "k.npy").RealValues("k.npy").ShouldBe([1.0, 2, 3, 4, 5, 6]);
    }

    [Test]
    public void Read_OurOwnWriter_RoundTrips() =>
        NpyReader.Read(NpyArray.Write([1.0, 2.5]), "w.npy").RealValues("w.npy").ShouldBe([1.0, 2.5]);

    [TestCase("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", "element type '<i8'")]
    [TestCase("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "element type '|O'")]
    [TestCase("{'fortran_order': False, 'shape': (1,), }", "no 'descr'")]
    [TestCase("{'descr': '<f8', 'shape': (1,), }", "no 'fortran_order'")]
    [TestCase("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", "neither True nor False")]
    [TestCase("{'descr': '<f8', 'fortran_order': False, 'shape': 1, }", "not a tuple")]
    [TestCase("{'descr': '<f8', 'fortran_order': False, 'shape': (1,x), }", "not a tuple of sizes")]
    public void Read_UnsupportedOrMalformedHeader_ThrowsNamingTheProblem(string header, string expected)
    {
        var e = Should.Throw<ReferenceFileException>(() => NpyReader.Read(JuliaStyle(header, [1.0]), "bad.npy"));
        e.File.ShouldBe("bad.npy");
        e.Message.ShouldContain(expected);
    }

    [Test]
    public void Read_DataShorterOrLongerThanTheShape_Throws()
    {
        var bytes = JuliaStyle("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", [1, 2, 3, 4, 5, 6]);
        Should.Throw<ReferenceFileException>(() => NpyReader.Read(bytes[..^8], "t.npy")).Message.ShouldContain("truncated");
        Should.Throw<ReferenceFileException>(() => NpyReader.Read([.. bytes, 0, 0, 0, 0, 0, 0, 0, 0], "t.npy")).Message.ShouldContain("longer");
    }

    [Test]
    public void Read_UnknownVersion_Throws()
    {
        var bytes = JuliaStyle("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", [1.0]);
        bytes[6] = 4;
        Should.Throw<ReferenceFileException>(() => NpyReader.Read(bytes, "v.npy")).Message.ShouldContain("version 4");
    }

    /// <summary>Format 1.0 bytes laid out as NPZ.jl does: header padded with spaces so that magic + version + length +
    /// header + '\n' is a multiple of 16, then little-endian float64 data in the order given.</summary>
    private static byte[] JuliaStyle(string dict, double[] data)
    {
        var header = dict;
        while ((10 + header.Length + 1) % 16 != 0) header += " ";
        header += "\n";
        var bytes = new byte[10 + header.Length + 8 * data.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
        for (var i = 0; i < data.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(10 + header.Length + 8 * i), data[i]);
        return bytes;
    }
}
