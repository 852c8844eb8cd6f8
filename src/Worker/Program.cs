using QrAspire.Data;
using QrAspire.Infrastructure;
using QrAspire.Infrastructure.Settings;
using QrAspire.ServiceDefaults;
using QrAspire.ServiceDefaults.Health;
using QrAspire.Worker.Extensions;

if (HealthCheckCommand.TryRun(args, out var healthCheckExitCode))
{
    return healthCheckExitCode;
}

return await StartupGuard.RunAsync("worker", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddDatabaseConnections();
    builder.AddQrAspireDbContext();
    builder.AddRedisConnection();
    builder.AddBlobStorageSettings();
    builder.AddScanIngestion();
    builder.AddEmail();
    builder.AddBatchProcessing();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
