using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Accounts.Register;

internal sealed class RegisterEndpoint(QrAspireDbContext db, PasswordHasher hasher, AccessTokens access, RefreshTokens refresh, TimeProvider clock)
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
            s.Description = "Creates the account, signs it in, and queues a verification e-mail.";
            s.ExampleRequest = new RegisterRequest("ada@example.com", "correct horse battery");
            s.Responses[201] = "The account and its first tokens.";
            s.Responses[400] = "A field is invalid (problem+json with errors).";
            s.Responses[409] = "The e-mail address is already registered.";
        });
    }

    public override async Task HandleAsync(RegisterRequest request, CancellationToken ct)
    {
        var normalized = Emails.Normalize(request.Email);
        if (await db.Accounts.AnyAsync(a => a.NormalizedEmail == normalized, ct))
        {
            await Send.ResultAsync(Problems.Conflict("An account with this e-mail address exists; sign in or reset the password.").ToResult());
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var account = new Account
        {
            Id = Ids.New("usr"),
            Email = request.Email.Trim(),
            NormalizedEmail = normalized,
            PasswordHash = hasher.Hash(request.Password),
            CreatedAt = now,
        };
        db.Accounts.Add(account);
        AccountTokens.AddWithMail(db, account, AccountTokenPurpose.EmailVerification, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two registrations raced for the same address; the unique index kept one.
            await Send.ResultAsync(Problems.Conflict("An account with this e-mail address exists; sign in or reset the password.").ToResult());
            return;
        }

        var tokens = await Sessions.StartAsync(access, refresh, account.Id, ct);
        HttpContext.Response.Headers.Location = "/api/v1/me";
        await Send.ResponseAsync(new RegisterResponse(new AccountResponse(account.Id, account.Email, false, account.CreatedAt), tokens), 201, ct);
    }
}
