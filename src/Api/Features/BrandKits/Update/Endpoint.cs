using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.BrandKits.Update;

internal sealed class UpdateBrandKitEndpoint(QrAspireDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<UpdateBrandKitRequest, BrandKitResponse>
{
    public override void Configure()
    {
        Patch(ApiRoutes.BrandKit);
        Policies(ApiScopes.CodesWrite);
        Summary(s =>
        {
            s.Summary = "Change a brand kit";
            s.Description = "Renames it or replaces its style. Codes already made with the kit keep the style they were made with.";
            s.Responses[200] = "The changed kit.";
            s.Responses[400] = "The name or style is invalid (problem+json with errors).";
            s.Responses[404] = "No such kit on your account.";
            s.Responses[409] = "The account already has a kit of that name.";
        });
    }

    public override async Task HandleAsync(UpdateBrandKitRequest request, CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var name = request.Name?.Trim();
        if (await BrandKitChecks.CheckAsync(db, account, name, request.Style, ct) is { } problem)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        var kit = await db.BrandKits.FirstOrDefaultAsync(k => k.Id == request.Id && k.WorkspaceId == account, ct);
        if (kit is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such brand kit.").ToResult());
            return;
        }

        kit.Name = name ?? kit.Name;
        kit.Style = request.Style is null ? kit.Style : QrCodeJson.Serialize(request.Style)!;
        kit.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Changed(kit, AuditActions.BrandKitUpdated, AuditTargets.BrandKit, kit.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            await Send.ResultAsync(BrandKitChecks.NameTaken(kit.Name).ToResult());
            return;
        }

        await Send.OkAsync(BrandKitStyles.ToResponse(kit), ct);
    }
}
