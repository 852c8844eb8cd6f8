using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Data;

namespace QrAspire.Api.Tests;

/// <summary>Sign-up, sign-in, e-mail verification and password reset, with the mails read from the outbox the Worker sends.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class AccountFlowTests(ApiHost api)
{
    [Fact]
    public async Task RegisteringQueuesAVerificationMailWhoseTokenVerifiesOnce()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var token = await MailedTokenAsync(user.Email, "verify-email");

        using var verified = await user.Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token });
        Assert.Equal(HttpStatusCode.NoContent, verified.StatusCode);
        using var me = await user.SendAsync(HttpMethod.Get, "/api/v1/me");
        Assert.True((await me.Content.ReadFromJsonAsync<JsonObject>())!["emailVerified"]!.GetValue<bool>());

        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token }), HttpStatusCode.BadRequest, "token");
    }

    [Fact]
    public async Task RegisteringTheSameAddressTwiceIsAConflictWhateverItsCase()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var again = await user.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = user.Email.ToUpperInvariant(), password = "another long password" });

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("not-an-email", "correct horse battery", "email")]
    [InlineData("a@b", "correct horse battery", "email")]
    [InlineData("ok@example.com", "short", "password")]
    [InlineData("ok@example.com", "", "password")]
    public async Task BadRegistrationsGetFieldErrors(string email, string password, string field)
    {
        using var response = await api.Factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task WrongPasswordIsA401AndRightOneSignsIn()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password!" }), HttpStatusCode.Unauthorized);
        using var ok = await user.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task RepeatedFailedSignInsForOneAccountAreSlowedDownWithRetryAfter()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        for (var i = 0; i < 5; i++)
        {
            using var failed = await user.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "guess number " + i });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // Even the right password waits now: the lock is on the account, not on the guess.
        using var locked = await user.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "correct horse battery" });

        await ProblemAssert.IsProblemAsync(locked, HttpStatusCode.TooManyRequests);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task PasswordResetChangesThePasswordAndSignsOutEverySession()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        using var asked = await user.Http.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = user.Email });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var token = await MailedTokenAsync(user.Email, "reset-password");

        using var reset = await user.Http.PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, password = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "correct horse battery" }), HttpStatusCode.Unauthorized);
        using var login = await user.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task PasswordResetForAnUnknownAddressLooksTheSameAndMailsNothing()
    {
        var email = $"nobody-{Guid.NewGuid():N}@example.com";

        using var response = await api.Factory.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset", new { email });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var scope = api.Factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<QrAspireDbContext>().EmailMessages.AnyAsync(m => m.To == email));
    }

    private async Task<string> MailedTokenAsync(string email, string template)
    {
        using var scope = api.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        var mail = await db.EmailMessages.AsNoTracking().Where(m => m.To == email && m.Template == template).OrderByDescending(m => m.CreatedAt).FirstAsync();
        return JsonNode.Parse(mail.Data)!["token"]!.GetValue<string>();
    }
}
