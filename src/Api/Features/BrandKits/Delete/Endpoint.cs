using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.BrandKits.Delete;

internal sealed class DeleteBrandKitEndpoint(QrAspireDbContext db) : Endpoint<BrandKitIdRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.BrandKit);
        Policies(ApiScopes.CodesWrite);
        Summary(s =>
        {
            s.Summary = "Delete a brand kit";
            s.Description = "Codes made with it keep their style.";
            s.Responses[204] = "Deleted.";
            s.Responses[404] = "No such kit on your account.";
        });
    }

    public override async Task HandleAsync(BrandKitIdRequest request, CancellationToken ct)
    {
        var account = User.AccountId();
        var deleted = await db.BrandKits.Where(k => k.Id == request.Id && k.AccountId == account).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            await Send.ResultAsync(Problems.NotFound("No such brand kit.").ToResult());
            return;
        }

        await Send.NoContentAsync(ct);
    }
}
