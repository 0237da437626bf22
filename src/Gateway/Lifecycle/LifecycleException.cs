namespace Gateway.Lifecycle;

/// <summary>An admin operation that cannot be done as asked; the message is returned to the admin and audited.</summary>
public sealed class LifecycleException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
