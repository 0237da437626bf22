using Gateway.Intent.Packaging;
using Gateway.Intent.Scoring;
using Gateway.ModelKit.Packaging;
using Gateway.TestSupport;

namespace Gateway.Intent.Tests.Scoring;

public class IntentModelLoadTests
{
    [Fact]
    public void Load_CorruptedModelOnnx_RefusesNamingTheFile()
    {
        using var dir = new TemporaryDirectory();
        RepositoryFiles.CopyPackage(RepositoryFiles.DefaultModel, dir.Path);
        string model = dir.Combine(IntentPackageLayout.ModelFile);
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(model, bytes);

        var e = Assert.Throws<InvalidDataException>(() => IntentModel.Load(dir.Path));

        Assert.StartsWith("model.onnx:", e.Message, StringComparison.Ordinal);
        Assert.Contains("sha256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LabelsJsonWithWrongCount_RefusesNamingTheFile()
    {
        using var dir = new TemporaryDirectory();
        RepositoryFiles.CopyPackage(RepositoryFiles.DefaultModel, dir.Path);
        IntentLabels.Save(dir.Path, ["hr", "it"]);
        Rehash(dir.Path); // a consistent manifest, so it is the label count that is refused, not the hash

        var e = Assert.Throws<InvalidDataException>(() => IntentModel.Load(dir.Path));

        Assert.StartsWith("labels.json:", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 labels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFeaturizerJson_RefusesNamingTheFile()
    {
        using var dir = new TemporaryDirectory();
        RepositoryFiles.CopyPackage(RepositoryFiles.DefaultModel, dir.Path);
        File.Delete(dir.Combine(IntentPackageLayout.FeaturizerFile));

        var e = Assert.Throws<InvalidDataException>(() => IntentModel.Load(dir.Path));

        Assert.StartsWith("featurizer.json:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PackageOfAnotherDepartment_Refuses()
    {
        using var dir = new TemporaryDirectory();
        RepositoryFiles.CopyPackage(RepositoryFiles.DefaultModel, dir.Path);
        (PackageManifest.Load(dir.Path) with { Department = "hr" }).Save(dir.Path);

        var e = Assert.Throws<InvalidDataException>(() => IntentModel.Load(dir.Path));

        Assert.StartsWith("manifest.json:", e.Message, StringComparison.Ordinal);
    }

    private static void Rehash(string directory) =>
        (PackageManifest.Load(directory) with { Files = PackageManifest.HashFiles(directory) }).Save(directory);
}
