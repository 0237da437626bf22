using Gateway.Protocol.Errors;
using Gateway.Protocol.Http;
using Gateway.Worker.Admin;
using Gateway.Worker.Health;
using Gateway.Worker.Hosting;
using Gateway.Worker.OpenAi;
using Gateway.Worker.Telemetry;
using Gateway.Worker.Tokenize;
using Microsoft.Extensions.Options;

// A department worker: one model package, served over OpenAI-compatible HTTP.
//   dotnet run --project src/Worker -- --department it --model models/it/v1 --port 5102
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddWorkerHosting(args);
builder.AddWorkerTelemetry();

var app = builder.Build();
try
{
    // Reading the options validates them: bad settings stop the worker here, each named, before it listens.
    var options = app.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = OpenAiErrorHandler.Using(OpenAiErrors.FromException) });
    app.MapHealth();
    app.MapOpenAiApi();
    app.MapPost("/tokenize", TokenizeEndpoints.Tokenize);
    app.MapPost("/detokenize", TokenizeEndpoints.Detokenize);
    app.MapInternalModels(options);
    app.MapPrometheusScrapingEndpoint(ApiRoutes.Metrics);
    app.MapFallback(OpenAiErrorHandler.NotFound);
    app.Run();
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

return Environment.ExitCode;
