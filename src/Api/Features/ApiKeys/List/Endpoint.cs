using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Data;

namespace QrAspire.Api.Features.ApiKeys.List;

internal sealed class ListApiKeysEndpoint(QrAspireDbContext db) : EndpointWithoutRequest<ApiKeyListResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.ApiKeys);
        Policies(ApiScopes.WorkspaceAdmin);
        Summary(s =>
        {
            s.Summary = "List your API keys";
            s.Description = "Newest first, revoked ones included (with revokedAt). Keys themselves are never shown again.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var account = User.WorkspaceId();
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.WorkspaceId == account).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        await Send.OkAsync(new ApiKeyListResponse(keys
            .Select(k => new ApiKeyResponse(k.Id, k.Name, k.Prefix, k.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToList()), ct);
    }
}
