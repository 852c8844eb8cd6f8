using QrAspire.Infrastructure.Settings;
using QrAspire.Redirector.Extensions;
using QrAspire.ServiceDefaults.Health;

if (HealthCheckCommand.TryRun(args, out var healthCheckExitCode))
{
    return healthCheckExitCode;
}

return await StartupGuard.RunAsync("redirector", async () =>
{
    await using var app = RedirectorApp.Build(args);
    await app.RunAsync();
});
