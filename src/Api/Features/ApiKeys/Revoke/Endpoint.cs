using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.ApiKeys.Revoke;

internal sealed class RevokeApiKeyEndpoint(QrAspireDbContext db, TimeProvider clock) : Endpoint<RevokeApiKeyRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.ApiKey);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "Revoke an API key";
            s.Responses[204] = "Revoked; requests with it get 401 from now on.";
            s.Responses[404] = "No such key on your account.";
        });
    }

    public override async Task HandleAsync(RevokeApiKeyRequest request, CancellationToken ct)
    {
        var account = User.AccountId();
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.ApiKeys.AnyAsync(k => k.Id == request.Id && k.AccountId == account, ct);
        if (!found)
        {
            await Send.ResultAsync(Problems.NotFound("No such API key.").ToResult());
            return;
        }

        await db.ApiKeys.Where(k => k.Id == request.Id && k.AccountId == account && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        await Send.NoContentAsync(ct);
    }
}
