namespace Gateway.Routing;
internal sealed class IntentPackageClassifier
{
    public static IIntentClassifier Load(string directory) => throw new InvalidDataException(directory);
}
