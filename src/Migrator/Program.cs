using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QrAspire.Data;
using QrAspire.Migrator;
using QrAspire.ServiceDefaults;
using QrAspire.ServiceDefaults.Settings;

return await StartupGuard.RunAsync("migrator", async () =>
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddServiceDefaults();
    builder.AddQrAspireDbContext();
    var redirectorRole = RedirectorRoleSettings.From(builder.Configuration);
    using var host = builder.Build();

    var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("QrAspire.Migrator");
    using var scope = host.Services.CreateScope();
    using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
    await DatabaseMigrator.MigrateAsync(db, logger, stop.Token);
    if (redirectorRole is not null)
    {
        await RedirectorRole.EnsureAsync(db, redirectorRole, logger, stop.Token);
    }
});
