using Gateway.Admin;
using Gateway.Api;
using Gateway.Auth;
using Gateway.Hosting;
using Gateway.Protocol.Errors;
using Gateway.Proxy;

// The company's one OpenAI-compatible endpoint:
//   dotnet run --project src/Gateway                 (routing.json in the current folder, local mode)
//   dotnet run --project src/Gateway -- --config deploy/routing.json --listen http://0.0.0.0:8080
var builder = WebApplication.CreateSlimBuilder(args);
builder.Configuration.AddCommandLine(args, GatewayHosting.CommandLineSwitches);
try
{
    builder.AddGateway();
}
catch (Gateway.Configuration.RoutingConfigException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var app = builder.Build();
app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = OpenAiErrorHandler.Using(GatewayErrors.FromException) });
app.UseMiddleware<ApiKeyMiddleware>();
app.UseRateLimiter();
app.MapGatewayApi();
app.MapAdminApi();
app.Services.GetRequiredService<Gateway.Lifecycle.ModelLifecycle>().Bootstrap();
app.MapReverseProxy(proxy =>
{
    proxy.Use((context, next) => context.RequestServices.GetRequiredService<DepartmentProxyMiddleware>().InvokeAsync(context, () => next()));
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.MapFallback(OpenAiErrorHandler.NotFound);
try
{
    app.Run();
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

return Environment.ExitCode;
