using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Bpe;

namespace Gateway.Bench.Engine;

/// <summary>
/// Builds the benchmark's model package: the <c>small</c> preset with random weights, and a byte-level BPE
/// tokenizer trained on a generated corpus (plus data/sample when found) so the vocabulary is the preset's
/// realistic 8192 rather than the ~600 tokens the sample corpus alone yields.
/// </summary>
internal static class BenchPackage
{
    public const int TargetVocab = 8192;

    /// <summary>
    /// Weight init std. The model kit's default 0.02 makes a random 6-layer model repeat one token forever, which
    /// makes "identical token ids" a weak check; 0.1 gives varied greedy output. Compute cost is the same.
    /// </summary>
    public const double InitStd = 0.1;

    public static void Build(string directory, int seed = 1, double initStd = InitStd)
    {
        var stopwatch = Stopwatch.StartNew();
        string scratch = Path.Combine(Path.GetTempPath(), "bench-tokenizer-" + Guid.NewGuid().ToString("N"));
        try
        {
            var texts = new List<string>(GeneratedCorpus(seed));
            if (FindSampleCorpus() is { } sample)
            {
                texts.AddRange(CorpusReader.ReadTexts(sample));
            }

            var trained = BpeTrainer.Train(texts, new BpeTrainingOptions { VocabSize = TargetVocab });
            trained.Save(scratch);
            var config = LlamaPresets.Create("small", trained.VocabSize);
            var weights = LlamaWeights.Random(config, seed, initStd);
            var spec = new PackageSpec
            {
                Department = "bench", Version = "v1", Overwrite = true,
                Training = new JsonObject { ["method"] = "random-init", ["preset"] = "small", ["seed"] = seed, ["init_std"] = initStd, ["tokenizer"] = "bench generated corpus" },
            };
            ModelPackageWriter.Write(directory, weights, scratch, spec);
            Console.WriteLine($"built {directory}: preset small, vocab {config.VocabSize}, {config.NumLayers} layers, " +
                $"{config.ParameterCount():N0} parameters, {stopwatch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>Deterministic pseudo-English: a Zipf-ish draw over a generated lexicon of syllable words.</summary>
    private static IEnumerable<string> GeneratedCorpus(int seed)
    {
        var random = new Random(seed);
        string[] onsets = ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr"];
        string[] nuclei = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "io", "ou", "y"];
        string[] codas = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "ng", "st", "ck"];
        var lexicon = new string[24000];
        for (int i = 0; i < lexicon.Length; i++)
        {
            var word = new StringBuilder();
            int syllables = 1 + random.Next(4);
            for (int s = 0; s < syllables; s++)
            {
                word.Append(onsets[random.Next(onsets.Length)]).Append(nuclei[random.Next(nuclei.Length)]).Append(codas[random.Next(codas.Length)]);
            }

            lexicon[i] = word.ToString();
        }

        string[] punctuation = [".", ",", "", "", "", "", "", "?", ";"];
        for (int line = 0; line < 6000; line++)
        {
            var text = new StringBuilder();
            int words = 8 + random.Next(24);
            for (int w = 0; w < words; w++)
            {
                // Zipf-ish: small indices much more often than large ones.
                double u = random.NextDouble();
                int index = (int)(lexicon.Length * u * u * u);
                text.Append(w == 0 ? "" : " ").Append(lexicon[index]).Append(punctuation[random.Next(punctuation.Length)]);
            }

            yield return text.ToString();
        }
    }

    private static string? FindSampleCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", "sample");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
