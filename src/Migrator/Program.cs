using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QrAspire.Data;
using QrAspire.ServiceDefaults;
using QrAspire.ServiceDefaults.Settings;

return await StartupGuard.RunAsync("migrator", async () =>
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddServiceDefaults();
    builder.AddQrAspireDbContext();
    using var host = builder.Build();

    var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("QrAspire.Migrator");
    using var scope = host.Services.CreateScope();
    using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<QrAspireDbContext>(), logger, stop.Token);
});
