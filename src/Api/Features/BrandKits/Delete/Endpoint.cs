using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.BrandKits.Delete;

internal sealed class DeleteBrandKitEndpoint(QrAspireDbContext db, AuditTrail audit) : Endpoint<BrandKitIdRequest>
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
        var account = User.WorkspaceId();
        var kit = await db.BrandKits.FirstOrDefaultAsync(k => k.Id == request.Id && k.WorkspaceId == account, ct);
        if (kit is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such brand kit.").ToResult());
            return;
        }

        db.BrandKits.Remove(kit);
        audit.Removed(kit, AuditActions.BrandKitDeleted, AuditTargets.BrandKit, kit.Id);
        await db.SaveChangesAsync(ct);

        await Send.NoContentAsync(ct);
    }
}
