using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Features.Accounts;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.ApiKeys.Create;

internal sealed class CreateApiKeyEndpoint(QrAspireDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<CreateApiKeyRequest, CreatedApiKeyResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.ApiKeys);
        Policies(ApiScopes.WorkspaceAdmin);
        Options(route => route.AddEndpointFilter<VerifiedEmailRequired>());
        Summary(s =>
        {
            s.Summary = "Create an API key";
            s.Description = "The key is returned once, in this response. Store it; only its prefix is shown afterwards. API keys cannot create keys.";
            s.ExampleRequest = new CreateApiKeyRequest("CI pipeline", [ApiScopes.CodesRead, ApiScopes.CodesWrite]);
            s.Responses[201] = "The key, shown once.";
            s.Responses[403] = "Called with an API key (only a signed-in user can create keys), or the account's e-mail address is not verified yet (email-unverified).";
        });
    }

    public override async Task HandleAsync(CreateApiKeyRequest request, CancellationToken ct)
    {
        var secret = ApiKeySecrets.NewKey();
        var scopes = request.Scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = new ApiKey
        {
            Id = Ids.New("key"),
            WorkspaceId = User.WorkspaceId(),
            CreatedBy = User.AccountId(),
            Name = request.Name.Trim(),
            Prefix = ApiKeySecrets.DisplayPrefix(secret),
            KeyHash = ApiKeySecrets.Hash(secret),
            Scopes = string.Join(' ', scopes),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);
        audit.Created(key, AuditActions.ApiKeyCreated, AuditTargets.ApiKey, key.Id);
        await db.SaveChangesAsync(ct);
        HttpContext.Response.Headers.Location = $"/api/v1/api-keys/{key.Id}";
        await Send.ResponseAsync(new CreatedApiKeyResponse(key.Id, key.Name, key.Prefix, scopes, key.CreatedAt, secret), 201, ct);
    }
}
