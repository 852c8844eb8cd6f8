using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Accounts.Register;

internal sealed class RegisterEndpoint(
    QrAspireDbContext db, PasswordHasher hasher, AccessTokens access, RefreshTokens refresh, UnverifiedAccounts unverified, ApiKeyRevocations revocations, TimeProvider clock)
    : Endpoint<RegisterRequest, RegisterResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.Register);
        AllowAnonymous();
        Options(route => route.RequireRateLimiting(RateLimitPolicies.Auth));
        Summary(s =>
        {
            s.Summary = "Create an account";
            s.Description = "Creates the account, signs it in, and queues a verification e-mail. Until the address is verified the account "
                + "cannot create API keys, and after UNVERIFIED_ACCOUNT_EXPIRY_DAYS it expires and the address can be registered again.";
            s.ExampleRequest = new RegisterRequest("ada@example.com", "correct horse battery");
            s.Responses[201] = "The account and its first tokens.";
            s.Responses[400] = "A field is invalid (problem+json with errors).";
            s.Responses[409] = "The e-mail address (or a look-alike spelling of it) is already registered.";
        });
    }

    public override async Task HandleAsync(RegisterRequest request, CancellationToken ct)
    {
        var normalized = Emails.Normalize(request.Email);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, ct) is { } existing
            && !await FreeExpiredAsync(existing, now, ct))
        {
            await Send.ResultAsync(Conflict().ToResult());
            return;
        }

        var account = new Account
        {
            Id = Ids.New("usr"),
            Email = EmailAddresses.Canonical(request.Email),
            NormalizedEmail = normalized,
            PasswordHash = hasher.Hash(request.Password),
            CreatedAt = now,
        };
        db.Accounts.Add(account);
        var (personal, owner) = Workspace.PersonalFor(account.Id, now);
        db.Workspaces.Add(personal);
        db.WorkspaceMembers.Add(owner);
        AccountTokens.AddWithMail(db, account, AccountTokenPurpose.EmailVerification, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two registrations raced for the same address; the unique index kept one.
            await Send.ResultAsync(Conflict().ToResult());
            return;
        }

        var tokens = await Sessions.StartAsync(access, refresh, account, ct);
        HttpContext.Response.Headers.Location = "/api/v1/me";
        await Send.ResponseAsync(new RegisterResponse(new AccountResponse(account.Id, account.Email, false, account.CreatedAt), tokens), 201, ct);
    }

    /// <summary>
    /// Takes the address from an account that was never verified in time: the old account keeps its rows but no
    /// address (a key no address normalises to) and no credential. False when the account is verified or still young
    /// — checked again in the update, so a verification completing meanwhile wins.
    /// </summary>
    private async Task<bool> FreeExpiredAsync(Account existing, DateTime now, CancellationToken ct)
    {
        if (!unverified.HasExpired(existing, now))
        {
            return false;
        }

        var cutoff = unverified.CreatedBefore(now);
        var freed = await db.Accounts
            .Where(a => a.Id == existing.Id && a.EmailVerifiedAt == null && a.CreatedAt <= cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.NormalizedEmail, "expired:" + existing.Id), ct);
        if (freed == 1)
        {
            await Credentials.RevokeAllAsync(db, revocations, existing.Id, now, ct);
        }

        return freed == 1;
    }

    private static Problem Conflict() =>
        Problems.Conflict("An account with this e-mail address exists; sign in or reset the password.");
}
