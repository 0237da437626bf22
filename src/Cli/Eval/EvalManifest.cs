using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gateway.Grounding;
using Gateway.ModelKit.Packaging;

namespace Gateway.Cli.Eval;

/// <summary>
/// Writes the results into the package's manifest.json as <c>metrics.eval</c>. The manifest is not in its own
/// list of hashed files, so updating metrics leaves every recorded hash true and the package valid.
/// </summary>
internal static class EvalManifest
{
    public static void Write(string packageDirectory, EvalSummary summary, string dataFile, (int TopK, RetrievalUnit Unit)? retrieval)
    {
        var manifest = PackageManifest.Load(packageDirectory);
        var eval = new JsonObject
        {
            ["keyFactRecall"] = summary.Recall ?? summary.RecallUngrounded,
            ["perplexity"] = summary.Perplexity ?? summary.PerplexityUngrounded,
            ["grounded"] = summary.Perplexity is not null,
        };
        if (summary.Perplexity is not null)
        {
            eval["topK"] = retrieval?.TopK;
            eval["unit"] = retrieval?.Unit.Name();
            eval["keyFactRecallUngrounded"] = summary.RecallUngrounded;
            eval["perplexityUngrounded"] = summary.PerplexityUngrounded;
            eval["keyFactsInContext"] = summary.ContextRecall;
        }

        eval["data"] = Sha256(dataFile);
        eval["examples"] = summary.Examples;
        manifest.Metrics["eval"] = eval;
        manifest.Save(packageDirectory);
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
