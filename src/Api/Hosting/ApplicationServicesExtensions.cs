using QrAspire.Api.Auth;
using QrAspire.Api.Features.Accounts;
using QrAspire.Api.Features.Audit;
using QrAspire.Api.Features.BrandKits;
using QrAspire.Api.Features.Quotas;
using QrAspire.Api.Middleware;
using QrAspire.Data;
using QrAspire.Data.Webhooks;
using QrAspire.Platform;
using QrAspire.Platform.Http;
using QrAspire.Platform.Redirects;
using QrAspire.Platform.Settings;
using QrAspire.Storage;

namespace QrAspire.Api.Hosting;

internal static class ApplicationServicesExtensions
{
    /// <summary>Everything the Api needs; every setting is read and validated here, before anything starts.</summary>
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddApiHostSettings();
        builder.AddDatabaseConnections();
        builder.AddQrAspireDbContext();
        builder.AddRedisConnection();
        builder.AddBlobStorageSettings();
        builder.AddBlobStorage();
        builder.AddAuthentication();
        builder.Services.AddSingleton(UnverifiedAccounts.From(builder.Configuration));
        builder.Services.AddSingleton(ClientAddress.From(builder.Configuration));
        builder.AddApiRateLimits();
        builder.AddApiEndpoints();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedirectInvalidator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RedirectInvalidator>());
        builder.Services.AddSingleton(RedirectLinks.From(builder.Configuration));
        builder.Services.AddSingleton(QuotaSettings.From(builder.Configuration));
        builder.Services.AddScoped<AccountQuotas>();
        builder.Services.AddScoped<BrandKitStyles>();
        builder.Services.AddSingleton(AuditSettings.From(builder.Configuration));
        builder.Services.AddSingleton(WorkspaceSettings.From(builder.Configuration));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        builder.AddBrandedDomains();
        builder.Services.AddSingleton(new WebhookTargets(WebhookTargetSettings.From(builder.Configuration)));
        builder.AddRendering();
        builder.Services.AddHostedService<ApiWarmUp>();
        return builder;
    }
}
