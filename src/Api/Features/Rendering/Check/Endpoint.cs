using FastEndpoints;
using QrAspire.Api.Common;
using QrAspire.Api.Features.BrandKits;
using QrAspire.QrCodes.Rendering;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Scanning;

namespace QrAspire.Api.Features.Rendering.Check;

internal sealed class RenderCheckEndpoint(QrImages images, RenderBudget budget, AnonymousRenderLimits anonymousLimits, BrandKitStyles kits) : Endpoint<RenderCheckRequest, RenderCheckResponse>
{
    /// <summary>Scanning distance when none is given: a phone held at reading distance from a menu or poster.</summary>
    private const double DefaultDistanceMm = 300;

    private static readonly TimeSpan DecoderTimeout = TimeSpan.FromSeconds(5);

    public override void Configure()
    {
        Post(ApiRoutes.RenderCheck);
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(RateLimitPolicies.Render));
        Summary(s =>
        {
            s.Summary = "Check how well a code scans";
            s.Description = "Renders the code and reads it back under simulated phone-camera conditions (distance, blur, noise, tilt, "
                + "low contrast) with two independent decoders, ZXing and zbar (reported unavailable when zbar is not installed). "
                + "Answers with a score, the failing conditions, the minimum printed size for the scanning distance and advice. "
                + "The same access and limits as POST /api/v1/render.";
            s.ExampleRequest = new RenderCheckRequest
            {
                Content = new UrlContent("https://example.com/menu"),
                Style = new QrCodeStyle { Modules = ModuleShape.Dots, Eyes = EyeShape.Circle },
                PrintedSizeMm = 25,
                ScanningDistanceMm = 500,
            };
            s.Responses[200] = "The check's result.";
            s.Responses[400] = "The content, style, size or distance is invalid (problem+json with errors).";
            s.Responses[403] = "An anonymous check over the anonymous size limit or with a logo, or an API key without the codes:read scope.";
            s.Responses[429] = "Too many renders; see Retry-After.";
            s.Responses[503] = "The server is rendering as much as its memory allows (render-busy); see Retry-After.";
        });
    }

    public override async Task HandleAsync(RenderCheckRequest request, CancellationToken ct)
    {
        var (account, refused) = anonymousLimits.Admit(User, request.Style ?? new QrCodeStyle(), QrFormat.Png);
        if (refused is not null)
        {
            await Send.ResultAsync(refused.ToResult());
            return;
        }

        var (kitStyle, kitProblem) = await kits.ApplyAsync(request.BrandKitId, request.Style, account, ct);
        if (kitProblem is not null)
        {
            await Send.ResultAsync(kitProblem.ToResult());
            return;
        }

        var style = kitStyle ?? new QrCodeStyle();

        var (logo, missing) = await images.ResolveLogoAsync(style, account, ct);
        if (missing is not null)
        {
            await Send.ResultAsync(missing.ToResult());
            return;
        }

        QrRenderRequest render;
        RenderedImage png;
        var distance = request.ScanningDistanceMm ?? DefaultDistanceMm;
        try
        {
            render = new QrRenderRequest(request.Content!.ToEngine(), QrFormat.Png)
            {
                ErrorCorrection = style.ErrorCorrectionLevel(),
                Style = style.ToEngineStyle(logo),
            };
            ScannabilityCheck.EnsureRanges(render.Style, request.PrintedSizeMm, distance);
            var cost = QrGeneration.MemoryBound(style, QrFormat.Png, logo);
            // The render is admitted like any other; the reading back runs after it, off the budget: its frames are
            // small (ScannabilityCheck.WorkingBytes) and zbar works in its own processes. The rate limit bounds it.
            using var permit = await budget.TryEnterAsync(cost, ct);
            if (permit is null)
            {
                await Send.ResultAsync(new RenderOutcome(null, QrImages.Busy(budget.RetryAfterSeconds), budget.RetryAfterSeconds).ToResult());
                return;
            }

            png = await permit.RunAsync(() => QrRenderer.Render(render));
        }
        catch (QrEngineException error)
        {
            await Send.ResultAsync(QrImages.ToProblem(error).ToResult());
            return;
        }

        var report = await Task.Run(() => ScannabilityCheck.Run(render, png, request.PrintedSizeMm, distance, DecoderTimeout), ct);
        HttpContext.Response.Headers.CacheControl = "no-store";
        await Send.OkAsync(RenderCheckMapping.ToResponse(report), ct);
    }
}
