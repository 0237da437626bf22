namespace Gateway.Protocol.Admin;

/// <summary>A package folder on the gateway's machine (a department version or an intent-model version).</summary>
public sealed record PathRequest(string Path);

/// <summary>A registered version to activate or to shadow.</summary>
public sealed record VersionRequest(string Version);

/// <param name="Percent">The department's share of traffic the canary gets, 1..99.</param>
public sealed record CanaryRequest(string Version, int Percent);
