using System.Text.Json.Nodes;
using Gateway.Grounding;
using Gateway.ModelKit.Packaging;

namespace Gateway.Grounding.Tests;

public sealed class GroundingSettingsTests : IDisposable
{
    private readonly TemporaryDirectory _package = new();

    public void Dispose() => _package.Dispose();

    [Fact]
    public void For_NoSettings_TakesTheUnitAndTopKTheModelWasTrainedWith()
    {
        WriteManifest(new JsonObject { ["unit"] = "sentence", ["top_k"] = 3 });

        var settings = GroundingSettings.For(_package.Path, unit: null, topK: null);

        Assert.Equal((RetrievalUnit.Sentence, 3), (settings.Unit, settings.TopK));
        Assert.Equal("unit from the model's manifest, top-k from the model's manifest", settings.Source);
    }

    [Fact]
    public void For_Settings_WinOverTheManifest()
    {
        WriteManifest(new JsonObject { ["unit"] = "sentence", ["top_k"] = 3 });

        var settings = GroundingSettings.For(_package.Path, RetrievalUnit.Section, topK: null);

        Assert.Equal((RetrievalUnit.Section, 3), (settings.Unit, settings.TopK));
        Assert.Equal("unit from the settings, top-k from the model's manifest", settings.Source);
    }

    [Fact]
    public void For_NoManifestOrNoKnowledgeRecord_FallsBackToSectionsAndThree()
    {
        Assert.Equal((RetrievalUnit.Section, 3), Resolve());

        WriteManifest(knowledge: null);
        Assert.Equal((RetrievalUnit.Section, 3), Resolve());

        File.WriteAllText(_package.Combine(PackageManifest.FileName), "{ not json");
        Assert.Equal((RetrievalUnit.Section, 3), Resolve());
    }

    private (RetrievalUnit, int) Resolve()
    {
        var settings = GroundingSettings.For(_package.Path, null, null);
        return (settings.Unit, settings.TopK);
    }

    private void WriteManifest(JsonObject? knowledge)
    {
        var manifest = new PackageManifest { Department = "hr", Version = "v1", Created = DateTimeOffset.UnixEpoch, Files = new Dictionary<string, PackageFile>() };
        if (knowledge is not null)
        {
            manifest.Training["knowledge"] = knowledge;
        }

        manifest.Save(_package.Path);
    }
}
