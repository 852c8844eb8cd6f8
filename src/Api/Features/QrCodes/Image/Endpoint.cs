using System.Security.Cryptography;
using System.Text;
using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Rendering;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Contents;

namespace QrAspire.Api.Features.QrCodes.Image;

internal sealed class QrCodeImageEndpoint(QrAspireDbContext db, QrImages images, RedirectLinks links) : Endpoint<QrCodeImageRequest>
{
    public override void Configure()
    {
        Get(ApiRoutes.QrCodeImage);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "Download a QR code's image";
            s.Description = "Renders with the saved style; size, margin (quiet zone, modules), dpi, ecc (L/M/Q/H), fg, bg (#RRGGBB[AA] or transparent), "
                + "modules (square/rounded/dots) and eyes (square/rounded/circle) in the query override it. Identical requests give identical bytes: "
                + "the ETag is strong, and If-None-Match answers 304.";
            s.Responses[200] = "The image.";
            s.Responses[304] = "Not modified.";
            s.Responses[400] = "An override is invalid, or the colours are too close to scan.";
            s.Responses[404] = "No such code on your account.";
            s.Responses[503] = "The server is rendering as much as its memory allows (render-busy); see Retry-After.";
        });
    }

    public override async Task HandleAsync(QrCodeImageRequest request, CancellationToken ct)
    {
        var owner = User.WorkspaceId();
        var code = await db.FindOwnedAsync(request.Id, owner, ct);
        if (code is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such QR code.").ToResult());
            return;
        }

        ImageFormats.TryParse(request.Format, out var format);
        var style = (QrCodeJson.StyleOf(code) ?? new QrCodeStyle()).With(request.Overrides());
        var content = QrCodeContents.Of(code, links);
        var etag = ImageETag(code, style, format, content);
        HttpContext.Response.Headers.ETag = etag;
        HttpContext.Response.Headers.CacheControl = "private, no-cache";
        if (HttpContext.Request.Headers.IfNoneMatch.Contains(etag))
        {
            await Send.ResultAsync(TypedResults.StatusCode(StatusCodes.Status304NotModified));
            return;
        }

        var outcome = await images.RenderAsync(content, style, format, WireNames.Of(code.Kind.ToType()), owner, code.Id, ct);
        if (outcome.Problem is not null)
        {
            HttpContext.Response.Headers.Remove("ETag");
            await Send.ResultAsync(outcome.ToResult());
            return;
        }

        var image = outcome.Image!;
        HttpContext.Response.Headers.ContentDisposition = $"inline; filename=\"{code.Id}.{image.FileExtension}\"";
        await Send.BytesAsync(image.Content, contentType: image.ContentType, cancellation: ct);
    }

    // Rendering is deterministic, so the inputs identify the bytes: a 304 needs no render at all.
    private static string ImageETag(QrCode code, QrCodeStyle style, QrFormat format, IQrContent content)
    {
        var engine = typeof(QrRenderer).Assembly.GetName().Version;
        var key = $"{engine}|{code.Id}|{code.Version}|{format}|{content.ToQrText()}|{QrCodeJson.Serialize(style)}";
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] + "\"";
    }
}
