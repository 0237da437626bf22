using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.ModelKit.Runtime;
using Gateway.ModelKit.Validation;

namespace Gateway.Cli.Eval;

/// <summary>
/// Teacher forcing: one forward pass of the model kit's <see cref="DecoderSession"/> over prompt + reference tokens,
/// giving the summed −log p of each reference token given everything before it. The prompt is the same one
/// generation uses (chat template, and grounding when it is on), so the numbers are comparable.
/// </summary>
internal sealed class ReferenceScorer : IDisposable
{
    private readonly DecoderSession _decoder;
    private readonly DecoderShape _shape;

    public ReferenceScorer(string packageDirectory)
    {
        var config = GenAiConfig.Load(Path.Combine(packageDirectory, GenAiConfig.FileName));
        string modelPath = Path.Combine(packageDirectory, config.DecoderFile);
        ContextLength = config.ContextLength;
        _shape = config.ToDecoderShape(ElementType.Float);
        _decoder = new DecoderSession(modelPath, _shape);
        var problems = new List<ValidationProblem>();
        var ioType = DecoderGraphContract.Check(_decoder.Session, config, problems)
            ?? throw new InvalidDataException($"{config.DecoderFile}: {string.Join("; ", problems.Select(p => p.Message))}");
        if (ioType != ElementType.Float)
        {
            _decoder.Dispose();
            _shape = config.ToDecoderShape(ioType);
            _decoder = new DecoderSession(modelPath, _shape);
        }
    }

    public int ContextLength { get; }

    /// <summary>The summed negative log-likelihood (nats) of the reference tokens and how many there are.</summary>
    public (double Nll, int Tokens) Score(IReadOnlyList<int> prompt, IReadOnlyList<int> reference)
    {
        if (prompt.Count == 0 || reference.Count == 0)
        {
            throw new ArgumentException("teacher forcing needs a prompt and at least one reference token");
        }

        long[] ids = [.. prompt.Select(t => (long)t), .. reference.Select(t => (long)t)];
        var positions = Enumerable.Range(0, ids.Length).Select(p => (long)p).ToArray();
        var mask = Enumerable.Repeat(1L, ids.Length).ToArray();
        var (logits, _) = _decoder.Forward(ids, mask, positions, 1, KvCache.Empty(_shape, 1));
        int vocab = _shape.VocabSize;
        double nll = 0;
        for (int i = 0; i < reference.Count; i++)
        {
            int position = prompt.Count + i - 1; // the logits at a position predict the next token
            nll -= LogSoftmax(logits.AsSpan(position * vocab, vocab), reference[i]);
        }

        return (nll, reference.Count);
    }

    public void Dispose() => _decoder.Dispose();

    private static double LogSoftmax(ReadOnlySpan<float> logits, int target)
    {
        double max = double.NegativeInfinity;
        foreach (float v in logits)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (float v in logits)
        {
            sum += Math.Exp(v - max);
        }

        return logits[target] - max - Math.Log(sum);
    }
}
