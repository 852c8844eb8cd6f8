using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Api.Features.Quotas;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Domains.Create;

internal sealed class CreateDomainEndpoint(QrAspireDbContext db, DomainSettings settings, AccountQuotas quotas, AuditTrail audit, TimeProvider clock) : Endpoint<DomainRequest, DomainResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.Domains);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "Add a branded domain";
            s.Description = "Returns the DNS TXT record to create (record.name, record.value). Once it is published, call verify; a verified "
                + "domain takes dynamic codes (domainId) whose short links are https://{domain}/{shortCode}. Point the domain at the "
                + "redirect edge with a CNAME record as well. The name is normalised: lower-case, IDNs in punycode, no trailing dot.";
            s.ExampleRequest = new DomainRequest { Name = "go.example.com" };
            s.Responses[201] = "Added, pending verification.";
            s.Responses[400] = "The name is not a host name, is an IP address, a single label, a public suffix, this service's own, or already claimed.";
            s.Responses[403] = "The account holds as many domains as its quota allows (quota-exceeded).";
        });
    }

    public override async Task HandleAsync(DomainRequest request, CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var (name, error) = DomainNames.Normalize(request.Name, settings);
        if (error is not null)
        {
            await Send.ResultAsync(Problems.Validation([error]).ToResult());
            return;
        }

        if (await db.Domains.AnyAsync(d => d.Name == name && d.DeletedAt == null && (d.VerifiedAt != null || d.WorkspaceId == account), ct))
        {
            await Send.ResultAsync(Claimed(name!).ToResult());
            return;
        }

        if (await quotas.CheckDomainAsync(account, ct) is { } refusal)
        {
            await Send.ResultAsync(refusal.ToResult(HttpContext));
            return;
        }

        var domain = new Domain { Id = Ids.New("dom"), WorkspaceId = account, Name = name!, Token = Base62.Random(32), CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Domains.Add(domain);
        audit.Created(domain, AuditActions.DomainAdded, AuditTargets.Domain, domain.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            await Send.ResultAsync(Claimed(name!).ToResult());
            return;
        }

        HttpContext.Response.Headers.Location = ApiRoutes.Path(ApiRoutes.Domain, domain.Id);
        await Send.ResponseAsync(domain.ToResponse(), 201, ct);
    }

    private static Problem Claimed(string name) =>
        Problems.Field(DomainNames.Field, $"'{name}' is already claimed: verified by an account, or added to yours.", "domain_claimed");
}
