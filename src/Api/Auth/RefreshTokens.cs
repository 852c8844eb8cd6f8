using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Auth;

/// <summary>
/// Random refresh tokens, stored hashed, rotated on every use. A token used twice means it leaked: the whole family
/// (every token since that sign-in) is revoked.
/// </summary>
internal sealed class RefreshTokens(QrAspireDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private const string Prefix = "qrr_";

    public async Task<string> IssueAsync(string accountId, string? familyId, CancellationToken cancellationToken)
    {
        var token = Prefix + Base62.Random(43);
        var now = clock.GetUtcNow().UtcDateTime;
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Ids.New("rt"),
            AccountId = accountId,
            FamilyId = familyId ?? Ids.New("fam"),
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Exchanges a token for a new one; null when it is unknown, expired, revoked or reused (then its family is revoked).</summary>
    public async Task<(string AccountId, string Token)?> RotateAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var stored = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now)
        {
            return null;
        }

        // Claim the token atomically: of two concurrent exchanges only one sees UsedAt empty; the other is reuse.
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return null;
        }

        return (stored.AccountId, await IssueAsync(stored.AccountId, stored.FamilyId, cancellationToken));
    }

    /// <summary>Signs out the sign-in that <paramref name="token"/> belongs to.</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var family = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => t.FamilyId).FirstOrDefaultAsync(cancellationToken);
        if (family is not null)
        {
            await RevokeFamilyAsync(family, cancellationToken);
        }
    }

    /// <summary>Signs out every session of an account (after a password reset).</summary>
    public Task RevokeAllAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.RefreshTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    private Task RevokeFamilyAsync(string familyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
