using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using ConvergenceSuite.Harness.Regression;

namespace ConvergenceSuite.Harness.External;

/// <summary>An n-dimensional array read from a .npy file, its values in C (row-major, last index fastest) order.</summary>
/// <param name="Shape">The array's shape as the header gives it (empty for a scalar).</param>
/// <param name="Values">The values in C order, whatever the file's memory order; real arrays have zero imaginary parts.</param>
/// <param name="IsComplex">True when the file holds complex numbers ('c8' or 'c16').</param>
/// <param name="Descriptor">The header's 'descr', e.g. "&lt;f8".</param>
public sealed record NpyData(long[] Shape, Complex[] Values, bool IsComplex, string Descriptor)
{
    /// <summary>Π shape (1 for a scalar).</summary>
    public long Count => Shape.Aggregate(1L, (p, d) => p * d);

    /// <summary>The values as real numbers; throws when the array is complex.</summary>
    public double[] RealValues(string file) => IsComplex
        ? throw new ReferenceFileException(file, $"holds complex numbers ('{Descriptor}') where real numbers are expected")
        : Values.Select(v => v.Real).ToArray();
}

/// <summary>
/// A reader for every layout of the NumPy .npy format that the writers external solvers use produce for the types the
/// contract needs: format versions 1.0 (uint16 header length), 2.0 and 3.0 (uint32 header length; 3.0 has a UTF-8
/// header); element types float64 and float32 ('f8', 'f4', widened to double) and complex128 and complex64 ('c16',
/// 'c8'), little- or big-endian ('&lt;', '&gt;', and '=' meaning little-endian as every writer here runs on); C order or
/// Fortran order (<c>'fortran_order': True</c>, which Julia's NPZ.jl writes for every array, 1-D included, and
/// <c>numpy.save</c> writes for a Fortran-contiguous array), reordered to C order on reading; any number of dimensions.
/// Header keys may come in any order with any spacing; NPZ.jl pads its header to 16 bytes, numpy to 64: both are read.
/// Anything else, and truncated or over-long data, throws <see cref="ReferenceFileException"/> naming the file and the
/// problem (the external contract turns it into "out/&lt;file&gt; is malformed: …").
/// </summary>
public static class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Parses a .npy file's bytes.</summary>
    public static NpyData Read(byte[] bytes, string file)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 10 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ReferenceFileException(file, "not a .npy file (bad magic string)");
        var major = bytes[6];
        int headerStart;
        long headerLength;
        switch (major)
        {
            case 1:
                headerStart = 10;
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
                break;
            case 2 or 3:
                if (bytes.Length < 12) throw new ReferenceFileException(file, "truncated .npy header");
                headerStart = 12;
                headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
                break;
            default:
                throw new ReferenceFileException(file, $".npy format version {major}.{bytes[7]} is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (headerStart + headerLength > bytes.Length) throw new ReferenceFileException(file, "truncated .npy header");
        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes, headerStart, (int)headerLength);
        var descr = QuotedValue(header, "descr", file);
        var fortran = BooleanValue(header, "fortran_order", file);
        var shape = ShapeValue(header, file);
        var (size, isComplex, bigEndian) = ParseDescriptor(descr, file);
        var count = shape.Aggregate(1L, (p, d) => checked(p * d));
        var elementBytes = isComplex ? 2 * size : size;
        var dataStart = headerStart + headerLength;
        var expected = dataStart + count * elementBytes;
        if (bytes.LongLength != expected)
            throw new ReferenceFileException(file, Inv($".npy data are {(bytes.LongLength < expected ? "truncated" : "longer than the header says")}: {bytes.LongLength - dataStart} bytes for {count} values of '{descr}' (shape ({string.Join(", ", shape)}))"));

        var raw = new Complex[count];
        var data = bytes.AsSpan((int)dataStart);
        for (long i = 0; i < count; i++)
        {
            var at = (int)(i * elementBytes);
            var re = ReadFloat(data[at..], size, bigEndian);
            var im = isComplex ? ReadFloat(data[(at + size)..], size, bigEndian) : 0.0;
            raw[i] = new Complex(re, im);
        }
        var values = fortran && shape.Length > 1 ? FortranToC(raw, shape) : raw;
        return new NpyData(shape, values, isComplex, descr);
    }

    /// <summary>Reorders column-major (first index fastest) data into row-major (last index fastest) data.</summary>
    private static Complex[] FortranToC(Complex[] fortran, long[] shape)
    {
        var result = new Complex[fortran.Length];
        var d = shape.Length;
        var index = new long[d];
        // Walk the C order; the Fortran offset of (i_0, …, i_{d−1}) is Σ i_a Π_{b<a} shape_b.
        var strides = new long[d];
        strides[0] = 1;
        for (var a = 1; a < d; a++) strides[a] = strides[a - 1] * shape[a - 1];
        for (long c = 0; c < result.Length; c++)
        {
            long offset = 0;
            for (var a = 0; a < d; a++) offset += index[a] * strides[a];
            result[c] = fortran[offset];
            for (var a = d - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a]) break;
                index[a] = 0;
            }
        }
        return result;
    }

    private static double ReadFloat(ReadOnlySpan<byte> at, int size, bool bigEndian) => size == 8
        ? bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(at) : BinaryPrimitives.ReadDoubleLittleEndian(at)
        : bigEndian ? BinaryPrimitives.ReadSingleBigEndian(at) : BinaryPrimitives.ReadSingleLittleEndian(at);

    /// <summary>(bytes per real component, complex, big-endian) of a descriptor such as "&lt;f8" or "&gt;c16".</summary>
    private static (int Size, bool Complex, bool BigEndian) ParseDescriptor(string descr, string file)
    {
        if (descr.Length < 3) throw Unsupported(descr, file);
        var bigEndian = descr[0] switch
        {
            '<' or '=' => false,
            '>' => true,
            _ => throw Unsupported(descr, file),
        };
        return descr[1..] switch
        {
            "f8" => (8, false, bigEndian),
            "f4" => (4, false, bigEndian),
            "c16" => (8, true, bigEndian),
            "c8" => (4, true, bigEndian),
            _ => throw Unsupported(descr, file),
        };
    }

    private static ReferenceFileException Unsupported(string descr, string file) =>
        new(file, $".npy element type '{descr}' is not supported (float64 '<f8', float32 '<f4', complex128 '<c16', complex64 '<c8', either byte order)");

    private static int KeyValueStart(string header, string key, string file)
    {
        foreach (var quote in new[] { '\'', '"' })
        {
            var at = header.IndexOf(quote + key + quote, StringComparison.Ordinal);
            if (at < 0) continue;
            var colon = header.IndexOf(':', at + key.Length + 2);
            if (colon < 0) break;
            var i = colon + 1;
            while (i < header.Length && char.IsWhiteSpace(header[i])) i++;
            return i;
        }
        throw new ReferenceFileException(file, $".npy header has no '{key}': {header.Trim()}");
    }

    private static string QuotedValue(string header, string key, string file)
    {
        var i = KeyValueStart(header, key, file);
        if (i >= header.Length || header[i] is not ('\'' or '"'))
            throw new ReferenceFileException(file, $".npy header's '{key}' is not a string: {header.Trim()}");
        var end = header.IndexOf(header[i], i + 1);
        if (end < 0) throw new ReferenceFileException(file, $".npy header's '{key}' is not terminated: {header.Trim()}");
        return header[(i + 1)..end];
    }

    private static bool BooleanValue(string header, string key, string file)
    {
        var i = KeyValueStart(header, key, file);
        if (string.CompareOrdinal(header, i, "True", 0, 4) == 0) return true;
        if (string.CompareOrdinal(header, i, "False", 0, 5) == 0) return false;
        throw new ReferenceFileException(file, $".npy header's '{key}' is neither True nor False: {header.Trim()}");
    }

    private static long[] ShapeValue(string header, string file)
    {
        var i = KeyValueStart(header, "shape", file);
        var close = i < header.Length && header[i] == '(' ? header.IndexOf(')', i) : -1;
        if (close < 0) throw new ReferenceFileException(file, $".npy header's 'shape' is not a tuple: {header.Trim()}");
        var parts = header[(i + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new long[parts.Length];
        for (var a = 0; a < parts.Length; a++)
        {
            // Python 2 writers may append L to a long.
            var text = parts[a].TrimEnd('L');
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out shape[a]))
                throw new ReferenceFileException(file, $".npy header's shape ({header[(i + 1)..close]}) is not a tuple of sizes");
        }
        return shape;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
