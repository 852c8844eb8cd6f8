using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.QrCodes.Rendering;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Contents;
using QrAspire.Storage;

namespace QrAspire.Api.Features.Rendering;

/// <summary>The outcome of a render: the image, or the problem to answer with (and when to retry, if waiting helps).</summary>
public sealed record RenderOutcome(RenderedImage? Image, Problem? Problem, int? RetryAfterSeconds = null)
{
    /// <summary>The problem as a result, with <c>Retry-After</c> when waiting helps.</summary>
    internal IResult ToResult() => new RefusedRender(Problem!, RetryAfterSeconds);

    private sealed class RefusedRender(Problem problem, int? retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (retryAfterSeconds is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return problem.ToResult().ExecuteAsync(httpContext);
        }
    }
}

/// <summary>
/// Renders codes for the Api (through <see cref="QrGeneration"/>, which records the metrics): resolves the logo,
/// waits for room in the process's <see cref="RenderBudget"/> (or answers 503 <c>render-busy</c>), turns every engine
/// error into a field error, and logs the <c>qr_generated</c> event.
/// </summary>
internal sealed partial class QrImages(QrAspireDbContext db, IBlobStore blobs, RenderBudget budget, ILogger<QrImages> logger)
{
    public async Task<RenderOutcome> RenderAsync(
        IQrContent content, QrCodeStyle style, QrFormat format, string type, string? accountId, string? qrId, CancellationToken cancellationToken)
    {
        var (logo, missing) = await ResolveLogoAsync(style, accountId, cancellationToken);
        if (missing is not null)
        {
            return new(null, missing);
        }

        long cost;
        try
        {
            cost = QrGeneration.MemoryBound(style, format, logo);
        }
        catch (QrEngineException error)
        {
            return new(null, ToProblem(error));
        }

        if (cost > budget.Settings.MemoryBytes)
        {
            return new(null, OverBudget(style, format, logo, budget.Settings.MemoryBytes));
        }

        using var permit = await budget.TryEnterAsync(cost, cancellationToken);
        if (permit is null)
        {
            return new(null, Busy(budget.RetryAfterSeconds), budget.RetryAfterSeconds);
        }

        try
        {
            var (image, elapsed) = await permit.RunAsync(() => QrGeneration.Render(content, style, format, logo, type));
            LogGenerated(logger, qrId ?? "-", accountId ?? "-", type, image.FileExtension, Math.Round(elapsed.TotalMilliseconds, 2));
            return new(image, null);
        }
        catch (QrEngineException error)
        {
            return new(null, ToProblem(error));
        }
    }

    /// <summary>The bytes of the style's logo (null without one), or the problem when the account has no such logo.</summary>
    public async Task<(ReadOnlyMemory<byte>? Logo, Problem? Problem)> ResolveLogoAsync(QrCodeStyle style, string? accountId, CancellationToken cancellationToken)
    {
        if (style.LogoId is not { } logoId)
        {
            return (null, null);
        }

        var bytes = accountId is null ? null : await QrGeneration.LoadLogoAsync(db, blobs, logoId, accountId, cancellationToken);
        return bytes is null
            ? (null, Problems.Field("style.logoId", "No such logo on your account; upload one with POST /api/v1/logos.", "logo_not_found"))
            : (bytes, null);
    }

    public static Problem Busy(int retryAfterSeconds) => Problems.Of(503, ProblemTypes.RenderBusy, "Rendering is at capacity.",
        $"This server is rendering as much as its memory allows and no room came free in time; retry after {retryAfterSeconds} s.");

    // A render above the whole budget would run alone on top of everything else the process holds: under a 512 Mi
    // limit one 4,096 px WebP (charged 340 MiB) took the Api to 577 MiB. Refused instead, naming the largest size of
    // that format that fits; vector formats and plain PNGs cost little at any size.
    private static Problem OverBudget(QrCodeStyle style, QrFormat format, ReadOnlyMemory<byte>? logo, long budgetBytes)
    {
        const int Smallest = 64;
        var name = format.ToString().ToLowerInvariant();
        bool Fits(int size) => QrGeneration.MemoryBound(style with { Size = size }, format, logo) <= budgetBytes;
        if (!Fits(Smallest))
        {
            return Problems.Field("style.logoId", $"This server cannot render {name} with a logo this large within its render memory budget (RENDER_MEMORY_BUDGET_MB); use a smaller logo or SVG.", "over_render_budget");
        }

        var (low, high) = (Smallest, (style.Size ?? Smallest) - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = Fits(middle) ? (middle, high) : (low, middle - 1);
        }

        return Problems.Field("style.size",
            $"This server renders {name} up to {low} px within its render memory budget (RENDER_MEMORY_BUDGET_MB); ask for at most {low}, or use SVG or PDF for larger images.",
            "over_render_budget");
    }

    public static Problem ToProblem(QrEngineException error) => ToProblem(QrCodeProblem.From(error));

    public static Problem ToProblem(QrCodeProblem problem) => problem.Unrenderable
        ? Problems.Of(422, ProblemTypes.RenderFailed, "The code could not be rendered.", problem.Message)
        : Problems.Field(problem.Field, problem.Message, problem.Code);

    [LoggerMessage(EventId = 2000, EventName = "qr_generated", Level = LogLevel.Information,
        Message = "qr generated {qr_id} {user_id} {type} {format} in {duration_ms} ms")]
    private static partial void LogGenerated(ILogger logger, string qr_id, string user_id, string type, string format, double duration_ms);
}
