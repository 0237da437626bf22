using System.Globalization;

namespace Gateway.Cli.Eval;

/// <summary>--verbose: each example's answers, recall, perplexity and the passages used.</summary>
internal static class EvalDetails
{
    public static void Print(IReadOnlyList<ExampleResult> results)
    {
        foreach (var result in results)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {result.Example.Line}: key facts {string.Join(" | ", result.Example.KeyFacts)}"));
            if (result.Grounded is { } grounded)
            {
                Print("grounded  ", grounded);
            }

            Print("ungrounded", result.Ungrounded);
        }
    }

    private static void Print(string label, SettingResult setting)
    {
        string recall = setting.Recall is double r ? r.ToString("F2", CultureInfo.InvariantCulture) : "-";
        string passages = setting.PassageIds is { } ids ? $", passages {string.Join(',', ids)}" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label} recall {recall}, perplexity {setting.Perplexity:F2}, prompt {setting.PromptTokens} tokens{passages}"));
        Console.WriteLine($"    answer: {setting.Answer.ReplaceLineEndings(" ")}");
    }
}
