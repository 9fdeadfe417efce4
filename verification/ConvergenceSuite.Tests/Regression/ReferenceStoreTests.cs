using ConvergenceSuite.Harness.Regression;
using NUnit.Framework;
using Shouldly;

namespace ConvergenceSuite.Tests.Regression;

/// <summary>Reference files: deterministic, atomic, and every changed or missing byte is reported with the file's name.</summary>
public class ReferenceStoreTests
{
    private DirectoryInfo _dir = null!;
    private ReferenceStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("refstore-");
        _store = new ReferenceStore(_dir.FullName);
    }

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private static ReferenceData Sample(int revision = 1) => new("case-a", new string('a', 64), revision,
        new ReferenceProvenance("split-step", "strang", "64 points on 20", 0.01, "FFTW", "abc", "10.0.100", ".NET 10", "2025-01-01T00:00:00Z"),
        [
            new Quantity("t", QuantityKind.SampleTimes, "times", [2], false, [0, 1]),
            new Quantity("z", QuantityKind.Correlations, "z", [2, 1, 1], true, [1, 0, 0.5, -0.25]),
        ]);

    [Test]
    public void SaveLoad_RoundTrips()
    {
        _store.Save(Sample());
        var back = _store.TryLoad("case-a")!;
        back.Revision.ShouldBe(1);
        back.Provenance.ShouldBe(Sample().Provenance);
        back.Quantities.Select(q => q.Name).ShouldBe(["t", "z"]);
        back.Quantities[1].Values.ShouldBe([1, 0, 0.5, -0.25]);
        back.Quantities[1].Shape.ShouldBe([2, 1, 1]);
        Directory.GetFiles(_dir.FullName, "*.tmp").ShouldBeEmpty();
    }

    [Test]
    public void Load_Missing_ReturnsNull() => _store.TryLoad("nothing").ShouldBeNull();

    [Test]
    public void Serialise_SameReference_SameBytes()
    {
        var (m1, d1) = _store.Serialise(Sample());
        var (m2, d2) = _store.Serialise(Sample());
        m1.ShouldBe(m2);
        d1.ShouldBe(d2);
    }

    [Test]
    public void Load_OneByteOfDataChanged_NamesTheDataFile()
    {
        _store.Save(Sample());
        var path = _store.DataPath("case-a");
        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var e = Should.Throw<ReferenceFileException>(() => _store.TryLoad("case-a"));
        e.File.ShouldBe(path);
        e.Message.ShouldContain("SHA-256 mismatch");
    }

    [Test]
    public void Load_DataTruncated_NamesTheDataFile()
    {
        _store.Save(Sample());
        var path = _store.DataPath("case-a");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^8]);
        Should.Throw<ReferenceFileException>(() => _store.TryLoad("case-a")).File.ShouldBe(path);
    }

    [Test]
    public void Load_OneByteOfEveryManifestPositionChanged_AlwaysNamesTheManifest()
    {
        _store.Save(Sample());
        var path = _store.ManifestPath("case-a");
        var original = File.ReadAllBytes(path);
        for (var i = 0; i < original.Length; i += 7)
        {
            var bytes = original.ToArray();
            bytes[i] = (byte)(bytes[i] == (byte)'7' ? '8' : '7');
            File.WriteAllBytes(path, bytes);
            var e = Should.Throw<ReferenceFileException>(() => _store.TryLoad("case-a"), $"byte {i}");
            e.File.ShouldBe(path, $"byte {i}");
        }
    }

    [Test]
    public void Load_MalformedJsonWithValidHashField_ReportsMalformedJson()
    {
        var path = _store.ManifestPath("case-a");
        Directory.CreateDirectory(_dir.FullName);
        // A manifest whose hash matches its (broken) content: only the JSON parser can object.
        var text = "{ \"manifestSha256\": \"\", ";
        var hash = ReferenceStore.Sha256(System.Text.Encoding.UTF8.GetBytes(text));
        File.WriteAllText(path, text.Replace("\"\"", $"\"{hash}\""));
        Should.Throw<ReferenceFileException>(() => _store.TryLoad("case-a")).Message.ShouldContain("malformed JSON");
    }

    [Test]
    public void Load_DataFileMissing_NamesIt()
    {
        _store.Save(Sample());
        File.Delete(_store.DataPath("case-a"));
        Should.Throw<ReferenceFileException>(() => _store.TryLoad("case-a")).File.ShouldBe(_store.DataPath("case-a"));
    }

    [Test]
    public void FileNames_CarryTheFormatVersion()
    {
        Path.GetFileName(_store.ManifestPath("x")).ShouldBe($"x.v{ReferenceStore.FormatVersion}.json");
        Path.GetFileName(_store.DataPath("x")).ShouldBe($"x.v{ReferenceStore.FormatVersion}.npy");
    }
}
