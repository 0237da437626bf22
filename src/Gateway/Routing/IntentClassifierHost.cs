namespace Gateway.Routing;

/// <summary>
/// Holds the intent model in use. Swapped as one reference when routing.json names another package,
/// so requests in flight keep the classifier they started with.
/// </summary>
public sealed class IntentClassifierHost
{
    private IIntentClassifier? _current;

    public IIntentClassifier? Current => Volatile.Read(ref _current);

    public void Swap(IIntentClassifier? classifier) => Volatile.Write(ref _current, classifier);
}
