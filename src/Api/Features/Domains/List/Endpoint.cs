using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Data;

namespace QrAspire.Api.Features.Domains.List;

internal sealed class ListDomainsEndpoint(QrAspireDbContext db) : EndpointWithoutRequest<DomainListResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.Domains);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "List your branded domains";
            s.Description = "By name, pending and verified. An account holds at most QUOTA_DOMAINS (default 20), so the list is never paged.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var domains = await VerifiedDomains.Owned(db, account).AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
        await Send.OkAsync(new DomainListResponse(domains.Select(d => d.ToResponse()).ToList()), ct);
    }
}
