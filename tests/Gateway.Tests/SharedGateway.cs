namespace Gateway.Tests;

/// <summary>
/// One gateway (and its three workers) for the test classes that only send requests to it: no registrations,
/// reloads or killed workers, so none of them needs a fresh process. Starting it once instead of once per class
/// saves four process starts and model loads a class; the classes in it run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedGateway : ICollectionFixture<GatewayFixture>
{
    public const string Name = "shared gateway";
}
