using Gateway.Inference;
using Gateway.Text.Chat;

namespace Gateway.Worker.Hosting;

/// <summary>
/// One loaded model version and what the endpoints serve from it. Requests hold leases; after a swap
/// the old version is retired and its engine freed when the last request on it finishes.
/// </summary>
/// <param name="created">When this version was loaded (GET /v1/models says so as "created").</param>
public sealed class LoadedWorkerModel(InferenceEngine engine, ChatPrompter prompter, string department, string version, string directory, DateTimeOffset created)
{
    private readonly Lock _gate = new();
    private int _leases;
    private bool _retired;

    public InferenceEngine Engine { get; } = engine;
    public ChatPrompter Prompter { get; } = prompter;
    public string Department { get; } = department;
    public string Version { get; } = version;
    public string Directory { get; } = directory;
    public long CreatedUnix { get; } = created.ToUnixTimeSeconds();

    /// <summary>The department's indexed knowledge base; null when the worker serves without one.</summary>
    public Grounding.KnowledgeGrounding? Grounding { get; init; }

    /// <summary>Requests currently running on this version.</summary>
    public int Leases
    {
        get
        {
            lock (_gate)
            {
                return _leases;
            }
        }
    }

    public bool IsFreed { get; private set; }

    internal bool TryLease()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _leases++;
            return true;
        }
    }

    internal void Release()
    {
        bool free;
        lock (_gate)
        {
            _leases--;
            free = _retired && _leases == 0;
        }

        if (free)
        {
            Free();
        }
    }

    /// <summary>No new requests; the engine is freed now or when the last lease ends.</summary>
    internal void Retire()
    {
        bool free;
        lock (_gate)
        {
            _retired = true;
            free = _leases == 0;
        }

        if (free)
        {
            Free();
        }
    }

    private void Free()
    {
        Engine.Dispose();
        IsFreed = true;
    }
}

/// <summary>A request's hold on the model version it started with.</summary>
public sealed class ModelLease(LoadedWorkerModel model) : IDisposable
{
    private int _released;

    public LoadedWorkerModel Model { get; } = model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Model.Release();
        }
    }
}
