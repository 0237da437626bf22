using System.Diagnostics;
using System.Globalization;
using Gateway.ModelKit.Llama;
using Gateway.Training;
using Gateway.Training.Kernels;
using Gateway.Training.Model;
using Gateway.Training.Optimization;

// Training step throughput: forward + backward + AdamW on random token sequences, fp32, all cores.
// Usage: dotnet run -c Release --project bench/Training.Bench [-- --quick]
bool quick = args.Contains("--quick");
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"threads {Environment.ProcessorCount}, Vector256 {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}");

Console.WriteLine();
Console.WriteLine("| matmul (m×k×n) | ms | GFLOPS |");
Console.WriteLine("|---|---:|---:|");
foreach (var (m, k, n) in new[] { (2048, 256, 704), (2048, 704, 256), (704, 2048, 256), (256, 2048, 4096) })
{
    var a = new float[m * k];
    var b = new float[k * n];
    var c = new float[m * n];
    MatMul.Multiply(a, b, c, m, k, n);
    int reps = quick ? 3 : 10;
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < reps; i++)
    {
        MatMul.Multiply(a, b, c, m, k, n);
    }

    double ms = sw.Elapsed.TotalMilliseconds / reps;
    Console.WriteLine($"| {m}×{k}×{n} | {ms:F2} | {2.0 * m * k * n / ms / 1e6:F1} |");
}

Console.WriteLine();
Console.WriteLine("| model | params | batch × seq | step ms | tokens/s | fwd+bwd GFLOPS |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var (name, vocab) in new[] { (TrainingPresets.Department, 4096), ("small", 8192) })
{
    foreach (int seq in new[] { 256, 512 })
    {
        var config = TrainingPresets.Create(name, vocab);
        var parameters = LlamaParameters.From(LlamaWeights.Random(config, 1));
        var model = new LlamaTrainingModel(parameters);
        var optimizer = new AdamW(parameters);
        var rng = new Random(1);
        const int batch = 8;
        var sequences = Enumerable.Range(0, batch).Select(_ =>
            new TrainingSequence([.. Enumerable.Range(0, seq).Select(_ => rng.Next(vocab))], [.. Enumerable.Range(0, seq).Select(i => i > seq / 4)])).ToList();
        var packed = PackedBatch.From(sequences);
        void Step()
        {
            parameters.ZeroGrads();
            model.ForwardBackward(packed, 1f / packed.TargetCount);
            optimizer.Step(1e-4f);
        }

        Step();
        int steps = quick ? 2 : 4;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            Step();
        }

        double ms = sw.Elapsed.TotalMilliseconds / steps;
        double tokensPerSecond = packed.Rows / (ms / 1000);
        // 6 FLOPs per weight per token for the linear layers and LM head; causal attention averages seq/2 keys,
        // 2 products of 2 FLOPs per key and dimension forward, twice that backward.
        long linear = (long)config.NumLayers * ((config.HiddenSize * config.HeadDim * (2L * config.NumHeads + 2L * config.NumKvHeads)) + (3L * config.HiddenSize * config.IntermediateSize))
            + ((long)config.VocabSize * config.HiddenSize);
        double attention = 3.0 * config.NumLayers * 4.0 * (seq / 2.0) * config.NumHeads * config.HeadDim;
        double flopsPerToken = (6.0 * linear) + attention;
        Console.WriteLine($"| {name} (h {config.HiddenSize}, {config.NumLayers} layers, vocab {vocab}) | {config.ParameterCount() / 1e6:F2} M | {batch} × {seq} | {ms:F0} | {tokensPerSecond:N0} | {flopsPerToken * tokensPerSecond / 1e9:F1} |");
    }
}
