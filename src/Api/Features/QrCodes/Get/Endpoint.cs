using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.QrCodes.Get;

internal sealed class GetQrCodeEndpoint(QrAspireDbContext db, RedirectLinks links) : Endpoint<GetQrCodeRequest, QrCodeResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.QrCode);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "Get a QR code";
            s.Responses[200] = "The code; ETag header for conditional updates.";
            s.Responses[304] = "If-None-Match matches: unchanged.";
            s.Responses[404] = "No such code on your account (also for another account's code, and for deleted ones).";
        });
    }

    public override async Task HandleAsync(GetQrCodeRequest request, CancellationToken ct)
    {
        var code = await db.FindOwnedAsync(request.Id, User.WorkspaceId(), ct);
        if (code is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such QR code.").ToResult());
            return;
        }

        HttpContext.Response.Headers.ETag = code.ETag();
        if (HttpContext.Request.Headers.IfNoneMatch.Contains(code.ETag()))
        {
            await Send.ResultAsync(TypedResults.StatusCode(StatusCodes.Status304NotModified));
            return;
        }

        await Send.OkAsync(code.ToResponse(links), ct);
    }
}
