using System.Text.Json.Nodes;
using Gateway.TestSupport;

namespace Gateway.Intent.Tests.Cli;

/// <summary>The real <c>gw</c> program, started as a child process on the committed model and data.</summary>
public class IntentCommandsTests
{
    [Fact]
    public void Predict_JsonLinesOnStdin_WritesOneRoutedLinePerInput()
    {
        var result = GwCli.RunWithInput("{\"text\":\"my VPN keeps disconnecting\"}\n\n{\"text\":\"how many days of parental leave do I get\"}\n", RepositoryFiles.Root,
            "intent", "predict", "--model", RepositoryFiles.DefaultModel);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("my VPN keeps disconnecting", lines[0]["text"]!.GetValue<string>());
        Assert.Equal("it", lines[0]["department"]!.GetValue<string>());
        Assert.Equal("hr", lines[1]["department"]!.GetValue<string>());
        Assert.Equal(3, lines[1]["scores"]!.AsObject().Count);
        Assert.InRange(lines[1]["confidence"]!.GetValue<double>(), 0.34, 1.0);
    }

    [Fact]
    public void Predict_LineWithoutText_FailsNamingTheLine()
    {
        var result = GwCli.RunWithInput("{\"message\":\"hi\"}\n", RepositoryFiles.Root, "intent", "predict", "--model", RepositoryFiles.DefaultModel);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("stdin line 1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_DevSet_PrintsAccuracyMacroF1ConfusionAndEce()
    {
        var result = GwCli.RunWithInput("", RepositoryFiles.Root, "intent", "eval", "--model", RepositoryFiles.DefaultModel, "--data", Path.Combine(RepositoryFiles.IntentData, "dev.jsonl"));

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string expected in new[] { "accuracy", "macro-F1", "ECE", "confusion", "support", "threshold" })
        {
            Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Train_SmallRun_WritesAPackageThatPredictLoads()
    {
        using var dir = new TemporaryDirectory();
        string output = dir.Combine("v9");
        string data = RepositoryFiles.CopyIntentDataSubset(dir.Combine("data"), keepEvery: 10);

        var train = GwCli.RunWithInput("", RepositoryFiles.Root, "intent", "train", "--data", data, "--out", output, "--epochs", "2", "--seed", "3");
        var predict = GwCli.RunWithInput("{\"text\":\"printer jammed\"}\n", RepositoryFiles.Root, "intent", "predict", "--model", output);

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("epoch   2/2", train.Stderr, StringComparison.Ordinal);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
    }
}
