using QrAspire.Data.Webhooks;
using QrAspire.Worker.Webhooks;

namespace QrAspire.Worker.Hosting;

/// <summary>Registers webhook delivery, the <c>scan.recorded</c> batcher and the retention of old events.</summary>
public static class WebhookDeliveryExtensions
{
    /// <summary>
    /// Reads and validates the webhook settings now (a bad value throws <see cref="ServiceDefaults.Settings.SettingsException"/>)
    /// and registers the dispatcher and the batcher that scan ingestion hands stored scans to. Needs the database.
    /// </summary>
    public static TBuilder AddWebhookDelivery<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = WebhookSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new WebhookTargets(settings.Targets));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookQueue>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddSingleton<ScanWebhookBatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScanWebhookBatcher>());
        builder.Services.AddSingleton<WebhookRetentionJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookRetentionJob>());
        return builder;
    }
}
