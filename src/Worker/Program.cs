using Gateway.Protocol.Errors;
using Gateway.Protocol.Http;
using Gateway.Worker.Admin;
using Gateway.Worker.Health;
using Gateway.Worker.Hosting;
using Gateway.Worker.OpenAi;
using Gateway.Worker.Telemetry;
using Gateway.Worker.Tokenize;

// A department worker: one model package, served over OpenAI-compatible HTTP.
//   dotnet run --project src/Worker -- --department it --model models/it/v1 --port 5102
var builder = WebApplication.CreateSlimBuilder(args);
builder.Configuration.AddCommandLine(args, WorkerOptions.CommandLineSwitches);
WorkerOptions options;
try
{
    options = builder.AddWorkerHosting();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

builder.AddWorkerTelemetry(options.Department);

var app = builder.Build();
app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = OpenAiErrorHandler.Using(OpenAiErrors.FromException) });
app.MapHealth();
app.MapOpenAiApi();
app.MapPost("/tokenize", TokenizeEndpoints.Tokenize);
app.MapPost("/detokenize", TokenizeEndpoints.Detokenize);
app.MapInternalModels(options);
app.MapPrometheusScrapingEndpoint(ApiRoutes.Metrics);
app.MapFallback(OpenAiErrorHandler.NotFound);
app.Run();
return Environment.ExitCode;
