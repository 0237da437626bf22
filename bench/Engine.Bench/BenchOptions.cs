using System.Globalization;

namespace Gateway.Bench.Engine;

internal sealed record BenchOptions
{
    public string? Model { get; init; }
    public string? BuildModel { get; init; }
    public bool Quick { get; init; }
    public int Threads { get; init; } = 2;
    public int Rounds { get; init; } = 3;
    public string? IdsOut { get; init; }
    public bool SpinCheck { get; init; }

    /// <summary>Back-to-back pairs for the short measurements (single stream, step time): noise is fought with many short pairs.</summary>
    public int Pairs => Quick ? 2 : 4 * Rounds;

    public int PromptLength => 32;
    public int NewTokens => Quick ? 48 : 256;
    public int[] Concurrency => [1, 2, 4, 8];
    public int[] Contexts => Quick ? [32, 128] : [32, 128, 512];
    public int StepTokens => Quick ? 12 : 64;
    public int AllocTokens => Quick ? 96 : 512;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--model" => o with { Model = Next() },
                "--build-model" => o with { BuildModel = Next() },
                "--quick" => o with { Quick = true, Rounds = 1 },
                "--threads" => o with { Threads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rounds" => o with { Rounds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--ids-out" => o with { IdsOut = Next() },
                "--spin-check" => o with { SpinCheck = true },
                _ => throw new ArgumentException($"unknown argument {args[i]} (use --model DIR | --build-model DIR, --quick, --threads N, --rounds N, --ids-out FILE)"),
            };
        }

        return o;
    }
}
