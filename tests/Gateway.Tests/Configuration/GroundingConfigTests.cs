using Gateway.Configuration;
using Gateway.Grounding;
using Gateway.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Configuration;

public sealed class GroundingConfigTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public GroundingConfigTests() => Directory.CreateDirectory(_root.Combine("data", "hr", "kb"));

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Parse_Grounding_ReadsKnowledgeTopKAndEnabled()
    {
        var config = Parse("""{ "knowledge": "data/hr/kb", "topK": 5, "enabled": false }""");

        var grounding = config.Departments["hr"].Grounding!;
        Assert.Equal("data/hr/kb", grounding.Knowledge);
        Assert.Equal(5, grounding.TopK);
        Assert.False(grounding.Enabled);
        Assert.Equal(_root.Combine("data", "hr", "kb"), grounding.ResolveKnowledge(config.BaseDirectory));
        Assert.Null(config.Departments["it"].Grounding);
    }

    [Fact]
    public void Parse_GroundingDefaults_AreEnabledWithUnitAndTopKLeftToTheModel()
    {
        var grounding = Parse("""{ "knowledge": "data/hr/kb" }""").Departments["hr"].Grounding!;
        var child = new WorkerChild("hr", new WorkerConfig { Port = 5101 }, () => "/abs/model", "worker.dll", null, NullLogger.Instance, grounding);

        var args = child.Arguments().ToList();

        Assert.True(grounding.Enabled);
        Assert.Null(grounding.TopK);
        Assert.Null(grounding.Unit);
        Assert.DoesNotContain("--Worker:GroundingTopK", args);
        Assert.DoesNotContain("--Worker:GroundingUnit", args);
    }

    [Fact]
    public void Parse_SentenceUnit_IsPassedToTheWorker()
    {
        var grounding = Parse("""{ "knowledge": "data/hr/kb", "unit": "sentence" }""").Departments["hr"].Grounding!;
        var child = new WorkerChild("hr", new WorkerConfig { Port = 5101 }, () => "/abs/model", "worker.dll", null, NullLogger.Instance, grounding);

        var args = child.Arguments().ToList();

        Assert.Equal(RetrievalUnit.Sentence, grounding.Unit);
        Assert.Equal("sentence", args[args.IndexOf("--Worker:GroundingUnit") + 1]);
    }

    [Theory]
    [InlineData("""{ "knowledge": "data/hr/missing" }""", "departments.hr.grounding.knowledge: folder ")]
    [InlineData("""{ "topK": 3 }""", "departments.hr.grounding.knowledge: is required")]
    [InlineData("""{ "knowledge": "data/hr/kb", "topK": 0 }""", "departments.hr.grounding.topK: must be 1..20")]
    [InlineData("""{ "knowledge": "data/hr/kb", "topK": 21 }""", "departments.hr.grounding.topK: must be 1..20")]
    [InlineData("""{ "knowledge": "data/hr/kb", "topK": "3" }""", "departments.hr.grounding.topK: must be an integer")]
    [InlineData("""{ "knowledge": "data/hr/kb", "enabled": "yes" }""", "departments.hr.grounding.enabled: must be true or false")]
    [InlineData("""{ "knowledge": "data/hr/kb", "unit": "paragraph" }""", "departments.hr.grounding.unit: must be \"section\" or \"sentence\"")]
    public void Parse_BadGrounding_IsRefusedNamingTheField(string grounding, string error)
    {
        var e = Assert.Throws<RoutingConfigException>(() => Parse(grounding));

        Assert.StartsWith(error, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ContainerMode_DoesNotNeedTheFolderHere()
    {
        string json = """
            {
              "mode": "container",
              "departments": { "hr": { "workers": [{ "address": "http://hr:8080" }], "grounding": { "knowledge": "/kb/hr" } } },
              "intent": { "fallback": "hr" }
            }
            """;

        var config = RoutingConfigLoader.Parse(json, _root.Path, _ => null);

        Assert.Equal("/kb/hr", config.Departments["hr"].Grounding!.Knowledge);
    }

    [Fact]
    public void WorkerChild_PassesGroundingToTheLocalWorker()
    {
        var grounding = new GroundingConfig { Knowledge = "/abs/kb", TopK = 4, Enabled = false };
        var child = new WorkerChild("hr", new WorkerConfig { Port = 5101 }, () => "/abs/model", "worker.dll", null, NullLogger.Instance, grounding);

        var args = child.Arguments().ToList();

        Assert.Equal("/abs/kb", args[args.IndexOf("--knowledge") + 1]);
        Assert.Equal("4", args[args.IndexOf("--Worker:GroundingTopK") + 1]);
        Assert.Equal("false", args[args.IndexOf("--Worker:Grounding") + 1]);
        Assert.DoesNotContain("--knowledge", new WorkerChild("it", new WorkerConfig { Port = 5102 }, () => "/m", "w.dll", null, NullLogger.Instance).Arguments());
    }

    private RoutingConfig Parse(string grounding) => RoutingConfigLoader.Parse($$"""
        {
          "departments": {
            "hr": { "model": "models/hr/v0", "workers": [{ "port": 5101 }], "grounding": {{grounding}} },
            "it": { "model": "models/it/v0", "workers": [{ "port": 5102 }] }
          },
          "intent": { "fallback": "it" }
        }
        """, _root.Path, _ => null);
}
