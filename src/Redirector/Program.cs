using QrAspire.Infrastructure.Settings;
using QrAspire.Redirector.Extensions;

return await StartupGuard.RunAsync("redirector", async () =>
{
    await using var app = RedirectorApp.Build(args);
    await app.RunAsync();
});
