using QrAspire.Platform.Redirects;
using QrAspire.QrCodes;
using QrAspire.QrCodes.Rendering;
using QrAspire.Storage;
using QrAspire.Worker.Batches;

namespace QrAspire.Worker.Hosting;

/// <summary>Registers the bulk-job processor.</summary>
public static class BatchProcessingExtensions
{
    /// <summary>
    /// Reads and validates the batch settings, the render budget's (<c>RENDER_*</c>) and <c>REDIRECT_BASE_URL</c> now (a bad value throws
    /// <see cref="ServiceDefaults.Settings.SettingsException"/>), and registers blob storage, redirect invalidation and
    /// the processor. Needs the database connections and Redis.
    /// </summary>
    public static TBuilder AddBatchProcessing<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(BatchSettings.From(builder.Configuration));
        builder.Services.AddSingleton(RedirectLinks.From(builder.Configuration));
        builder.AddBlobStorage();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedirectInvalidator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RedirectInvalidator>());
        builder.Services.AddSingleton<BatchMetrics>();
        builder.Services.AddSingleton<BatchLease>();
        // One budget per process, as in the Api: bulk images are admitted at their memory bound like any render.
        builder.Services.AddSingleton(new RenderBudget(RenderBudgetSettings.From(builder.Configuration)));
        builder.Services.AddSingleton<BatchRenderSlots>();
        builder.Services.AddSingleton<BatchRowWriter>();
        builder.Services.AddSingleton<BatchArchiveWriter>();
        builder.Services.AddSingleton<BatchProcessor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BatchProcessor>());
        return builder;
    }
}
