using System.Globalization;

namespace Gateway.Bench.Swap;

internal sealed record SwapOptions(int Clients, double Window, int Rounds, double SwapEvery, int MaxTokens, int Threads, double Warmup)
{
    public static SwapOptions Parse(string[] args)
    {
        var o = args.Contains("--quick") ? new SwapOptions(8, 4, 2, 2, 8, 1, 4) : new SwapOptions(8, 8, 4, 2, 8, 1, 15);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--clients" => o with { Clients = (int)Number() },
                "--window" => o with { Window = Number() },
                "--rounds" => o with { Rounds = (int)Number() },
                "--swap-every" => o with { SwapEvery = Number() },
                "--max-tokens" => o with { MaxTokens = (int)Number() },
                "--threads" => o with { Threads = (int)Number() },
                "--warmup" => o with { Warmup = Number() },
                "--quick" => o,
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }
}
