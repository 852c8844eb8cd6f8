using Microsoft.Extensions.Configuration;
using QrAspire.AppHost.Infrastructure;
using QrAspire.AppHost.Services;

try
{
    var builder = DistributedApplication.CreateBuilder(args);
    builder.WithoutDevelopmentCertificates();
    var infrastructure = builder.AddInfrastructure();

    var migrator = builder.AddProject<Projects.QrAspire_Migrator>("migrator")
        .WithDatabase(infrastructure);

    // Service-tier tests need only the database (migrated) and Redis; they host the service under test themselves.
    if (builder.Configuration.GetValue<bool>("Infrastructure:Only"))
    {
        await builder.Build().RunAsync();
        return 0;
    }

    // Load and fault tests: published Release builds, replicas, memory limits (see Services/ProductionShape.cs).
    var production = ProductionShape.From(builder);
    var redirector = builder.AddRedirector(infrastructure, migrator, production);

    var api = builder.AddProject<Projects.QrAspire_Api>("api")
        .WithProductionShape(production, "api", replicated: true)
        .WithQrAspireService(infrastructure, migrator)
        .WithBlobStorage(infrastructure)
        .WithEnvironment("JWT_SECRET", infrastructure.JwtSecret)
        .WithEnvironment("REDIRECT_BASE_URL", redirector.GetEndpoint("http"))
        .WithForwardedSettings(builder.Configuration, "RateLimits");

    var worker = builder.AddProject<Projects.QrAspire_Worker>("worker")
        .WithProductionShape(production, "worker")
        .WithQrAspireService(infrastructure, migrator)
        .WithBlobStorage(infrastructure)
        .WithEnvironment("REDIRECT_BASE_URL", redirector.GetEndpoint("http"))
        .WithGeoIpDatabase(builder.Configuration, builder.AppHostDirectory)
        .WithForwardedSetting(builder.Configuration, "SCAN_RETENTION_DAYS")
        .WithEmail(builder.Configuration, infrastructure);

    // deploy/k8s has no web console (it runs beside the cluster), so no memory limit to hold it to.
    var web = builder.AddWebConsole(infrastructure, api, worker).WithProductionShape(production, "web", memoryLimited: false);
    if (production is not null)
    {
        web.WithSessionKeyCertificate(infrastructure.DataPath);
    }

    builder.PrintWhereServicesAre(api, redirector, worker, web);
    await builder.Build().RunAsync();
    return 0;
}
catch (InfrastructureSettingException exception)
{
    await Console.Error.WriteLineAsync($"apphost: invalid setting {exception.Message}");
    return 2;
}
