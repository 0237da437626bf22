using System.Numerics.Tensors;
using Gateway.ModelKit.Packaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Gateway.Bench.Engine;

/// <summary>
/// The baseline: a plain, reasonably efficient ONNX Runtime greedy loop, batch 1. Each step's present.*
/// outputs (ORT-allocated OrtValues) are fed back unchanged as the next step's past_key_values.* inputs, so
/// no KV byte passes through managed memory; ids and positions live in two pinned one-element buffers; only the
/// mask's OrtValue is recreated per step (its shape grows). Argmax over the last position's logits.
/// </summary>
internal sealed class RawGreedyLoop : IDisposable
{
    private readonly InferenceSession _session;
    private readonly GenAiConfig _config;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _layers;
    private readonly bool _fp16;

    public RawGreedyLoop(string modelDirectory, int intraOpThreads, bool allowSpinning = true)
    {
        _config = GenAiConfig.Load(Path.Combine(modelDirectory, GenAiConfig.FileName));
        // The same settings as the engine's CPU session (src/Inference/Models/ExecutionProvider.cs).
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
        };
        if (!allowSpinning)
        {
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        _session = new InferenceSession(Path.Combine(modelDirectory, _config.DecoderFile), options);
        _layers = _config.NumHiddenLayers;
        var inputs = new List<string> { _config.InputIdsName, _config.AttentionMaskName };
        if (_config.PositionIdsName is { } positions)
        {
            inputs.Add(positions);
        }

        var outputs = new List<string> { _config.LogitsName };
        for (int layer = 0; layer < _layers; layer++)
        {
            inputs.Add(Format(_config.PastKeyNames, layer));
            inputs.Add(Format(_config.PastValueNames, layer));
            outputs.Add(Format(_config.PresentKeyNames, layer));
            outputs.Add(Format(_config.PresentValueNames, layer));
        }

        _inputNames = [.. inputs];
        _outputNames = [.. outputs];
        _fp16 = _session.OutputMetadata[_config.LogitsName].ElementDataType == TensorElementType.Float16;
    }

    public int VocabSize => _config.VocabSize;

    /// <summary>Greedy decoding; <paramref name="stepTicks"/>[i] is the Stopwatch timestamp when token i was chosen.</summary>
    public int[] Generate(IReadOnlyList<int> prompt, int newTokens, long[]? stepTicks = null) =>
        Generate([[.. prompt]], newTokens, stepTicks)[0];

    /// <summary>
    /// Static-batch greedy decoding of equal-length prompts (no padding, one shared length): the graph's own
    /// batching ceiling, with none of the engine's scheduling. Batch 1 is the baseline loop.
    /// </summary>
    public int[][] Generate(IReadOnlyList<int[]> prompts, int newTokens, long[]? stepTicks = null)
    {
        int batch = prompts.Count;
        int promptLength = prompts[0].Length;
        if (prompts.Any(p => p.Length != promptLength))
        {
            throw new ArgumentException("the raw loop batches equal-length prompts only");
        }

        var tokens = Enumerable.Range(0, batch).Select(_ => new int[newTokens]).ToArray();
        var mask = GC.AllocateArray<long>(batch * (promptLength + newTokens), pinned: true);
        Array.Fill(mask, 1L);
        var promptIds = prompts.SelectMany(p => p.Select(t => (long)t)).ToArray();
        var promptPositions = Enumerable.Range(0, batch * promptLength).Select(i => (long)(i % promptLength)).ToArray();
        var id = GC.AllocateArray<long>(batch, pinned: true);
        var position = GC.AllocateArray<long>(batch, pinned: true);

        using var runOptions = new RunOptions();
        var memory = OrtMemoryInfo.DefaultInstance;
        var inputs = new OrtValue[_inputNames.Length];
        int kvStart = _config.PositionIdsName is null ? 2 : 3;
        long[] emptyKv = [batch, _config.NumKeyValueHeads, 0, _config.HeadSize];
        using var emptyKvValue = _fp16
            ? OrtValue.CreateTensorValueFromMemory(Array.Empty<Float16>(), emptyKv)
            : OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), emptyKv);
        using var stepIds = OrtValue.CreateTensorValueFromMemory(memory, id.AsMemory(), [batch, 1]);
        using var stepPositions = OrtValue.CreateTensorValueFromMemory(memory, position.AsMemory(), [batch, 1]);

        // Prefill: the whole prompt against an empty cache.
        IDisposableReadOnlyCollection<OrtValue> outputs;
        using (var ids = OrtValue.CreateTensorValueFromMemory(promptIds, [batch, promptLength]))
        using (var positions = OrtValue.CreateTensorValueFromMemory(promptPositions, [batch, promptLength]))
        using (var promptMask = OrtValue.CreateTensorValueFromMemory(memory, mask.AsMemory(0, batch * promptLength), [batch, promptLength]))
        {
            inputs[0] = ids;
            inputs[1] = promptMask;
            if (kvStart == 3)
            {
                inputs[2] = positions;
            }

            for (int i = kvStart; i < inputs.Length; i++)
            {
                inputs[i] = emptyKvValue;
            }

            outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
        }

        try
        {
            int seq = promptLength;
            for (int step = 0; step < newTokens; step++)
            {
                for (int row = 0; row < batch; row++)
                {
                    int token = ArgMax(outputs[0], row, seq);
                    tokens[row][step] = token;
                    id[row] = token;
                }

                if (stepTicks is not null)
                {
                    stepTicks[step] = System.Diagnostics.Stopwatch.GetTimestamp();
                }

                if (step == newTokens - 1)
                {
                    break;
                }

                // Decode: one token per row; the previous present.* become this step's past_key_values.*.
                int total = promptLength + step + 1;
                Array.Fill(position, total - 1);
                using var stepMask = OrtValue.CreateTensorValueFromMemory(memory, mask.AsMemory(0, batch * total), [batch, total]);
                inputs[0] = stepIds;
                inputs[1] = stepMask;
                if (kvStart == 3)
                {
                    inputs[2] = stepPositions;
                }

                for (int i = 0; i < 2 * _layers; i++)
                {
                    inputs[kvStart + i] = outputs[1 + i];
                }

                var next = _session.Run(runOptions, _inputNames, inputs, _outputNames);
                outputs.Dispose();
                outputs = next;
                seq = 1;
            }
        }
        finally
        {
            outputs.Dispose();
        }

        return tokens;
    }

    public void Dispose() => _session.Dispose();

    /// <summary>Argmax over the logits of one row's last position ([batch, seq, vocab]).</summary>
    private int ArgMax(OrtValue logits, int row, int seq)
    {
        int vocab = _config.VocabSize;
        int start = ((row * seq) + seq - 1) * vocab;
        if (_fp16)
        {
            var half = logits.GetTensorDataAsSpan<Float16>().Slice(start, vocab);
            var converted = new float[vocab];
            for (int i = 0; i < vocab; i++)
            {
                converted[i] = (float)half[i];
            }

            return TensorPrimitives.IndexOfMax<float>(converted);
        }

        return TensorPrimitives.IndexOfMax(logits.GetTensorDataAsSpan<float>().Slice(start, vocab));
    }

    private static string Format(string pattern, int layer) => Gateway.ModelKit.Llama.DecoderNames.Format(pattern, layer);
}
