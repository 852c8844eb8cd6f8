using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Data;

namespace QrAspire.Api.Features.BrandKits.List;

internal sealed class ListBrandKitsEndpoint(QrAspireDbContext db) : EndpointWithoutRequest<BrandKitListResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.BrandKits);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "List your brand kits";
            s.Description = "By name. An account holds at most QUOTA_BRAND_KITS (default 100), so the list is never paged.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var kits = await db.BrandKits.AsNoTracking().Where(k => k.WorkspaceId == account).OrderBy(k => k.Name).ToListAsync(ct);
        await Send.OkAsync(new BrandKitListResponse(kits.Select(BrandKitStyles.ToResponse).ToList()), ct);
    }
}
