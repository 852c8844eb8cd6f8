using QrAspire.Api.Hosting;
using QrAspire.ServiceDefaults;
using QrAspire.ServiceDefaults.Health;
using QrAspire.ServiceDefaults.Settings;

if (HealthCheckCommand.TryRun(args, out var healthCheckExitCode))
{
    return healthCheckExitCode;
}

return await StartupGuard.RunAsync("api", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddApplicationServices();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.UseApiPipeline();
    await app.RunAsync();
});

/// <summary>Entry point, visible to in-process tests.</summary>
public partial class Program;
