using FastEndpoints;
using QrAspire.Api.Common;
using QrAspire.Api.Features.BrandKits;
using QrAspire.Api.Features.QrCodes.Image;

namespace QrAspire.Api.Features.Rendering.Render;

internal sealed class RenderEndpoint(QrImages images, AnonymousRenderLimits anonymousLimits, BrandKitStyles kits) : Endpoint<RenderRequest>
{
    public override void Configure()
    {
        Post(ApiRoutes.Render);
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(RateLimitPolicies.Render));
        Summary(s =>
        {
            s.Summary = "Render a static code without saving it";
            s.Description = "For previews and one-off codes. Anonymous callers are rate-limited per address, cannot use logos, and are held to "
                + "smaller sizes and fewer formats (RENDER_ANONYMOUS_MAX_SIZE, RENDER_ANONYMOUS_FORMATS; by default 1024 px, png and svg); "
                + "an API key needs the codes:read scope.";
            s.ExampleRequest = new RenderRequest { Content = new WifiContent("Cafe Guest", "espresso-2026"), Format = "svg" };
            s.Responses[200] = "The image.";
            s.Responses[400] = "The content or style is invalid (problem+json with errors).";
            s.Responses[403] = "An anonymous render over the anonymous size or format limit (render-limit), or an API key without the codes:read scope.";
            s.Responses[429] = "Too many renders; see Retry-After.";
            s.Responses[503] = "The server is rendering as much as its memory allows (render-busy); see Retry-After.";
        });
    }

    public override async Task HandleAsync(RenderRequest request, CancellationToken ct)
    {
        ImageFormats.TryParse(request.Format, out var format);
        var style = request.Style ?? new QrCodeStyle();
        var (account, refused) = anonymousLimits.Admit(User, style, format);
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

        var outcome = await images.RenderAsync(request.Content!.ToEngine(), kitStyle ?? style, format, "preview", account, null, ct);
        if (outcome.Problem is not null)
        {
            await Send.ResultAsync(outcome.ToResult());
            return;
        }

        HttpContext.Response.Headers.CacheControl = "no-store";
        await Send.BytesAsync(outcome.Image!.Content, contentType: outcome.Image.ContentType, cancellation: ct);
    }
}
