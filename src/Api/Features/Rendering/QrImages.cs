using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Common;
using QrAspire.Api.Features.QrCodes;
using QrAspire.Api.Storage;
using QrAspire.Data;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Payloads;
using QrAspire.ServiceDefaults.Telemetry;

namespace QrAspire.Api.Features.Rendering;

/// <summary>The outcome of a render: the image, or the problem to answer with.</summary>
public sealed record RenderOutcome(RenderedImage? Image, ApiProblem? Problem);

/// <summary>
/// Renders codes for the Api: resolves the logo, turns every engine error into a field error, and records
/// <c>qr_generations_total{format,type}</c>, <c>qr_generation_duration_seconds</c> and the <c>qr_generated</c> log event.
/// </summary>
internal sealed partial class QrImages(QrAspireDbContext db, IBlobStore blobs, ILogger<QrImages> logger)
{
    private static readonly Meter Meter = new(TelemetryExtensions.MeterName);
    private static readonly Counter<long> Generations = Meter.CreateCounter<long>("qr_generations", description: "QR images rendered, by format and type (static/dynamic/preview).");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram("qr_generation_duration", "s", "Time to encode and render one QR image.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5] });

    public async Task<RenderOutcome> RenderAsync(
        IQrPayload payload, QrCodeStyle style, QrFormat format, string type, string? accountId, string? qrId, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte>? logo = null;
        if (style.LogoId is { } logoId)
        {
            var key = accountId is null ? null
                : await db.Logos.AsNoTracking().Where(l => l.Id == logoId && l.AccountId == accountId).Select(l => l.BlobKey).FirstOrDefaultAsync(cancellationToken);
            var bytes = key is null ? null : await blobs.GetAsync(key, cancellationToken);
            if (bytes is null)
            {
                return new(null, Problems.Field("style.logoId", "No such logo on your account; upload one with POST /api/v1/logos.", "logo_not_found"));
            }

            logo = bytes;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var image = QrRenderer.Render(new QrRenderRequest(payload, format)
            {
                ErrorCorrection = style.ErrorCorrectionLevel(),
                Style = style.ToEngineStyle(logo),
            });
            var elapsed = Stopwatch.GetElapsedTime(started);
            var tags = new TagList { { "format", image.FileExtension }, { "type", type } };
            Generations.Add(1, tags);
            Duration.Record(elapsed.TotalSeconds, tags);
            LogGenerated(logger, qrId ?? "-", accountId ?? "-", type, image.FileExtension, Math.Round(elapsed.TotalMilliseconds, 2));
            return new(image, null);
        }
        catch (QrEngineException error)
        {
            return new(null, ToProblem(error));
        }
    }

    /// <summary>Checks that content fits a QR code (and is valid for its type) without rendering an image.</summary>
    public static ApiProblem? Validate(IQrPayload payload, QrCodeStyle? style)
    {
        try
        {
            var level = (style ?? new QrCodeStyle()).ErrorCorrectionLevel();
            _ = QrEngine.Encoding.QrEncoder.Encode(payload.ToQrText(), level);
            (style ?? new QrCodeStyle()).ToEngineStyle(null).Validate();
            return null;
        }
        catch (QrEngineException error)
        {
            return ToProblem(error);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or FormatException)
        {
            return ApiProblem.Of(422, "render-failed", "The code could not be encoded.", error.Message);
        }
    }

    public static ApiProblem ToProblem(QrEngineException error)
    {
        // The engine names payload fields payload.*; the Api calls them content.*.
        var field = error.Field is { } name && name.StartsWith("payload", StringComparison.Ordinal) ? "content" + name["payload".Length..] : error.Field ?? "content";
        return error.Code == QrErrorCodes.RenderFailed
            ? ApiProblem.Of(422, "render-failed", "The code could not be rendered.", error.Message)
            : Problems.Field(field, error.Message, error.Code);
    }

    [LoggerMessage(EventId = 2000, EventName = "qr_generated", Level = LogLevel.Information,
        Message = "qr generated {qr_id} {user_id} {type} {format} in {duration_ms} ms")]
    private static partial void LogGenerated(ILogger logger, string qr_id, string user_id, string type, string format, double duration_ms);
}
