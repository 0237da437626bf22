using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Gateway.Inference.Models;
using Gateway.ModelKit.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Gateway.Inference.Batching;

/// <summary>
/// Runs one forward step of the decoder over a batch: binds ids, mask, positions and the past KV
/// from reusable buffers, lets ONNX Runtime write the present KV and logits straight into
/// preallocated memory, and hands back the last position's logits of each row as fp32.
/// </summary>
internal sealed class StepRunner : IDisposable
{
    private readonly DecoderModel _model;
    private readonly RunOptions _runOptions = new();
    private readonly List<string> _inputNames = [];
    private readonly List<string> _outputNames = [];
    private readonly List<OrtValue> _inputs = [];
    private readonly List<OrtValue> _outputs = [];
    private readonly TensorElementType _ioType;
    private readonly int _elementSize;
    private long[] _ids = new long[64];
    private long[] _positions = new long[64];
    private long[] _mask = new long[256];
    private byte[] _logits = GC.AllocateArray<byte>(1, pinned: true);
    private float[] _lastLogits = [];

    public StepRunner(DecoderModel model)
    {
        _model = model;
        _ioType = model.IoType == ElementType.Float16 ? TensorElementType.Float16 : TensorElementType.Float;
        _elementSize = model.IoType.ByteSize();
        _inputNames.Add(model.Config.InputIdsName);
        _inputNames.Add(model.Config.AttentionMaskName);
        if (model.HasPositionIds)
        {
            _inputNames.Add(model.Config.PositionIdsName!);
        }

        for (int layer = 0; layer < model.NumLayers; layer++)
        {
            _inputNames.Add(model.PastKeyNames[layer]);
            _inputNames.Add(model.PastValueNames[layer]);
        }

        _outputNames.Add(model.Config.LogitsName);
        for (int layer = 0; layer < model.NumLayers; layer++)
        {
            _outputNames.Add(model.PresentKeyNames[layer]);
            _outputNames.Add(model.PresentValueNames[layer]);
        }
    }

    /// <summary>Buffers the caller fills before <see cref="Run"/>: ids and positions [batch, seq], mask [batch, past + seq].</summary>
    public StepInputs Inputs(int batch, int seq, int past)
    {
        Grow(ref _ids, batch * seq);
        Grow(ref _positions, batch * seq);
        Grow(ref _mask, batch * (past + seq));
        return new StepInputs(_ids.AsSpan(0, batch * seq), _positions.AsSpan(0, batch * seq), _mask.AsSpan(0, batch * (past + seq)));
    }

    /// <summary>
    /// Runs the step over the KV memory its cache handed out (<see cref="BatchCache.Next"/>); returns the logits of
    /// each row's last position, [batch, vocab] fp32.
    /// </summary>
    public ReadOnlySpan<float> Run(int batch, int seq, KvStep kv)
    {
        int vocab = _model.VocabSize;
        long logitBytes = (long)batch * seq * vocab * _elementSize;
        if (_logits.LongLength < logitBytes)
        {
            _logits = GC.AllocateArray<byte>(checked((int)logitBytes), pinned: true);
        }

        try
        {
            Bind(batch, seq, kv, logitBytes);
            _model.Session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);
        }
        finally
        {
            DisposeAll(_inputs);
            DisposeAll(_outputs);
        }

        return LastPositionLogits(batch, seq, vocab);
    }

    public void Dispose() => _runOptions.Dispose();

    private void Bind(int batch, int seq, KvStep kv, long logitBytes)
    {
        long pastBytes = KvBufferSet.BytesFor(batch, kv.PastLength, _model.KvHeads, _model.HeadDim, _elementSize);
        long presentBytes = KvBufferSet.BytesFor(batch, kv.PresentLength, _model.KvHeads, _model.HeadDim, _elementSize);
        if (kv.Past.CapacityBytes < pastBytes || kv.Present.CapacityBytes < presentBytes)
        {
            // ONNX Runtime would write the present past the end of pinned memory.
            throw new InvalidOperationException($"the KV cache handed a step of {batch} rows less memory than lengths {kv.PastLength} and {kv.PresentLength} need");
        }

        int past = kv.PastLength;
        var memory = OrtMemoryInfo.DefaultInstance;
        _inputs.Add(OrtValue.CreateTensorValueFromMemory(memory, _ids.AsMemory(0, batch * seq), [batch, seq]));
        _inputs.Add(OrtValue.CreateTensorValueFromMemory(memory, _mask.AsMemory(0, batch * (past + seq)), [batch, past + seq]));
        if (_model.HasPositionIds)
        {
            _inputs.Add(OrtValue.CreateTensorValueFromMemory(memory, _positions.AsMemory(0, batch * seq), [batch, seq]));
        }

        long[] pastShape = [batch, _model.KvHeads, past, _model.HeadDim];
        long[] presentShape = [batch, _model.KvHeads, kv.PresentLength, _model.HeadDim];
        _outputs.Add(OrtValue.CreateTensorValueWithData(memory, _ioType, [batch, seq, _model.VocabSize], Pointer(_logits), logitBytes));
        for (int layer = 0; layer < _model.NumLayers; layer++)
        {
            _inputs.Add(OrtValue.CreateTensorValueWithData(memory, _ioType, pastShape, kv.Past.KeyPointer(layer), pastBytes));
            _inputs.Add(OrtValue.CreateTensorValueWithData(memory, _ioType, pastShape, kv.Past.ValuePointer(layer), pastBytes));
            _outputs.Add(OrtValue.CreateTensorValueWithData(memory, _ioType, presentShape, kv.Present.KeyPointer(layer), presentBytes));
            _outputs.Add(OrtValue.CreateTensorValueWithData(memory, _ioType, presentShape, kv.Present.ValuePointer(layer), presentBytes));
        }
    }

    private ReadOnlySpan<float> LastPositionLogits(int batch, int seq, int vocab)
    {
        Grow(ref _lastLogits, batch * vocab);
        for (int row = 0; row < batch; row++)
        {
            long start = (((long)row * seq) + seq - 1) * vocab;
            var target = _lastLogits.AsSpan(row * vocab, vocab);
            if (_ioType == TensorElementType.Float16)
            {
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(_logits.AsSpan((int)(start * 2), vocab * 2)), target);
            }
            else
            {
                MemoryMarshal.Cast<byte, float>(_logits.AsSpan((int)(start * 4), vocab * 4)).CopyTo(target);
            }
        }

        return _lastLogits.AsSpan(0, batch * vocab);
    }

    private static void Grow<T>(ref T[] buffer, int needed)
    {
        if (buffer.Length < needed)
        {
            buffer = new T[Math.Max(needed, buffer.Length * 2)];
        }
    }

    private static void DisposeAll(List<OrtValue> values)
    {
        foreach (var value in values)
        {
            value.Dispose();
        }

        values.Clear();
    }

    private static unsafe IntPtr Pointer(byte[] pinned) => (IntPtr)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}

/// <summary>Row-major input buffers of one step: ids and positions [batch, seq], mask [batch, past + seq].</summary>
internal readonly ref struct StepInputs(Span<long> ids, Span<long> positions, Span<long> mask)
{
    public Span<long> Ids { get; } = ids;
    public Span<long> Positions { get; } = positions;
    public Span<long> Mask { get; } = mask;
}
