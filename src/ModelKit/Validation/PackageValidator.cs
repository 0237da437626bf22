using System.Diagnostics;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.ModelKit.Runtime;
using Gateway.Text.Bpe;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Gateway.ModelKit.Validation;

/// <summary>
/// Decides whether a package may serve: manifest and hashes, genai_config.json, tokenizer files,
/// the graph's inputs and outputs against the config, and a short greedy generation. Each problem
/// names the file at fault; checks that depend on a broken file are skipped, not guessed.
/// </summary>
public static class PackageValidator
{
    public static ValidationReport Validate(string directory, ValidationOptions? options = null)
    {
        options ??= ValidationOptions.Default;
        var problems = new List<ValidationProblem>();
        var summary = new PackageSummary();
        if (!Directory.Exists(directory))
        {
            problems.Add(new(directory, "folder does not exist"));
            return new ValidationReport(directory, problems, summary);
        }

        summary = ManifestCheck.Run(directory, options, problems, summary);
        var config = Try(problems, GenAiConfig.FileName, () => GenAiConfig.Load(Path.Combine(directory, GenAiConfig.FileName)));
        var tokenizer = Try(problems, "tokenizer", () => TokenizerFiles.Load(directory));
        if (config is null)
        {
            return new ValidationReport(directory, problems, summary);
        }

        summary = summary with { ModelType = config.ModelType, Layers = config.NumHiddenLayers, VocabSize = config.VocabSize, ContextLength = config.ContextLength };
        if (tokenizer is not null)
        {
            CheckTokenizerAgainstConfig(tokenizer, config, problems);
        }

        string modelPath = Path.Combine(directory, config.DecoderFile);
        if (!File.Exists(modelPath))
        {
            problems.Add(new(config.DecoderFile, "file is missing (genai_config.json names it in model.decoder.filename)"));
            return new ValidationReport(directory, problems, summary);
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath);
        }
        catch (OnnxRuntimeException e)
        {
            problems.Add(new(config.DecoderFile, $"ONNX Runtime cannot load it: {e.Message}"));
            return new ValidationReport(directory, problems, summary);
        }

        using (session)
        {
            var ioType = DecoderGraphContract.Check(session, config, problems);
            summary = summary with { IoType = ioType?.ConfigName() };
            if (problems.Count == 0 && ioType is not null && options.SmokeTokens > 0)
            {
                summary = SmokeGeneration(directory, modelPath, config, ioType.Value, tokenizer, options.SmokeTokens, problems, summary);
            }
        }

        return new ValidationReport(directory, problems, summary);
    }

    private static void CheckTokenizerAgainstConfig(TokenizerDescription tokenizer, GenAiConfig config, List<ValidationProblem> problems)
    {
        if (tokenizer.VocabSize > config.VocabSize)
        {
            problems.Add(new(TokenizerFiles.TokenizerJson, $"has ids up to {tokenizer.VocabSize - 1} but genai_config.json model.vocab_size is {config.VocabSize}"));
        }

        foreach (int eos in config.EosTokenIds.Where(id => id < 0 || id >= config.VocabSize))
        {
            problems.Add(new(GenAiConfig.FileName, $"model.eos_token_id {eos} is outside the vocabulary (0..{config.VocabSize - 1})"));
        }
    }

    private static PackageSummary SmokeGeneration(
        string directory, string modelPath, GenAiConfig config, ElementType ioType, TokenizerDescription? tokenizer,
        int count, List<ValidationProblem> problems, PackageSummary summary)
    {
        // A short, fixed prompt of ordinary (non-special) ids: the point is that the graph runs with a
        // cache and yields finite logits of the right shape, not what it says.
        var prompt = Enumerable.Range(0, Math.Min(8, config.VocabSize)).Select(i => (long)(config.VocabSize - 1 - (i * 7 % config.VocabSize))).ToArray();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var decoder = new DecoderSession(modelPath, config.ToDecoderShape(ioType));
            var generated = SmokeRun(decoder, config, prompt, count);
            return summary with
            {
                SmokeTokens = generated,
                SmokeText = tokenizer is null ? null : TokenText.Decode(tokenizer, generated),
                SmokeDuration = stopwatch.Elapsed,
            };
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidDataException)
        {
            problems.Add(new(Path.GetRelativePath(directory, modelPath), $"smoke generation failed: {e.Message}"));
            return summary;
        }
    }

    private static List<long> SmokeRun(DecoderSession decoder, GenAiConfig config, long[] prompt, int count)
    {
        var shape = config.ToDecoderShape(ElementType.Float);
        var cache = KvCache.Empty(shape, 1);
        var tokens = new List<long>();
        long[] feed = prompt;
        for (int step = 0; step < count; step++)
        {
            var positions = Enumerable.Range(cache.Length, feed.Length).Select(p => (long)p).ToArray();
            var mask = Enumerable.Repeat(1L, cache.Length + feed.Length).ToArray();
            var (logits, present) = decoder.Forward(feed, mask, positions, 1, cache);
            if (logits.Length != feed.Length * config.VocabSize)
            {
                throw new InvalidDataException($"logits hold {logits.Length} values, expected {feed.Length} x {config.VocabSize}");
            }

            if (logits.Any(v => !float.IsFinite(v)))
            {
                throw new InvalidDataException("logits contain NaN or infinity");
            }

            cache = present;
            long next = DecoderSession.ArgMax(logits.AsSpan(logits.Length - config.VocabSize));
            tokens.Add(next);
            feed = [next];
        }

        return tokens;
    }

    private static T? Try<T>(List<ValidationProblem> problems, string file, Func<T> load) where T : class
    {
        try
        {
            return load();
        }
        catch (InvalidDataException e)
        {
            // The loaders' messages start with the file name; keep the problem's file consistent with it.
            int colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
            problems.Add(colon > 0 ? new(e.Message[..colon], e.Message[(colon + 2)..]) : new(file, e.Message));
            return null;
        }
    }
}
