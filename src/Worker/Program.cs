using QrAspire.Data;
using QrAspire.Infrastructure;
using QrAspire.Infrastructure.Settings;
using QrAspire.ServiceDefaults;

return await StartupGuard.RunAsync("worker", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddDatabaseConnections();
    builder.AddQrAspireDbContext();
    builder.AddRedisConnection();
    builder.AddBlobStorageSettings();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
