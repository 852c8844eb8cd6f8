using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.BrandKits.Get;

internal sealed class GetBrandKitEndpoint(QrAspireDbContext db) : Endpoint<BrandKitIdRequest, BrandKitResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.BrandKit);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "Get a brand kit";
            s.Responses[200] = "The kit.";
            s.Responses[404] = "No such kit on your account.";
        });
    }

    public override async Task HandleAsync(BrandKitIdRequest request, CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var kit = await db.BrandKits.AsNoTracking().FirstOrDefaultAsync(k => k.Id == request.Id && k.WorkspaceId == account, ct);
        if (kit is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such brand kit.").ToResult());
            return;
        }

        await Send.OkAsync(BrandKitStyles.ToResponse(kit), ct);
    }
}
