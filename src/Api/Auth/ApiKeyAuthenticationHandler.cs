using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QrAspire.Data;

namespace QrAspire.Api.Auth;

/// <summary>
/// Authenticates <c>X-Api-Key: qrk_…</c> or <c>Authorization: Bearer qrk_…</c> against the stored hashes of
/// unrevoked keys; the principal carries the key's scopes. A key found valid is kept in <see cref="ApiKeyCache"/>, so
/// that its next requests cost no database read.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, QrAspireDbContext db, ApiKeyCache cache, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>True when the request carries an API key rather than a JWT.</summary>
    public static bool IsPresent(HttpRequest request) => ReadKey(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadKey(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeySecrets.Hash(key);
        if ((cache.Find(hash) ?? await ReadAsync(hash)) is not { } stored)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (stored.ClaimUseRecord(now, TimeSpan.FromMinutes(1)))
        {
            // At most one write a minute per key and replica: last_used_at is for people, not an audit log.
            await db.ApiKeys.Where(k => k.Id == stored.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        // A key acts in its own workspace, whatever header it sends, and never above editor: its scopes decide the rest.
        List<Claim> claims =
        [
            new("sub", stored.CreatedBy), new(ApiScopes.ApiKeyClaim, stored.Id),
            new(ApiScopes.WorkspaceClaim, stored.WorkspaceId), new(ApiScopes.WorkspaceRoleClaim, WorkspaceRoles.Editor),
        ];
        claims.AddRange(stored.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(scope => new Claim(ApiScopes.ScopeClaim, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "sub", null));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private async Task<ValidApiKey?> ReadAsync(string hash)
    {
        var generation = cache.Generation;
        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.WorkspaceId, k.CreatedBy, k.Scopes, k.LastUsedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (stored is null)
        {
            return null;
        }

        var valid = new ValidApiKey(stored.Id, stored.WorkspaceId, stored.CreatedBy, stored.Scopes, stored.LastUsedAt, clock.GetTimestamp());
        cache.Add(hash, valid, generation);
        return valid;
    }

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && header.Count == 1 && !string.IsNullOrWhiteSpace(header[0]))
        {
            return header[0]!.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer " + ApiKeySecrets.Prefix, StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
