using System.Net;
using Gateway.Grounding;
using Gateway.Protocol.Workers;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.Hosting;

/// <summary>
/// Checks the worker's settings, and the engine's among them, when the worker starts: every problem names the setting
/// as it is written outside (<c>Worker:Model (--model)</c>), so a bad deployment fails at once, not at the first request.
/// </summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var problems = Problems(options).Select(p => $"{WorkerSettings.Named(p.Setting)} {p.Problem}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<(string Setting, string Problem)> Problems(WorkerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            yield return (nameof(options.Model), "must name a model package folder");
        }

        if (options.Port is < 0 or > 65535)
        {
            yield return (nameof(options.Port), $"must be 0..65535, got {options.Port}");
        }

        if (!IPAddress.TryParse(options.Host, out _))
        {
            yield return (nameof(options.Host), $"must be an IP address to listen on (0.0.0.0 for every interface), got '{options.Host}'");
        }

        if (options.MaxRequestBytes < 1024)
        {
            yield return (nameof(options.MaxRequestBytes), "must be at least 1024");
        }

        if (options.RetryAfterSeconds < 1)
        {
            yield return (nameof(options.RetryAfterSeconds), $"must be at least 1, got {options.RetryAfterSeconds}");
        }

        if (options.GroundingTopK is < 1 or > GroundingSettings.MaxTopK)
        {
            yield return (nameof(options.GroundingTopK), $"must be 1..{GroundingSettings.MaxTopK}, got {options.GroundingTopK}");
        }

        if (options.GroundingUnit is not null && RetrievalUnits.Parse(options.GroundingUnit) is null)
        {
            yield return (nameof(options.GroundingUnit), $"must be section or sentence, got '{options.GroundingUnit}'");
        }

        if (options.Grounding == true && string.IsNullOrWhiteSpace(options.Knowledge))
        {
            yield return (nameof(options.Grounding), $"is true but no knowledge base is given ({WorkerSettings.Knowledge.Key}, {WorkerSettings.Knowledge.Switch})");
        }

        // The engine's settings sit flat in the worker's section, so their names are the worker's too.
        foreach (var problem in options.Engine.Problems())
        {
            yield return problem;
        }
    }
}
