using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Gateway.Bench.GenAi;

/// <summary>
/// ONNX Runtime GenAI (0.18.0, CPU) on the same package, single stream, greedy: tokens/s and the token ids.
/// First tries the package exactly as written (and reports why it fails, if it does), then runs a copy whose
/// genai_config.json gets the tweaks GenAI needs plus the same intra-op thread count as the engine.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        string? model = null, ids = null, work = null;
        int tokens = 256, rounds = 3, threads = 2, promptLength = 32;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--model": model = Next(); break;
                case "--ids": ids = Next(); break;
                case "--work": work = Next(); break;
                case "--tokens": tokens = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--quick": tokens = 48; rounds = 1; break;
                default: throw new ArgumentException($"unknown argument {args[i]} (use --model DIR [--ids FILE] [--work DIR] [--tokens N] [--rounds N] [--threads N] [--quick])");
            }
        }

        if (model is null)
        {
            Console.Error.WriteLine("--model DIR is required");
            return 1;
        }

        // The prompt (and the engine's ids to compare with) come from Engine.Bench --ids-out; else the same formula.
        int[] prompt;
        int[]? expected = null;
        if (ids is not null)
        {
            var lines = File.ReadAllLines(ids);
            prompt = Parse(lines[0]);
            expected = Parse(lines[1]);
            tokens = expected.Length;
        }
        else
        {
            int vocab = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "genai_config.json")))!["model"]!["vocab_size"]!.GetValue<int>();
            prompt = [.. Enumerable.Range(0, promptLength).Select(i => 3 + ((i * 37) % (vocab - 3)))];
        }

        using var handle = new OgaHandle();
        Console.WriteLine($"GenAi.Bench  model={model}  genai 0.18.0 CPU  intra-op threads={threads}  prompt {prompt.Length}, {tokens} new tokens, rounds={rounds}");

        // 1. The package as our model kit writes it.
        Console.WriteLine("-- loading the package unchanged --");
        string? asIs = TryLoad(model);
        Console.WriteLine(asIs is null ? "   loads unchanged: yes" : $"   loads unchanged: NO: {asIs}");
        Console.WriteLine($"RESULT genai_loads_unchanged={(asIs is null ? "yes" : "no")}");

        // 2. A copy with tweaks: the fixes GenAI needs, and the engine's thread count for a fair comparison.
        work ??= Path.Combine(Path.GetTempPath(), "genai-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var tweaks = PrepareCopy(model, work, threads, prompt.Length + tokens);
        Console.WriteLine($"-- loading a tweaked copy at {work} --");
        foreach (string tweak in tweaks)
        {
            Console.WriteLine($"   tweak: {tweak}");
        }

        string? tweaked = TryLoad(work);
        if (tweaked is not null)
        {
            Console.WriteLine($"   loads tweaked: NO: {tweaked}");
            Console.WriteLine("RESULT genai_loads_tweaked=no");
            return 3;
        }

        Console.WriteLine("RESULT genai_loads_tweaked=yes");
        using var m = new Model(work);
        Generate(m, prompt, 8); // warm-up
        var tps = new List<double>();
        int[] generated = [];
        for (int round = 0; round < rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            generated = Generate(m, prompt, tokens);
            tps.Add(generated.Length / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        double median = tps.Order().ElementAt(tps.Count / 2);
        Console.WriteLine($"genai single stream: {median:F1} tokens/s (median; per round: {string.Join(' ', tps.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"genai ids (first 12): {string.Join(' ', generated.Take(12))}");
        Console.WriteLine($"RESULT genai_tps={median:G6}");
        if (generated.Length < tokens)
        {
            Console.WriteLine($"   note: GenAI stopped after {generated.Length} tokens (EOS or max_length)");
        }

        if (expected is not null)
        {
            int diff = Enumerable.Range(0, Math.Min(expected.Length, generated.Length)).FirstOrDefault(i => expected[i] != generated[i], -1);
            bool same = diff < 0 && expected.Length == generated.Length;
            Console.WriteLine(same
                ? $"token ids: GenAI and engine IDENTICAL ({generated.Length} ids)"
                : $"token ids: GenAI and engine DIFFER (first difference at index {(diff < 0 ? Math.Min(expected.Length, generated.Length) : diff)})");
            Console.WriteLine($"RESULT ids_match_genai_engine={(same ? "yes" : "no")}");
        }

        return 0;
    }

    private static int[] Generate(Model model, int[] prompt, int tokens)
    {
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", prompt.Length + tokens);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(model, parameters);
        generator.AppendTokens(prompt);
        int produced = 0;
        while (produced < tokens && !generator.IsDone())
        {
            generator.GenerateNextToken();
            produced++;
        }

        return generator.GetSequence(0)[prompt.Length..].ToArray();
    }

    private static string? TryLoad(string directory)
    {
        try
        {
            using var model = new Model(directory);
            using var parameters = new GeneratorParams(model);
            parameters.SetSearchOption("max_length", 40);
            using var generator = new Generator(model, parameters);
            generator.AppendTokens([5, 6, 7, 8]);
            generator.GenerateNextToken();
            return null;
        }
        catch (Exception e) when (e is OnnxRuntimeGenAIException or ArgumentException or InvalidOperationException)
        {
            return $"{e.GetType().Name}: {e.Message.Trim()}";
        }
    }

    /// <summary>Copies the package (the weights file is linked, not copied) and edits genai_config.json; returns what was changed.</summary>
    private static List<string> PrepareCopy(string source, string target, int threads, int maxLength)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        var tweaks = new List<string>();
        string path = Path.Combine(target, "genai_config.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var modelNode = root["model"]!.AsObject();
        foreach (string key in new[] { "bos_token_id", "pad_token_id" })
        {
            if (modelNode.TryGetPropertyValue(key, out var value) && value is null)
            {
                modelNode.Remove(key);
                tweaks.Add($"model.{key}: null removed (GenAI reads it as an integer)");
            }
        }

        var session = modelNode["decoder"]!["session_options"]!.AsObject();
        session["intra_op_num_threads"] = threads;
        session["inter_op_num_threads"] = 1;
        tweaks.Add($"model.decoder.session_options.intra_op_num_threads = {threads}, inter_op_num_threads = 1 (same threads as the engine; not needed to load)");
        var search = root["search"]!.AsObject();
        search["max_length"] = maxLength;
        tweaks.Add($"search.max_length = {maxLength} (prompt + new tokens; also set per request)");
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return tweaks;
    }

    private static int[] Parse(string line) =>
        [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}
