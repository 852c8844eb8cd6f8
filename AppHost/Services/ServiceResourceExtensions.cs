using Microsoft.Extensions.Configuration;
using QrAspire.AppHost.Infrastructure;

namespace QrAspire.AppHost.Services;

internal static class ServiceResourceExtensions
{
    /// <summary>
    /// What every QrAspire service gets: the database and Redis (waiting for their servers), the migration step
    /// finished first, and readiness checked on <c>/health</c> of its management endpoint.
    /// </summary>
    public static IResourceBuilder<T> WithQrAspireService<T>(
        this IResourceBuilder<T> service, InfrastructureResources infrastructure, IResourceBuilder<ProjectResource> migrator)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithEndpoints =>
        service
            .WithDatabase(infrastructure)
            .WithRedis(infrastructure)
            .WaitForCompletion(migrator)
            .WithManagementEndpoint();

    /// <summary>
    /// The service's private operations port (<c>Management__Port</c>, see docs/operations/monitoring.md): <c>/health</c>
    /// and <c>/metrics</c> answer only there, as on Kubernetes, so the AppHost checks readiness on it.
    /// </summary>
    public static IResourceBuilder<T> WithManagementEndpoint<T>(this IResourceBuilder<T> service)
        where T : IResourceWithEnvironment, IResourceWithEndpoints =>
        service
            .WithHttpEndpoint(name: ManagementEndpoint, env: "Management__Port")
            .WithHttpHealthCheck("/health", endpointName: ManagementEndpoint);

    /// <summary>Name of every service's management endpoint.</summary>
    public const string ManagementEndpoint = "management";

