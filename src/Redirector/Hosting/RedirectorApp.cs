using QrAspire.Platform;
using QrAspire.Redirector.Protection;
using QrAspire.Redirector.Redirects;
using QrAspire.ServiceDefaults;

namespace QrAspire.Redirector.Hosting;

/// <summary>Builds the Redirector; <c>Program</c> runs it, tests host it in-process on a loopback port.</summary>
public static class RedirectorApp
{
    public static WebApplication Build(string[] args)
    {
        // Slim builder: no reflection-heavy defaults, so the Native AOT binary stays small and starts fast.
        var builder = WebApplication.CreateSlimBuilder(args);
        var connectionLimits = ConnectionLimits.From(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => connectionLimits.ApplyTo(kestrel.Limits));
        builder.AddEdgeServiceDefaults();
        builder.AddDatabaseConnections();
        builder.AddRedisConnection();
        builder.AddRedirects();
        builder.AddHostRouting();
        builder.AddCodeProtection();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapRedirects();
        return app;
    }
}
