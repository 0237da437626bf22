using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.ModelKit.Validation;
using Microsoft.ML.OnnxRuntime;

namespace Gateway.Inference.Models;

/// <summary>
/// A decoder graph loaded in ONNX Runtime with what the token loop must know about it: I/O names,
/// KV geometry and element type, context length and EOS ids, all read from genai_config.json and
/// checked against the graph so a package the engine cannot serve is refused at load.
/// </summary>
public sealed class DecoderModel : IDisposable
{
    private DecoderModel(InferenceSession session, GenAiConfig config, ElementType ioType, ExecutionProvider provider)
    {
        Session = session;
        Config = config;
        IoType = ioType;
        Provider = provider;
        PastKeyNames = Names(config.PastKeyNames);
        PastValueNames = Names(config.PastValueNames);
        PresentKeyNames = Names(config.PresentKeyNames);
        PresentValueNames = Names(config.PresentValueNames);
    }

    public InferenceSession Session { get; }
    public GenAiConfig Config { get; }

    /// <summary>Element type of logits and of the KV cache (float32 or float16).</summary>
    public ElementType IoType { get; }

    /// <summary>The device the session really runs on (CPU after a configured fallback).</summary>
    public ExecutionProvider Provider { get; }

    public int NumLayers => Config.NumHiddenLayers;
    public int KvHeads => Config.NumKeyValueHeads;
    public int HeadDim => Config.HeadSize;
    public int VocabSize => Config.VocabSize;
    public int ContextLength => Config.ContextLength;
    public bool HasPositionIds => Config.PositionIdsName is not null;
    public string[] PastKeyNames { get; }
    public string[] PastValueNames { get; }
    public string[] PresentKeyNames { get; }
    public string[] PresentValueNames { get; }

    public static DecoderModel Load(EngineOptions options, Action<string>? warn = null)
    {
        string dir = options.ModelDirectory;
        if (!Directory.Exists(dir))
        {
            throw new ModelLoadException($"model folder '{dir}' does not exist");
        }

        GenAiConfig config;
        try
        {
            config = GenAiConfig.Load(Path.Combine(dir, GenAiConfig.FileName));
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException($"cannot serve '{dir}': {e.Message}", e);
        }

        string modelPath = Path.Combine(dir, config.DecoderFile);
        if (!File.Exists(modelPath))
        {
            throw new ModelLoadException($"cannot serve '{dir}': {config.DecoderFile} is missing (genai_config.json model.decoder.filename)");
        }

        var provider = ExecutionProvider.Parse(options.Device);
        bool fellBack = false;
        using var sessionOptions = provider.CreateSessionOptions(options, message =>
        {
            fellBack = true;
            warn?.Invoke(message);
        });
        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"cannot serve '{dir}': ONNX Runtime cannot load {config.DecoderFile}: {e.Message}", e);
        }

        var problems = new List<ValidationProblem>();
        var ioType = DecoderGraphContract.Check(session, config, problems);
        if (problems.Count > 0 || ioType is null)
        {
            session.Dispose();
            throw new ModelLoadException($"cannot serve '{dir}': {string.Join("; ", problems)}");
        }

        return new DecoderModel(session, config, ioType.Value, fellBack ? ExecutionProvider.Cpu : provider);
    }

    public void Dispose() => Session.Dispose();

    private string[] Names(string pattern) =>
        Enumerable.Range(0, Config.NumHiddenLayers).Select(i => DecoderNames.Format(pattern, i)).ToArray();
}
