using Gateway.Intent.Classifier;
using Gateway.Intent.Featurization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Gateway.Intent.Scoring;

/// <summary>
/// One ONNX Runtime session over the classifier graph, run for one text at a time on the calling thread.
/// InferenceSession.Run is thread-safe; each call wraps its own arrays, so concurrent calls share nothing mutable.
/// </summary>
internal sealed class ClassifierSession : IDisposable
{
    private static readonly string[] InputNames = [IntentClassifierGraph.IndicesInput, IntentClassifierGraph.WeightsInput];
    private static readonly string[] OutputNames = [IntentClassifierGraph.ProbabilitiesOutput];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    public ClassifierSession(string modelPath, int labelCount, string labelsFile)
    {
        string name = Path.GetFileName(modelPath);
        using var options = new SessionOptions
        {
            // A tiny graph: one thread avoids pool hand-offs that cost more than the work.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            _session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{name}: ONNX Runtime cannot load it ({e.Message})", e);
        }

        try
        {
            CheckContract(name, labelCount, labelsFile);
        }
        catch
        {
            Dispose();
            throw;
        }

        LabelCount = labelCount;
    }

    public int LabelCount { get; }

    public float[] Probabilities(SparseFeatures features)
    {
        // An empty text still needs one entry: bucket 0 with weight 0 adds nothing, leaving softmax(bias).
        long[] indices = features.Count > 0 ? features.Indices : [0];
        float[] weights = features.Count > 0 ? features.Values : [0];
        var probabilities = new float[LabelCount];
        long[] shape = [1, indices.Length];
        using var indicesValue = OrtValue.CreateTensorValueFromMemory(indices, shape);
        using var weightsValue = OrtValue.CreateTensorValueFromMemory(weights, shape);
        using var output = OrtValue.CreateTensorValueFromMemory(probabilities, [1, LabelCount]);
        _session.Run(_runOptions, InputNames, [indicesValue, weightsValue], OutputNames, [output]);
        return probabilities;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private void CheckContract(string name, int labelCount, string labelsFile)
    {
        CheckInput(name, IntentClassifierGraph.IndicesInput, TensorElementType.Int64);
        CheckInput(name, IntentClassifierGraph.WeightsInput, TensorElementType.Float);
        if (!_session.OutputMetadata.TryGetValue(IntentClassifierGraph.ProbabilitiesOutput, out var output))
        {
            throw new InvalidDataException($"{name}: has no output '{IntentClassifierGraph.ProbabilitiesOutput}' (outputs: {string.Join(", ", _session.OutputMetadata.Keys)})");
        }

        int outputs = output.Dimensions.Length == 2 ? output.Dimensions[1] : -1;
        if (outputs != labelCount)
        {
            throw new InvalidDataException($"{labelsFile}: lists {labelCount} labels, but {name} outputs {outputs} probabilities per text");
        }
    }

    private void CheckInput(string name, string input, TensorElementType type)
    {
        if (!_session.InputMetadata.TryGetValue(input, out var meta) || meta.ElementDataType != type || meta.Dimensions.Length != 2)
        {
            throw new InvalidDataException($"{name}: expected input '{input}' of {type} [batch, features] (inputs: {string.Join(", ", _session.InputMetadata.Keys)})");
        }
    }
}
