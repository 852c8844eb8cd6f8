using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Domains.Get;

internal sealed class GetDomainEndpoint(QrAspireDbContext db) : Endpoint<DomainIdRequest, DomainResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.Domain);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "Get a branded domain";
            s.Responses[200] = "The domain, its TXT record and status.";
            s.Responses[404] = "No such domain on your account.";
        });
    }

    public override async Task HandleAsync(DomainIdRequest request, CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var domain = await VerifiedDomains.Owned(db, account).AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.Id, ct);
        if (domain is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such domain.").ToResult());
            return;
        }

        await Send.OkAsync(domain.ToResponse(), ct);
    }
}
