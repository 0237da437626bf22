namespace Gateway.ModelKit.Runtime;

/// <summary>
/// How many sequences one decoder step may run together. The serving engine's batch size must lie in 1..<see cref="MaxSize"/>,
/// and the gateway refuses a routing.json asking a worker for more before it starts one. The bound lives here because
/// the model kit is the one project that both the engine and the gateway build on.
/// </summary>
public static class DecoderBatch
{
    public const int MaxSize = 256;
}
