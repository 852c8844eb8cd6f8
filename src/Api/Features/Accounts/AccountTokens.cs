using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Accounts;

/// <summary>Single-use, expiring tokens mailed to the owner; the mail goes to the outbox in the same transaction.</summary>
internal static class AccountTokens
{
    public static readonly TimeSpan VerificationLifetime = TimeSpan.FromDays(2);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    /// <summary>Adds a token and its e-mail to the unit of work; the caller saves both together.</summary>
    public static void AddWithMail(QrAspireDbContext db, Account account, AccountTokenPurpose purpose, DateTime now)
    {
        var token = "qrt_" + Base62.Random(43);
        var lifetime = purpose == AccountTokenPurpose.EmailVerification ? VerificationLifetime : ResetLifetime;
        db.AccountTokens.Add(new AccountToken
        {
            Id = Ids.New("tok"),
            AccountId = account.Id,
            Purpose = purpose,
            TokenHash = Auth.RefreshTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        db.EmailMessages.Add(new EmailMessage
        {
            Id = Ids.New("mail"),
            To = account.Email,
            Template = purpose == AccountTokenPurpose.EmailVerification ? "verify-email" : "reset-password",
            Data = JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token, ["expires_at"] = (now + lifetime).ToString("O") }),
            CreatedAt = now,
        });
    }

    /// <summary>What an unknown, expired or already used token gets, whatever it was for.</summary>
    public static Problem Invalid() =>
        Problems.Field("token", "The link is invalid, expired or already used; ask for a new one.", "token_invalid");

    /// <summary>Uses a token once; returns its account id, or null when unknown, expired or already used.</summary>
    public static async Task<string?> ConsumeAsync(QrAspireDbContext db, string token, AccountTokenPurpose purpose, DateTime now, CancellationToken cancellationToken)
    {
        var hash = Auth.RefreshTokens.Hash(token);
        var stored = await db.AccountTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, cancellationToken);
        if (stored is null || stored.UsedAt is not null || stored.ExpiresAt <= now)
        {
            return null;
        }

        var claimed = await db.AccountTokens.Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        return claimed == 1 ? stored.AccountId : null;
    }
}
