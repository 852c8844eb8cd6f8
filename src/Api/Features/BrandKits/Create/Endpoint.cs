using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Api.Features.Quotas;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.BrandKits.Create;

internal sealed class CreateBrandKitEndpoint(QrAspireDbContext db, AccountQuotas quotas, AuditTrail audit, TimeProvider clock) : Endpoint<BrandKitRequest, BrandKitResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.BrandKits);
        Policies(ApiScopes.CodesWrite);
        Summary(s =>
        {
            s.Summary = "Create a brand kit";
            s.Description = "A named style (colours, shapes, gradient, eye colours, logo, frame). Pass its id as brandKitId when creating or "
                + "changing a code, rendering, checking scannability or uploading a batch: the kit's style applies, with any style fields "
                + "of the request on top. The style is copied into what is made; changing the kit later leaves existing codes as they are.";
            s.ExampleRequest = new BrandKitRequest
            {
                Name = "Spring campaign",
                Style = new QrCodeStyle { Foreground = "#1a237e", Modules = ModuleShape.Rounded, Eyes = EyeShape.RoundedSquare },
            };
            s.Responses[201] = "Created.";
            s.Responses[400] = "The name or style is invalid (problem+json with errors).";
            s.Responses[403] = "The account holds as many brand kits as its quota allows (quota-exceeded).";
            s.Responses[409] = "The account already has a kit of that name.";
        });
    }

    public override async Task HandleAsync(BrandKitRequest request, CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var name = request.Name?.Trim() ?? "";
        var style = request.Style ?? new QrCodeStyle();
        if (await BrandKitChecks.CheckAsync(db, account, name, style, ct) is { } problem)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        if (await quotas.CheckBrandKitAsync(account, ct) is { } refusal)
        {
            await Send.ResultAsync(refusal.ToResult(HttpContext));
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kit = new BrandKit { Id = Ids.New("kit"), WorkspaceId = account, Name = name, Style = QrCodeJson.Serialize(style)!, CreatedAt = now, UpdatedAt = now };
        db.BrandKits.Add(kit);
        audit.Created(kit, AuditActions.BrandKitCreated, AuditTargets.BrandKit, kit.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            await Send.ResultAsync(BrandKitChecks.NameTaken(name).ToResult());
            return;
        }

        HttpContext.Response.Headers.Location = ApiRoutes.Path(ApiRoutes.BrandKit, kit.Id);
        await Send.ResponseAsync(BrandKitStyles.ToResponse(kit), 201, ct);
    }
}
