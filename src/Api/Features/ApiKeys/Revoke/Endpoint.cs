using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;

namespace QrAspire.Api.Features.ApiKeys.Revoke;

internal sealed class RevokeApiKeyEndpoint(QrAspireDbContext db, AuditTrail audit, ApiKeyRevocations revocations, TimeProvider clock) : Endpoint<RevokeApiKeyRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.ApiKey);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "Revoke an API key";
            s.Responses[204] = "Revoked; requests with it get 401 from now on.";
            s.Responses[404] = "No such key on your account.";
        });
    }

    public override async Task HandleAsync(RevokeApiKeyRequest request, CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == request.Id && k.WorkspaceId == account, ct);
        if (key is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such API key.").ToResult());
            return;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            audit.Changed(key, AuditActions.ApiKeyRevoked, AuditTargets.ApiKey, key.Id);
            await db.SaveChangesAsync(ct);
            await revocations.CommittedAsync();
        }

        await Send.NoContentAsync(ct);
    }
}
