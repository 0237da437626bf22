using Gateway.ModelKit.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Gateway.ModelKit.Runtime;

/// <summary>
/// A minimal, allocation-happy ONNX Runtime driver for a decoder graph: one forward step with an
/// explicit KV cache, and greedy decoding on top. Package validation and tests use it to prove a
/// graph works; the serving engine (src/Inference) is the product's fast path.
/// </summary>
public sealed class DecoderSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly DecoderShape _shape;

    public DecoderSession(string modelPath, DecoderShape shape, SessionOptions? options = null)
    {
        _shape = shape;
        _session = options is null ? new InferenceSession(modelPath) : new InferenceSession(modelPath, options);
    }

    public InferenceSession Session => _session;

    /// <summary>Runs one step. ids, mask and positions are row-major [batch, seq] / [batch, past+seq].</summary>
    /// <returns>Logits [batch, seq, vocab] and the cache extended by seq.</returns>
    public (float[] Logits, KvCache Present) Forward(long[] ids, long[] mask, long[] positions, int batch, KvCache past)
    {
        int seq = ids.Length / batch;
        var inputs = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
        var outputNames = new List<string> { _shape.Logits };
        try
        {
            inputs[_shape.InputIds] = OrtValue.CreateTensorValueFromMemory(ids, [batch, seq]);
            inputs[_shape.AttentionMask] = OrtValue.CreateTensorValueFromMemory(mask, [batch, mask.Length / batch]);
            if (_shape.PositionIds is not null)
            {
                inputs[_shape.PositionIds] = OrtValue.CreateTensorValueFromMemory(positions, [batch, seq]);
            }

            long[] pastDims = [batch, _shape.NumKvHeads, past.Length, _shape.HeadDim];
            for (int layer = 0; layer < _shape.NumLayers; layer++)
            {
                inputs[Name(_shape.PastKeyPattern, layer)] = ToIo(past.Keys[layer], pastDims);
                inputs[Name(_shape.PastValuePattern, layer)] = ToIo(past.Values[layer], pastDims);
                outputNames.Add(Name(_shape.PresentKeyPattern, layer));
                outputNames.Add(Name(_shape.PresentValuePattern, layer));
            }

            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, inputs, outputNames);
            var keys = new float[_shape.NumLayers][];
            var values = new float[_shape.NumLayers][];
            for (int layer = 0; layer < _shape.NumLayers; layer++)
            {
                keys[layer] = FromIo(outputs[1 + (2 * layer)]);
                values[layer] = FromIo(outputs[2 + (2 * layer)]);
            }

            return (FromIo(outputs[0]), new KvCache(keys, values, batch, past.Length + seq));
        }
        finally
        {
            foreach (var value in inputs.Values)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>Greedy decoding of one prompt; with the cache each step feeds one token, without it the whole sequence.</summary>
    public IReadOnlyList<long> GreedyGenerate(IReadOnlyList<long> prompt, int newTokens, bool useCache = true)
    {
        var tokens = prompt.ToList();
        var cache = KvCache.Empty(_shape, 1);
        for (int step = 0; step < newTokens; step++)
        {
            long[] feed = useCache && cache.Length > 0 ? [tokens[^1]] : tokens.ToArray();
            int start = useCache ? cache.Length : 0;
            var positions = Enumerable.Range(start, feed.Length).Select(p => (long)p).ToArray();
            var mask = Enumerable.Repeat(1L, start + feed.Length).ToArray();
            var (logits, present) = Forward(feed, mask, positions, 1, useCache ? cache : KvCache.Empty(_shape, 1));
            cache = present;
            tokens.Add(ArgMax(logits.AsSpan(logits.Length - _shape.VocabSize)));
        }

        return tokens.Skip(prompt.Count).ToList();
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    public void Dispose() => _session.Dispose();

    private static string Name(string pattern, int layer) => Llama.DecoderNames.Format(pattern, layer);

    private OrtValue ToIo(float[] values, long[] dims) => _shape.IoType == ElementType.Float16
        ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(values, v => (Float16)v), dims)
        : OrtValue.CreateTensorValueFromMemory(values, dims);

    private float[] FromIo(OrtValue value) => _shape.IoType == ElementType.Float16
        ? value.GetTensorDataAsSpan<Float16>().ToArray().Select(h => h.ToFloat()).ToArray()
        : value.GetTensorDataAsSpan<float>().ToArray();
}
