using System.CommandLine;

namespace Gateway.Cli.Models;

/// <summary><c>gw model …</c>: create, validate and inspect model packages.</summary>
internal static class ModelCommands
{
    public static Command Create() => new("model", "Create, validate and inspect model packages (ONNX Runtime GenAI layout).")
    {
        ModelNewCommand.Create(),
        ModelValidateCommand.Create(),
        ModelInspectCommand.Create(),
        ModelConvertCommand.Create(),
    };
}
