using QrAspire.Infrastructure;
using QrAspire.Infrastructure.Settings;
using QrAspire.ServiceDefaults;

return await StartupGuard.RunAsync("redirector", async () =>
{
    // Slim builder: no reflection-heavy defaults, so the Native AOT binary stays small and starts fast.
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.AddEdgeServiceDefaults();
    builder.AddDatabaseConnections();
    builder.AddRedisConnection();

    var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
});
