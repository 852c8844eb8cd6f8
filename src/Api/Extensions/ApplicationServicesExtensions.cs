using QrAspire.Data;
using QrAspire.Infrastructure;

namespace QrAspire.Api.Extensions;

internal static class ApplicationServicesExtensions
{
    /// <summary>Everything the Api needs from its infrastructure; every setting is validated here, before start.</summary>
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddApiHostSettings();
        builder.AddDatabaseConnections();
        builder.AddQrAspireDbContext();
        builder.AddRedisConnection();
        builder.AddBlobStorageSettings();
        return builder;
    }
}
