using System.Security.Cryptography;
using System.Text;

namespace Gateway.Protocol.Security;

/// <summary>Compares secrets (keys, key hashes, tokens) in time that does not depend on where they differ.</summary>
public static class SecretComparer
{
    /// <summary>True when both are set and equal; a missing one never matches.</summary>
    public static bool FixedTimeEquals(string? presented, string? expected) =>
        presented is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
