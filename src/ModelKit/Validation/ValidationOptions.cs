namespace Gateway.ModelKit.Validation;

/// <param name="SmokeTokens">Tokens to generate greedily with the KV cache; 0 skips the smoke generation.</param>
/// <param name="RequireManifest">Refuse a package without manifest.json (ours always have one; a raw export does not).</param>
public sealed record ValidationOptions(int SmokeTokens = 8, bool RequireManifest = true)
{
    public static ValidationOptions Default { get; } = new();
}
