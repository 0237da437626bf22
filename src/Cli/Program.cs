using System.CommandLine;
using Gateway.Cli.Models;

var root = new RootCommand("gw: build, check and manage the department SLM gateway's model packages.")
{
    ModelCommands.Create(),
    Gateway.Cli.Intent.IntentCommands.Create(),
    Gateway.Cli.Eval.EvalCommand.Create(),
    Gateway.Cli.Training.TrainCommand.Create(),
    Gateway.Cli.Knowledge.KnowledgeCommands.Create(),
    Gateway.Cli.Admin.ModelsCommands.Create(),
};
return Gateway.Cli.Admin.ModelsCommands.Invoke(root.Parse(args));
