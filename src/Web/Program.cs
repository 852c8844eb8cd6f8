using QrAspire.ServiceDefaults;
using QrAspire.ServiceDefaults.Health;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.Web.Hosting;

if (HealthCheckCommand.TryRun(args, out var healthCheckExitCode))
{
    return healthCheckExitCode;
}

return await StartupGuard.RunAsync("web", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddWebConsole();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.UseWebConsole();
    await app.RunAsync();
});

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
