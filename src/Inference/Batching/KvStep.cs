namespace Gateway.Inference.Batching;

/// <summary>
/// The KV memory one forward step binds, as its <see cref="BatchCache"/> lays it out: the past the graph reads
/// ([batch, kv_heads, PastLength, head_dim] per layer) and where it writes the present ([.., PresentLength, ..]).
/// The cache sizes both before handing them out; the step runner only binds them.
/// </summary>
internal readonly record struct KvStep(KvBufferSet Past, int PastLength, KvBufferSet Present, int PresentLength);
