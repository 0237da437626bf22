using System.Text.Json.Nodes;
using Gateway.Configuration;
using Gateway.ModelKit.Packaging;
using Gateway.ModelKit.Validation;

namespace Gateway.Lifecycle;

/// <summary>
/// What a version must pass before it may serve: the package validator (files, hashes, graph I/O, a smoke
/// generation), then the evaluation gate: its key-fact recall (metrics.eval in manifest.json) may be at most
/// lifecycle.maxRecallDrop below the active version's.
/// </summary>
public static class ValidationGate
{
    public static (bool Passed, string Reason) Check(string candidate, string? active, LifecycleConfig settings)
    {
        var report = PackageValidator.Validate(candidate);
        if (!report.IsValid)
        {
            return (false, string.Join("; ", report.Problems));
        }

        double? candidateRecall = Recall(candidate);
        double? activeRecall = active is null ? null : Recall(active);
        if (activeRecall is double baseline)
        {
            if (candidateRecall is null)
            {
                return settings.RequireEval
                    ? (false, "manifest.json has no evaluation results (metrics.eval.keyFactRecall); run gw eval --write-manifest")
                    : (true, $"valid; no evaluation results to compare with the active version's recall {baseline:0.###}");
            }

            if (candidateRecall < baseline - settings.MaxRecallDrop)
            {
                return (false, $"key-fact recall {candidateRecall:0.###} is more than {settings.MaxRecallDrop:0.###} below the active version's {baseline:0.###}");
            }
        }

        return (true, candidateRecall is double r ? $"valid; key-fact recall {r:0.###}" : "valid");
    }

    private static double? Recall(string package)
    {
        try
        {
            var eval = PackageManifest.Load(package).Metrics["eval"] as JsonObject;
            return eval?["keyFactRecall"]?.GetValue<double>();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
