using Gateway.Protocol.Security;

namespace Gateway.Protocol.Tests.Security;

public class SecretComparerTests
{
    [Theory]
    [InlineData("3f9a", "3f9a", true)]
    [InlineData("3f9a", "3f9b", false)]
    [InlineData("3f9a", "3f9a0", false)]
    [InlineData("tökén", "tökén", true)]
    [InlineData(null, "3f9a", false)]
    [InlineData("3f9a", null, false)]
    [InlineData(null, null, false)]
    public void FixedTimeEquals_MatchesOnlyTwoEqualSecrets(string? presented, string? expected, bool equal) =>
        Assert.Equal(equal, SecretComparer.FixedTimeEquals(presented, expected));
}
