using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;
using QrAspire.Platform.Redirects;

namespace QrAspire.Api.Features.Domains.Delete;

internal sealed class DeleteDomainEndpoint(QrAspireDbContext db, RedirectInvalidator invalidator, AuditTrail audit, TimeProvider clock) : Endpoint<DomainIdRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.Domain);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "Remove a branded domain";
            s.Description = "The Redirector stops answering for it within a second. Refused while live codes use it: delete them first.";
            s.Responses[204] = "Removed.";
            s.Responses[404] = "No such domain on your account.";
            s.Responses[409] = "Live codes use the domain.";
        });
    }

    public override async Task HandleAsync(DomainIdRequest request, CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var domain = await VerifiedDomains.Owned(db, account).FirstOrDefaultAsync(d => d.Id == request.Id, ct);
        if (domain is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such domain.").ToResult());
            return;
        }

        var codes = await db.QrCodes.CountAsync(c => c.DomainId == domain.Id && c.DeletedAt == null, ct);
        if (codes > 0)
        {
            await Send.ResultAsync(Problems.Conflict($"{codes} live code(s) use '{domain.Name}'; delete them first.").ToResult());
            return;
        }

        // Kept, not removed: deleted codes still name it, and its id must never come back.
        domain.DeletedAt = clock.GetUtcNow().UtcDateTime;
        audit.Removed(domain, AuditActions.DomainDeleted, AuditTargets.Domain, domain.Id);
        await db.SaveChangesAsync(ct);
        if (domain.VerifiedAt is not null)
        {
            await invalidator.PublishAsync(RedirectInvalidation.DomainsChanged);
        }

        await Send.NoContentAsync(ct);
    }
}
