using System.Globalization;
using Gateway.ModelKit.Packaging;
using Gateway.ModelKit.Validation;

namespace Gateway.Cli.Tests.Eval;

public class EvalCommandTests
{
    private const string EvalLines = """
        {"messages":[{"role":"user","content":"How many days of annual leave do employees receive?"}],"key_facts":["28 days","public holidays"],"reference":"Employees receive 28 days of paid annual leave plus public holidays."}
        {"messages":[{"role":"user","content":"When are payslips published?"}],"key_facts":["25th"],"reference":"Payslips are published in the HR portal on the 25th of each month."}
        {"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Which VPN client do we use?"}],"key_facts":["SecureLink"],"reference":"The VPN client is SecureLink."}
        """;

    [Fact]
    public void Eval_WithKnowledgeAndWriteManifest_PrintsTheTableAndRecordsValidMetrics()
    {
        using var dir = new TempFolder();
        string package = CopyPackage(dir);
        string data = dir.Combine("eval.jsonl");
        File.WriteAllText(data, EvalLines);
        string knowledge = WriteKnowledge(dir);

        var result = GwCli.Run("eval", "--model", package, "--data", data, "--knowledge", knowledge, "--top-k", "2", "--max-tokens", "8", "--write-manifest", "--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("key-fact recall", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("perplexity", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("grounded", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("passages leave.md#0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("facts in context        1.000", result.Stdout, StringComparison.Ordinal);

        var eval = PackageManifest.Load(package).Metrics["eval"]!.AsObject();
        foreach (string recall in new[] { "keyFactRecall", "keyFactRecallUngrounded" })
        {
            Assert.InRange(eval[recall]!.GetValue<double>(), 0, 1);
        }

        foreach (string perplexity in new[] { "perplexity", "perplexityUngrounded" })
        {
            double value = eval[perplexity]!.GetValue<double>();
            Assert.True(double.IsFinite(value) && value > 1, $"{perplexity} = {value}");
        }

        Assert.Equal(1.0, eval["keyFactsInContext"]!.GetValue<double>());
        Assert.Equal("section", eval["unit"]!.GetValue<string>());
        Assert.Equal(3, eval["examples"]!.GetValue<int>());
        Assert.Equal(Sha256(data), eval["data"]!.GetValue<string>());
        var report = PackageValidator.Validate(package);
        Assert.True(report.IsValid, string.Join("\n", report.Problems));
    }

    [Fact]
    public void Eval_WithoutKnowledge_ReportsUngroundedOnly()
    {
        using var dir = new TempFolder();
        string data = dir.Combine("eval.jsonl");
        File.WriteAllText(data, EvalLines);

        var result = GwCli.Run("eval", "--model", TestPackages.TinyLongContext, "--data", data, "--max-tokens", "4");

        Assert.True(result.ExitCode == 0, result.ToString());
        string recallLine = result.Stdout.Split('\n').Single(l => l.StartsWith("key-fact recall", StringComparison.Ordinal));
        Assert.Equal("-", recallLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]);
        double ungrounded = double.Parse(recallLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture);
        Assert.InRange(ungrounded, 0, 1);
    }

    [Theory]
    [InlineData("{\"messages\": \"hi\", \"key_facts\": [], \"reference\": \"x\"}", "line 2: 'messages'")]
    [InlineData("{\"messages\": [{\"role\":\"user\",\"content\":\"hi\"}], \"reference\": \"x\"}", "line 2: 'key_facts'")]
    [InlineData("{\"messages\": [{\"role\":\"user\",\"content\":\"hi\"}], \"key_facts\": [], \"reference\": \"\"}", "line 2: 'reference'")]
    [InlineData("{not json", "line 2: not valid JSON")]
    public void Eval_MalformedLine_IsRefusedWithItsLineNumber(string badLine, string error)
    {
        using var dir = new TempFolder();
        string data = dir.Combine("eval.jsonl");
        File.WriteAllText(data, EvalLines.Split('\n')[0] + "\n" + badLine + "\n");

        var result = GwCli.Run("eval", "--model", TestPackages.TinyLongContext, "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("eval.jsonl " + error, result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A private copy of the test package: --write-manifest changes its manifest.</summary>
    private static string CopyPackage(TempFolder dir)
    {
        string package = dir.Combine("package");
        Directory.CreateDirectory(package);
        foreach (string file in Directory.EnumerateFiles(TestPackages.TinyLongContext))
        {
            File.Copy(file, Path.Combine(package, Path.GetFileName(file)));
        }

        return package;
    }

    private static string WriteKnowledge(TempFolder dir)
    {
        string knowledge = dir.Combine("kb");
        Directory.CreateDirectory(knowledge);
        File.WriteAllText(Path.Combine(knowledge, "leave.md"),
            "## Annual leave\n\nEmployees receive 28 days of paid annual leave plus public holidays.\n\n## Payslips\n\nPayslips are published in the HR portal on the 25th of each month.\n");
        File.WriteAllText(Path.Combine(knowledge, "vpn.md"), "## VPN\n\nThe VPN client is SecureLink; connect before opening internal tools.\n");
        return knowledge;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
