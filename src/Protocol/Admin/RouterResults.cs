namespace Gateway.Protocol.Admin;

/// <summary>The intent router: its active and shadow versions, how often the shadow agreed, the registered versions.</summary>
public sealed record RouterStatus(string? Active, string? Shadow, ShadowAgreement Agreement, IReadOnlyDictionary<string, ModelVersionInfo>? Versions);

/// <summary>How often a shadow candidate picked the same department as the active intent model.</summary>
public sealed record ShadowAgreement(long Scored, long Agreed, double Rate);

public sealed record RouterVersionRegistered(string Version, string Path);

public sealed record RouterShadowStarted(string Shadow);

/// <param name="ShadowAgreement">The agreement measured while the new version was the shadow.</param>
public sealed record RouterActivated(string Version, string? Previous, ShadowAgreement ShadowAgreement);
