using QrAspire.Data;
using QrAspire.Platform;
using QrAspire.ServiceDefaults;
using QrAspire.ServiceDefaults.Health;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.Worker.Hosting;
using QrAspire.Worker.Scans;

if (HealthCheckCommand.TryRun(args, out var healthCheckExitCode))
{
    return healthCheckExitCode;
}

if (DeadLetterCommand.IsRequested(args))
{
    return await DeadLetterCommand.RunAsync(args, Console.Out, Console.Error);
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
    builder.AddWebhookDelivery();
    builder.AddAuditRetention();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
