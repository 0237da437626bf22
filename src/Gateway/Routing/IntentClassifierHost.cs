using Gateway.Protocol.Admin;
using Gateway.Text.Chat;

namespace Gateway.Routing;

/// <summary>
/// Holds the intent model in use, and optionally a candidate scoring the same traffic in its shadow.
/// Swapped as one reference, so requests in flight keep the classifier they started with; a replaced
/// classifier is disposed a little later, once no request can still be scoring with it.
/// </summary>
public sealed class IntentClassifierHost(TimeProvider clock)
{
    private static readonly TimeSpan DisposeDelay = TimeSpan.FromSeconds(5);
    private IIntentClassifier? _current;
    private IIntentClassifier? _shadow;

    public IIntentClassifier? Current => Volatile.Read(ref _current);
    public IIntentClassifier? Shadow => Volatile.Read(ref _shadow);
    public ShadowStats ShadowStats { get; private set; } = new();

    public void Swap(IIntentClassifier? classifier) => Retire(Interlocked.Exchange(ref _current, classifier));

    public void StartShadow(IIntentClassifier candidate)
    {
        ShadowStats = new ShadowStats();
        Retire(Interlocked.Exchange(ref _shadow, candidate));
    }

    /// <summary>Ends shadow scoring; a candidate that became the active model is not disposed.</summary>
    public void StopShadow()
    {
        var shadow = Interlocked.Exchange(ref _shadow, null);
        if (!ReferenceEquals(shadow, Current))
        {
            Retire(shadow);
        }
    }

    /// <summary>Scores the conversation with the shadow candidate too and counts whether it agrees.</summary>
    public void ScoreShadow(IReadOnlyList<ChatTurn> conversation, string activeLabel)
    {
        if (Shadow is { } shadow)
        {
            ShadowStats.Record(shadow.Score(conversation).Label == activeLabel);
        }
    }

    private void Retire(IIntentClassifier? classifier)
    {
        if (classifier is IDisposable disposable)
        {
            _ = Task.Delay(DisposeDelay, clock).ContinueWith(_ => disposable.Dispose(), TaskScheduler.Default);
        }
    }
}

/// <summary>How often the shadow candidate picked the same department as the active intent model.</summary>
public sealed class ShadowStats
{
    private long _scored;
    private long _agreed;

    public void Record(bool agreed)
    {
        Interlocked.Increment(ref _scored);
        if (agreed)
        {
            Interlocked.Increment(ref _agreed);
        }
    }

    public ShadowAgreement Snapshot()
    {
        long scored = Interlocked.Read(ref _scored), agreed = Interlocked.Read(ref _agreed);
        return new ShadowAgreement(scored, agreed, scored == 0 ? 0 : (double)agreed / scored);
    }
}
