using Gateway.Intent.Featurization;
using Gateway.Intent.Packaging;
using Gateway.Text.Chat;

namespace Gateway.Intent.Scoring;

/// <summary>
/// A loaded intent-model package: decides which department a message or conversation belongs to.
/// Thread-safe; load once and share.
/// </summary>
public sealed class IntentModel : IDisposable
{
    /// <summary>A last message under this many words ("and for my partner?" has 4, "and what about next week?" 5) is also scored with the earlier turns.</summary>
    public const int ShortMessageWords = 6;

    /// <summary>How many user turns, counting the last, are combined when earlier turns are consulted.</summary>
    public const int MaxCombinedTurns = 4;

    private const float DefaultThreshold = 0.5f;

    private readonly Featurizer _featurizer;
    private readonly ClassifierSession _session;

    private IntentModel(string directory, string version, IReadOnlyList<string> labels, float threshold, Featurizer featurizer, ClassifierSession session)
    {
        Directory = directory;
        Version = version;
        Labels = labels;
        Threshold = threshold;
        _featurizer = featurizer;
        _session = session;
    }

    public string Directory { get; }
    public string Version { get; }
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The recommended confidence threshold from the manifest's metrics.</summary>
    public float Threshold { get; }

    /// <summary>Verifies the package (manifest hashes, labels, featurizer settings, graph I/O) and loads it.</summary>
    /// <exception cref="InvalidDataException">A file is missing, altered or inconsistent; the message names it.</exception>
    public static IntentModel Load(string directory)
    {
        var manifest = PackageIntegrity.Verify(directory);
        var labels = IntentLabels.Load(directory);
        var featurizer = new Featurizer(FeaturizerSettings.Load(directory));
        float threshold = manifest.Metrics[IntentPackageLayout.ThresholdMetric]?.GetValue<float>() ?? DefaultThreshold;
        var session = new ClassifierSession(Path.Combine(directory, IntentPackageLayout.ModelFile), labels.Count, IntentPackageLayout.LabelsFile);
        return new IntentModel(Path.GetFullPath(directory), manifest.Version, labels, threshold, featurizer, session);
    }

    /// <summary>Scores one text on its own.</summary>
    public IntentPrediction Score(string text) => Predict(text, IntentReasons.Text);

    /// <summary>
    /// Scores a chat: the last user message first; when it is short or not confident, also that message with the
    /// earlier user turns, keeping whichever is more confident.
    /// </summary>
    public IntentPrediction Score(IReadOnlyList<ChatTurn> conversation)
    {
        var userTurns = conversation.Where(m => m.Is(ChatRoles.User)).Select(m => m.Content ?? "").ToList();
        if (userTurns.Count == 0)
        {
            return Predict("", IntentReasons.NoUserMessage);
        }

        string last = userTurns[^1];
        var alone = Predict(last, IntentReasons.LastUserMessage);
        bool needsContext = WordTokenizer.CountWords(last) < ShortMessageWords || !alone.IsConfident;
        if (userTurns.Count == 1 || !needsContext)
        {
            return alone;
        }

        string combined = string.Join("\n", userTurns.TakeLast(MaxCombinedTurns));
        var withContext = Predict(combined, IntentReasons.WithEarlierTurns);
        return withContext.Confidence > alone.Confidence ? withContext : alone;
    }

    /// <summary>Every label's probability for a text, in <see cref="Labels"/> order.</summary>
    public float[] Probabilities(string text) => _session.Probabilities(_featurizer.Featurize(text));

    public void Dispose() => _session.Dispose();

    private IntentPrediction Predict(string text, string reason)
    {
        var probabilities = Probabilities(text);
        int best = 0;
        var scores = new Dictionary<string, float>(Labels.Count, StringComparer.Ordinal);
        for (int k = 0; k < probabilities.Length; k++)
        {
            scores[Labels[k]] = probabilities[k];
            if (probabilities[k] > probabilities[best])
            {
                best = k;
            }
        }

        return new IntentPrediction(Labels[best], probabilities[best], scores, Version, reason, probabilities[best] >= Threshold);
    }
}
