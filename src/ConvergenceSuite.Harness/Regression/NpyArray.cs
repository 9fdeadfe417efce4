using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ConvergenceSuite.Harness.Regression;

/// <summary>
/// The NumPy .npy format, version 1.0, for one-dimensional little-endian float64 arrays ("&lt;f8", C order): the
/// magic "\x93NUMPY", version bytes 1 0, a little-endian uint16 header length, an ASCII header dict padded with
/// spaces and ending in '\n' so that the data start at a multiple of 64 bytes, then the raw doubles.
/// <c>numpy.load</c> and Julia's NPZ.jl read it. Writing is deterministic (same values → same bytes).
/// </summary>
public static class NpyArray
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int PreambleLength = 10;
    private const int Alignment = 64;

    /// <summary>The .npy bytes of a float64 vector.</summary>
    public static byte[] Write(IReadOnlyList<double> values)
    {
        var dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({values.Count},), }}");
        var padded = dict.Length + 1;
        var total = PreambleLength + padded;
        var pad = (Alignment - total % Alignment) % Alignment;
        var header = dict + new string(' ', pad) + "\n";
        var bytes = new byte[PreambleLength + header.Length + 8 * values.Count];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header, bytes.AsSpan(PreambleLength));
        var data = bytes.AsSpan(PreambleLength + header.Length);
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteDoubleLittleEndian(data[(8 * i)..], values[i]);
        return bytes;
    }

    /// <summary>Reads a float64 vector written by <see cref="Write"/> (or by numpy.save of a 1-D float64 array);
    /// anything else, and truncated or over-long data, throw <see cref="ReferenceFileException"/> naming <paramref name="file"/>.</summary>
    public static double[] Read(byte[] bytes, string file)
    {
        if (bytes.Length < PreambleLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ReferenceFileException(file, "not a .npy file (bad magic string)");
        if (bytes[6] != 1) throw new ReferenceFileException(file, $".npy format version {bytes[6]}.{bytes[7]} is not supported (1.0 only)");
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        if (PreambleLength + headerLength > bytes.Length) throw new ReferenceFileException(file, "truncated .npy header");
        var header = Encoding.ASCII.GetString(bytes, PreambleLength, headerLength);
        if (!header.Contains("'descr': '<f8'", StringComparison.Ordinal))
            throw new ReferenceFileException(file, $".npy header does not describe little-endian float64 data: {header.Trim()}");
        if (!header.Contains("'fortran_order': False", StringComparison.Ordinal))
            throw new ReferenceFileException(file, ".npy data in Fortran order are not supported");
        var open = header.IndexOf("'shape': (", StringComparison.Ordinal);
        var close = open < 0 ? -1 : header.IndexOf(')', open);
        if (open < 0 || close < 0) throw new ReferenceFileException(file, $".npy header has no shape: {header.Trim()}");
        var shapeText = header[(open + 10)..close].Trim().TrimEnd(',');
        if (!long.TryParse(shapeText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new ReferenceFileException(file, $".npy shape ({shapeText}) is not one-dimensional");
        var dataStart = PreambleLength + headerLength;
        var expected = dataStart + 8 * count;
        if (bytes.Length != expected)
            throw new ReferenceFileException(file, $".npy data are {(bytes.Length < expected ? "truncated" : "longer than the header says")}: {bytes.Length - dataStart} bytes for {count} float64 values");
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(dataStart + 8 * i));
        return values;
    }
}
