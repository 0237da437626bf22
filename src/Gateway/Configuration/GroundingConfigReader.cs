using Gateway.Grounding;

namespace Gateway.Configuration;

/// <summary>Reads and checks a department's "grounding" section; errors name the field (departments.hr.grounding.topK).</summary>
internal static class GroundingConfigReader
{
    public static GroundingConfig? Read(ConfigNode? node, string mode, string baseDirectory)
    {
        if (node is null)
        {
            return null;
        }

        var grounding = new GroundingConfig
        {
            Knowledge = node.Required("knowledge").String(),
            TopK = node.OptionalInt("topK"),
            Enabled = node.OptionalBool("enabled") ?? GroundingConfig.DefaultEnabled,
            Unit = ReadUnit(node.Optional("unit")),
        };
        if (grounding.TopK is < 1 or > GroundingSettings.MaxTopK)
        {
            throw node.Child("topK").Error($"must be 1..{GroundingSettings.MaxTopK}");
        }

        if (mode == "local" && !Directory.Exists(grounding.ResolveKnowledge(baseDirectory)))
        {
            throw node.Child("knowledge").Error($"folder {grounding.ResolveKnowledge(baseDirectory)} does not exist (the department's knowledge base, markdown files)");
        }

        return grounding;
    }

    private static RetrievalUnit? ReadUnit(ConfigNode? node) =>
        node is null ? null : RetrievalUnits.Parse(node.String()) ?? throw node.Error("must be \"section\" or \"sentence\"");
}
