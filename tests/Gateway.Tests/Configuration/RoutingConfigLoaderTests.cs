using System.Text.Json.Nodes;
using Gateway.Configuration;

namespace Gateway.Tests.Configuration;

public class RoutingConfigLoaderTests
{
    private const string Valid = """
        {
          // comments are allowed
          "departments": {
            "hr": { "model": "models/hr/v0", "aliases": ["people"], "workers": [{ "port": 5101 }] },
            "it": { "model": "models/it/v0", "workers": [{ "port": 5102 }] }
          },
          "intent": { "model": "models/router/v1", "threshold": 0.6, "fallback": "it" },
          "keys": [{ "name": "bot", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "departments": ["hr"], "requestsPerMinute": 5 }],
          "adminKey": { "env": "GW_TEST_ADMIN" }
        }
        """;

    [Fact]
    public void Parse_ValidConfig_ReadsEverySection()
    {
        var config = Parse(Valid);

        Assert.Equal("local", config.Mode);
        Assert.Equal("http://127.0.0.1:8080", config.Listen);
        Assert.Equal("hr", config.ResolveDepartment("PEOPLE"));
        Assert.Equal(0.6, config.Intent.Threshold);
        Assert.Equal(["hr"], config.Keys.Single().Departments);
        Assert.Equal(RoutingConfigLoader.HashKey("admin-secret"), config.AdminKeySha256);
        Assert.Equal(new Uri("http://127.0.0.1:5102"), config.Departments["it"].Workers[0].BaseAddress);
    }

    [Theory]
    [InlineData("departments.hr.workers[0].port", 5101, 70000)]
    [InlineData("intent.fallback", "\"it\"", "\"finance\"")]
    [InlineData("intent.threshold", 0.6, 1.5)]
    [InlineData("keys[0].sha256", "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"", "\"abc\"")]
    [InlineData("keys[0].departments[0]", "[\"hr\"]", "[\"sales\"]")]
    [InlineData("keys[0].requestsPerMinute", 5, 0)]
    public void Parse_BadField_IsRefusedNamingTheField(string field, object good, object bad)
    {
        string text = Valid.Replace(Fragment(field, good), Fragment(field, bad), StringComparison.Ordinal);
        Assert.NotEqual(Valid, text);

        var error = Assert.Throws<RoutingConfigException>(() => Parse(text));

        Assert.StartsWith(field + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SamePortTwice_IsRefused()
    {
        var error = Assert.Throws<RoutingConfigException>(() => Parse(Valid.Replace("5102", "5101", StringComparison.Ordinal)));
        Assert.Equal("departments.it.workers[0].port: 5101 is used by another worker too", error.Message);
    }

    [Fact]
    public void Parse_AliasClash_IsRefused()
    {
        var error = Assert.Throws<RoutingConfigException>(() => Parse(Valid.Replace("\"people\"", "\"it\"", StringComparison.Ordinal)));
        Assert.Contains("'it' is already used", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AdminKeyVariableUnset_IsRefused()
    {
        var error = Assert.Throws<RoutingConfigException>(() => RoutingConfigLoader.Parse(Valid, "/repo", _ => null));
        Assert.Equal("adminKey.env: names the variable GW_TEST_ADMIN, which is not set", error.Message);
    }

    [Fact]
    public void Parse_ContainerModeWorkerWithoutAddress_IsRefused()
    {
        var node = JsonNode.Parse("""{"mode":"container","departments":{"it":{"workers":[{"port":1}]}},"intent":{"fallback":"it"}}""")!;
        var error = Assert.Throws<RoutingConfigException>(() => Parse(node.ToJsonString()));
        Assert.StartsWith("departments.it.workers[0].address:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_SaysSo() =>
        Assert.StartsWith("routing.json is not valid JSON", Assert.Throws<RoutingConfigException>(() => Parse("{")).Message, StringComparison.Ordinal);

    private static RoutingConfig Parse(string json) => RoutingConfigLoader.Parse(json, "/repo", name => name == "GW_TEST_ADMIN" ? "admin-secret" : null);

    private static string Fragment(string field, object value)
    {
        string last = field.Split('.')[^1];
        string name = last.Contains('[', StringComparison.Ordinal) ? last[..last.IndexOf('[', StringComparison.Ordinal)] : last;
        string text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
        return name == "departments" ? $"\"departments\": {text}" : $"\"{name}\": {text}";
    }
}