    /// <summary>
    /// The Redirector: the project (JIT) for the inner loop, or the Native AOT binary named by
    /// <c>Redirector:Binary</c> — what production runs, and what CI's system tests run. In the production shape, the
    /// Native AOT binary (<c>Redirector:Binary</c>, else the one in the artifacts) in replicas; they share the spill
    /// folder, which is built for that.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddRedirector(
        this IDistributedApplicationBuilder builder, InfrastructureResources infrastructure, IResourceBuilder<ProjectResource> migrator,
        ProductionShape? production = null)
    {
        // Scans spilled while Redis is away must survive a restart: keep them beside the other data, not in /tmp.
        var spill = Path.Combine(infrastructure.DataPath, "redirector", "spill");
        var binary = builder.Configuration["Redirector:Binary"];
        if (production is not null)
        {
            binary = string.IsNullOrWhiteSpace(binary) ? production.Binary("redirector", "QrAspire.Redirector") : Path.GetFullPath(binary);
            if (!File.Exists(binary))
            {
                throw new InfrastructureSettingException($"Redirector:Binary: no file at '{binary}' (publish it with dotnet publish src/Redirector -c Release -r linux-x64)");
            }

            return builder.AddProject<Projects.QrAspire_Redirector>("redirector")
                .RunsFrom(binary, production, "redirector", replicated: true, memoryLimited: true)
                .WithEnvironment("SCAN_SPILL_PATH", spill)
                .WithGeoIpDatabase(builder.Configuration, builder.AppHostDirectory)
                .WithQrAspireService(infrastructure, migrator);
        }

        if (string.IsNullOrWhiteSpace(binary))
        {
            return builder.AddProject<Projects.QrAspire_Redirector>("redirector")
                .WithEnvironment("SCAN_SPILL_PATH", spill)
                .WithGeoIpDatabase(builder.Configuration, builder.AppHostDirectory)
                .WithQrAspireService(infrastructure, migrator);
        }

        binary = Path.GetFullPath(binary);
        if (!File.Exists(binary))
        {
            throw new InfrastructureSettingException($"Redirector:Binary: no file at '{binary}' (publish it with dotnet publish src/Redirector -c Release -r linux-x64)");
        }

        var redirector = builder.AddExecutable("redirector", binary, Path.GetDirectoryName(binary)!)
            .WithHttpEndpoint(name: "http", env: "PORT")
            .WithOtlpExporter();
        var endpoint = redirector.GetEndpoint("http");
        return redirector
            .WithEnvironment("ASPNETCORE_URLS", ReferenceExpression.Create($"http://127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("SCAN_SPILL_PATH", spill)
            .WithGeoIpDatabase(builder.Configuration, builder.AppHostDirectory)
            .WithQrAspireService(infrastructure, migrator);
    }

    /// <summary>Passes a configuration section of the AppHost (e.g. <c>--RateLimits:Authenticated=100000</c> for a load test) to the service.</summary>
    public static IResourceBuilder<T> WithForwardedSettings<T>(this IResourceBuilder<T> service, IConfiguration configuration, string section)
        where T : IResourceWithEnvironment
    {
        foreach (var setting in configuration.GetSection(section).GetChildren().Where(s => s.Value is not null))
        {
            service.WithEnvironment($"{section}__{setting.Key}", setting.Value);
        }

        return service;
    }

    /// <summary>Passes one AppHost setting (e.g. <c>GEOIP_DATABASE_PATH</c>) to the service when it is set.</summary>
    public static IResourceBuilder<T> WithForwardedSetting<T>(this IResourceBuilder<T> service, IConfiguration configuration, string key)
        where T : IResourceWithEnvironment =>
        configuration[key] is { Length: > 0 } value ? service.WithEnvironment(key, value) : service;

    /// <summary>
    /// The Worker's mail settings: <c>SMTP_*</c>, <c>MAIL_FROM</c> and <c>SENDGRID_API_KEY</c> when set (the two
    /// secrets as secret parameters); otherwise mail lands as .eml files in <c>{data}/mail</c>. Links in mails point
    /// at <c>WEB_BASE_URL</c>.
    /// </summary>
    public static IResourceBuilder<T> WithEmail<T>(this IResourceBuilder<T> worker, IConfiguration configuration, InfrastructureResources infrastructure)
        where T : IResourceWithEnvironment
    {
        foreach (var key in new[] { "SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_SECURITY", "MAIL_FROM", "SENDGRID_BASE_URL" })
        {
            worker.WithForwardedSetting(configuration, key);
        }

        foreach (var (key, parameter) in new[] { ("SMTP_PASSWORD", "smtp-password"), ("SENDGRID_API_KEY", "sendgrid-api-key") })
        {
            if (configuration[key] is { Length: > 0 } secret)
            {
                worker.WithEnvironment(key, worker.ApplicationBuilder.AddParameter(parameter, secret, secret: true));
            }
        }

        return worker
            .WithEnvironment("MAIL_PICKUP_DIRECTORY", configuration["MAIL_PICKUP_DIRECTORY"] is { Length: > 0 } pickup ? pickup : Path.Combine(infrastructure.DataPath, "mail"))
            // A given public URL (behind a proxy) wins; otherwise AddWebConsole passes the web resource's own URL.
            .WithForwardedSetting(configuration, "WEB_BASE_URL");
    }

    /// <summary>
    /// Prints each service's URL and its management URL once it is ready (the dashboard URL is printed by Aspire);
    /// scripts read these lines.
    /// </summary>
    public static void PrintWhereServicesAre(this IDistributedApplicationBuilder builder, params IResourceBuilder<IResourceWithEndpoints>[] services)
    {
        foreach (var service in services)
        {
            builder.Eventing.Subscribe<ResourceReadyEvent>(service.Resource, (_, _) =>
            {
                var url = service.GetEndpoint("http").Url;
                Console.WriteLine($"{service.Resource.Name} ready at {url}");
                if (service.Resource.TryGetEndpoints(out var endpoints) && endpoints.Any(e => e.Name == ManagementEndpoint))
                {
                    Console.WriteLine($"{service.Resource.Name} management at {service.GetEndpoint(ManagementEndpoint).Url}");
                }
                return Task.CompletedTask;
            });
        }
    }
}
