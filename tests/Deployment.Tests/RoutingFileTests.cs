using Gateway.Configuration;

namespace Gateway.Deployment.Tests;

/// <summary>deploy/routing.container.json through the gateway's own loader.</summary>
public class RoutingFileTests
{
    [Fact]
    public void ContainerRoutingFile_PassesTheGatewaysLoader_InContainerMode()
    {
        var config = Repo.Routing;
        Assert.Equal("container", config.Mode);
        Assert.Equal(RoutingConfigLoader.HashKey("test-admin-key"), config.AdminKeySha256);
        Assert.Equal("test-worker-token", config.Lifecycle.WorkerToken);
        Assert.Equal(new Uri($"http://0.0.0.0:{Repo.ContainerPort}"), new Uri(config.Listen));
        Assert.All(config.Departments.Values.SelectMany(d => d.Workers), w => Assert.NotNull(w.Address));
    }

    [Theory]
    [InlineData(Repo.AdminKeyVariable)]
    [InlineData(Repo.WorkerTokenVariable)]
    public void ContainerRoutingFile_WithoutItsSecret_IsRefusedNamingTheVariable(string variable)
    {
        var error = Assert.Throws<RoutingConfigException>(() =>
            RoutingConfigLoader.Parse(Repo.RoutingText, "/config", name => name == variable ? null : Repo.Environment(name)));
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPackageTheRoutingFileNames_IsBakedIntoTheImages_AndItsDepartmentsMatchTheLocalRoutingFile()
    {
        var container = Repo.Routing;
        var local = RoutingConfigLoader.Load(Repo.File("routing.json"));
        Assert.Equal(local.Departments.Keys.Order(StringComparer.Ordinal), container.Departments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(local.Intent.Fallback, container.Intent.Fallback);
        foreach (var (department, settings) in container.Departments)
        {
            Assert.True(Directory.Exists(Repo.RepositoryPathOf(settings.Model!)), $"{department}: models/ has no {settings.Model}");
            Assert.Equal(local.Departments[department].Aliases, settings.Aliases);
        }

        Assert.True(Directory.Exists(Repo.RepositoryPathOf(container.Intent.Model!)), container.Intent.Model);
    }
}
