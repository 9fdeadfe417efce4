using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using ConvergenceSuite.Harness.External;
using ConvergenceSuite.Harness.Regression;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.External;

/// <summary>
/// The contract's output reader accepts each complex quantity as one complex file or a real pair, flat or with its
/// logical shape, in C or Fortran order (as a Julia adapter writes it with NPZ.jl), and names what is wrong otherwise.
/// </summary>
public class ContractLayoutTests
{
    private const int S = 2, N = 2, M1 = 3, M2 = 2;
    private string _folder = "";

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "cs-layout-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, ExternalContract.OutputFolder));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static double[] Times => [0.0, 0.5];

    /// <summary>z[s, j, k] = s + 10 j + 100 k + i (j − k): distinct in every index, so a transposition shows.</summary>
    private static Complex Z(int s, int j, int k) => new(s + 10 * j + 100 * k, j - k);

    /// <summary>ψ[s, j, a, b] = s + 2 j + 0.1 a + 0.01 b + i (a − b).</summary>
    private static Complex Psi(int s, int j, int a, int b) => new(s + 2 * j + 0.1 * a + 0.01 * b, a - b);

    private static Complex[] ZInCOrder() =>
        [.. from s in Enumerable.Range(0, S) from j in Enumerable.Range(0, N) from k in Enumerable.Range(0, N) select Z(s, j, k)];

    private static Complex[] PsiInCOrder() =>
        [.. from s in Enumerable.Range(0, S) from j in Enumerable.Range(0, N) from a in Enumerable.Range(0, M1) from b in Enumerable.Range(0, M2) select Psi(s, j, a, b)];

    private void Write(string file, byte[] bytes) => File.WriteAllBytes(Path.Combine(_folder, ExternalContract.OutputFolder, file), bytes);

    private ExternalOutput Read() => ExternalContract.ReadOutput(_folder, N, M1 * M2, Times, storeStates: true, [M1, M2]);

    [Test]
    public void ReadOutput_JuliaStyleComplexFilesInFortranOrder_GivesTheLogicalValues()
    {
        Write("times.npy", Npy("<f8", fortran: true, [S], Times.Select(t => new Complex(t, 0)).ToArray()));
        Write("z.npy", Npy("<c16", fortran: true, [S, N, N], ZInCOrder()));
        Write("states.npy", Npy("<c16", fortran: true, [S, N, M1, M2], PsiInCOrder()));
        var output = Read();
        for (var s = 0; s < S; s++)
        for (var j = 0; j < N; j++)
        {
            for (var k = 0; k < N; k++) output.Correlations[s][j * N + k].ShouldBe(Z(s, j, k));
            for (var a = 0; a < M1; a++)
            for (var b = 0; b < M2; b++)
                output.States![s][j][a * M2 + b].ShouldBe(Psi(s, j, a, b));
        }
    }

    [Test]
    public void ReadOutput_RealPairsWithLogicalShapeInCOrder_GivesTheSameValues()
    {
        Write("times.npy", NpyArray.Write(Times));
        var z = ZInCOrder();
        Write("z_re.npy", Npy("<f8", fortran: false, [S, N, N], z.Select(v => new Complex(v.Real, 0)).ToArray()));
        Write("z_im.npy", Npy("<f8", fortran: true, [S, N, N], z.Select(v => new Complex(v.Imaginary, 0)).ToArray()));
        var psi = PsiInCOrder();
        Write("states_re.npy", Npy("<f8", fortran: false, [S, N, M1 * M2], psi.Select(v => new Complex(v.Real, 0)).ToArray()));
        Write("states_im.npy", NpyArray.Write(psi.Select(v => v.Imaginary).ToArray()));
        var output = Read();
        output.Correlations.SelectMany(c => c).ShouldBe(z);
        output.States!.SelectMany(s => s.SelectMany(p => p)).ShouldBe(psi);
    }

    [Test]
    public void ReadOutput_ShapeThatIsNotTheLogicalOne_IsRefusedNamingTheExpectedShape()
    {
        Write("times.npy", NpyArray.Write(Times));
        Write("z.npy", Npy("<c16", fortran: false, [S * N, N], ZInCOrder()));
        var e = Should.Throw<ExternalSolverException>(Read);
        e.Message.ShouldContain("out/z.npy has shape (4, 2)");
        e.Message.ShouldContain("(S, N, N)");
    }

    [Test]
    public void ReadOutput_BothFormsPresent_IsRefused()
    {
        Write("times.npy", NpyArray.Write(Times));
        Write("z.npy", Npy("<c16", fortran: false, [S, N, N], ZInCOrder()));
        Write("z_re.npy", NpyArray.Write(new double[S * N * N]));
        Should.Throw<ExternalSolverException>(Read).Message.ShouldContain("both present");
    }

    [Test]
    public void ReadOutput_RealSingleFile_IsRefused()
    {
        Write("times.npy", NpyArray.Write(Times));
        Write("z.npy", NpyArray.Write(new double[S * N * N]));
        Should.Throw<ExternalSolverException>(Read).Message.ShouldContain("must be complex");
    }

    [Test]
    public void ReadOutput_ComplexTimes_IsRefused()
    {
        Write("times.npy", Npy("<c16", fortran: false, [S], Times.Select(t => new Complex(t, 0)).ToArray()));
        Should.Throw<ExternalSolverException>(Read).Message.ShouldContain("out/times.npy holds complex numbers");
    }

    /// <summary>A .npy file of the given logical values (C order) stored in C or Fortran order.</summary>
    private static byte[] Npy(string descr, bool fortran, long[] shape, Complex[] cOrder)
    {
        var stored = fortran ? ToFortran(cOrder, shape) : cOrder;
        var complex = descr.Contains('c', StringComparison.Ordinal);
        var dict = string.Create(CultureInfo.InvariantCulture,
            $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), }}");
        while ((10 + dict.Length + 1) % 16 != 0) dict += " ";
        dict += "\n";
        var width = complex ? 16 : 8;
        var bytes = new byte[10 + dict.Length + width * stored.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)dict.Length);
        Encoding.ASCII.GetBytes(dict).CopyTo(bytes, 10);
        for (var i = 0; i < stored.Length; i++)
        {
            var at = bytes.AsSpan(10 + dict.Length + width * i);
            BinaryPrimitives.WriteDoubleLittleEndian(at, stored[i].Real);
            if (complex) BinaryPrimitives.WriteDoubleLittleEndian(at[8..], stored[i].Imaginary);
        }
        return bytes;
    }

    /// <summary>Column-major storage of a row-major array (first index fastest), written independently of the reader.</summary>
    private static Complex[] ToFortran(Complex[] cOrder, long[] shape)
    {
        var result = new Complex[cOrder.Length];
        var index = new long[shape.Length];
        for (var c = 0; c < cOrder.Length; c++)
        {
            // Fortran offset by Horner's rule from the last index down.
            long offset = 0;
            for (var a = shape.Length - 1; a >= 0; a--) offset = offset * shape[a] + index[a];
            result[offset] = cOrder[c];
            for (var a = shape.Length - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a]) break;
                index[a] = 0;
            }
        }
        return result;
    }
}
