using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Contents;
using QrAspire.ServiceDefaults.Telemetry;
using QrAspire.Storage;

namespace QrAspire.QrCodes;

/// <summary>
/// Renders a code's image with its saved style, recording <c>qr_generations_total{format,type}</c> and
/// <c>qr_generation_duration_seconds</c> — the one way the Api and the Worker turn a code into an image.
/// </summary>
public static class QrGeneration
{
    private static readonly Meter Meter = new(TelemetryExtensions.MeterName);
    private static readonly Counter<long> Generations = Meter.CreateCounter<long>("qr_generations", description: "QR images rendered, by format and type (static/dynamic/preview).");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram("qr_generation_duration", "s", "Time to encode and render one QR image.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5] });

    /// <summary>Renders; <paramref name="type"/> labels the metrics (<c>static</c>, <c>dynamic</c>, <c>preview</c>).</summary>
    /// <exception cref="QrEngineException">The content or style cannot be rendered.</exception>
    public static (RenderedImage Image, TimeSpan Elapsed) Render(IQrContent content, QrCodeStyle style, QrFormat format, ReadOnlyMemory<byte>? logo, string type)
    {
        ArgumentNullException.ThrowIfNull(style);
        var started = Stopwatch.GetTimestamp();
        var image = QrRenderer.Render(new QrRenderRequest(content, format)
        {
            ErrorCorrection = style.ErrorCorrectionLevel(),
            Style = style.ToEngineStyle(logo),
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        var tags = new TagList { { "format", image.FileExtension }, { "type", type } };
        Generations.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
        return (image, elapsed);
    }

    /// <summary>
    /// The most memory rendering <paramref name="style"/> as <paramref name="format"/> holds (see
    /// <see cref="QrRenderMemory"/>): what a <see cref="Rendering.RenderBudget"/> charges for it.
    /// </summary>
    /// <exception cref="QrEngineException">A colour in the style cannot be read.</exception>
    public static long MemoryBound(QrCodeStyle style, QrFormat format, ReadOnlyMemory<byte>? logo)
    {
        ArgumentNullException.ThrowIfNull(style);
        return QrRenderMemory.Bound(style.ToEngineStyle(logo), format);
    }

    /// <summary>The bytes of <paramref name="accountId"/>'s logo <paramref name="logoId"/>, or null when it has no such logo.</summary>
    public static async Task<byte[]?> LoadLogoAsync(QrAspireDbContext db, IBlobStore blobs, string logoId, string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(blobs);
        var key = await db.Logos.AsNoTracking().Where(l => l.Id == logoId && l.WorkspaceId == accountId).Select(l => l.BlobKey).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return key is null ? null : await blobs.GetAsync(key, cancellationToken).ConfigureAwait(false);
    }
}
