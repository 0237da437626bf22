using Gateway.Intent.Scoring;
using Gateway.Text.Chat;

namespace Gateway.Routing;

/// <summary>The intent-model package (Gateway.Intent), scored in-process, as the router's classifier.</summary>
internal sealed class IntentPackageClassifier(IntentModel model) : IIntentClassifier, IDisposable
{
    public string Version => model.Version;

    public void Dispose() => model.Dispose();

    public static IntentPackageClassifier Load(string directory) => new(IntentModel.Load(directory));

    public IntentScores Score(IReadOnlyList<ChatTurn> conversation)
    {
        var prediction = model.Score(conversation);
        return new IntentScores(prediction.Label, prediction.Confidence,
            prediction.Scores.ToDictionary(s => s.Key, s => (double)s.Value), prediction.Reason);
    }
}
