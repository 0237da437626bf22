using System.CommandLine;

namespace Gateway.Cli.Intent;

/// <summary><c>gw intent …</c>: train, evaluate and try the intent model that routes <c>model: "auto"</c> requests.</summary>
internal static class IntentCommands
{
    public static Command Create() => new("intent", "Train, evaluate and try the intent model (models/router/<version>).")
    {
        IntentTrainCommand.Create(),
        IntentEvalCommand.Create(),
        IntentPredictCommand.Create(),
    };
}
