using QrAspire.Redirector.Hosting;
using QrAspire.ServiceDefaults.Health;
using QrAspire.ServiceDefaults.Settings;

if (HealthCheckCommand.TryRun(args, out var healthCheckExitCode))
{
    return healthCheckExitCode;
}

return await StartupGuard.RunAsync("redirector", async () =>
{
    await using var app = RedirectorApp.Build(args);
    await app.RunAsync();
});
