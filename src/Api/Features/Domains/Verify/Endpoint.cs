using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;
using QrAspire.Platform.Redirects;

namespace QrAspire.Api.Features.Domains.Verify;

internal sealed class VerifyDomainEndpoint(QrAspireDbContext db, DomainTxtLookup lookup, RedirectInvalidator invalidator, AuditTrail audit, TimeProvider clock) : Endpoint<DomainIdRequest, DomainResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.DomainVerify);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "Verify a branded domain";
            s.Description = "Looks the TXT record up now. status is verified once it holds the token; otherwise it stays pending and check says "
                + "what was found (missing: no TXT record yet — DNS changes can take minutes to appear; mismatch: records, but not the token). "
                + "A verified domain stays verified: the record may be removed afterwards.";
            s.Responses[200] = "The domain after the lookup, with check.";
            s.Responses[404] = "No such domain on your account.";
            s.Responses[409] = "Another account verified the name first.";
            s.Responses[503] = "The DNS server did not answer; try again (Retry-After).";
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

        var check = await lookup.CheckAsync(DomainNames.ChallengeName(domain.Name), domain.Token, ct);
        if (check is null)
        {
            HttpContext.Response.Headers.RetryAfter = "30";
            await Send.ResultAsync(Problems.Of(503, ProblemTypes.Unavailable, "The service is briefly unavailable.", "The DNS server did not answer; retry after 30 s.").ToResult());
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        domain.CheckedAt = now;
        var newlyVerified = check == DomainStates.Found && domain.VerifiedAt is null;
        if (newlyVerified)
        {
            domain.VerifiedAt = now;
            audit.Changed(domain, AuditActions.DomainVerified, AuditTargets.Domain, domain.Id);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            await Send.ResultAsync(Problems.Conflict($"Another account verified '{domain.Name}' first.").ToResult());
            return;
        }

        if (newlyVerified)
        {
            await invalidator.PublishAsync(RedirectInvalidation.DomainsChanged);
        }

        await Send.OkAsync(domain.ToResponse(check), ct);
    }
}
