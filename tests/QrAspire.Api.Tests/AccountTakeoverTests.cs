using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace QrAspire.Api.Tests;

/// <summary>
/// Account pre-hijacking: someone registers another person's address before they do. Until the address is verified
/// the account gets nothing lasting, and when the owner proves the address (verification or password reset) every
/// credential issued before ends.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class AccountTakeoverTests(ApiHost api)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AnUnverifiedAccountCannotCreateApiKeys()
    {
        var squatter = await ApiClient.SignUpAsync(api.Factory, verified: false);

        using var response = await squatter.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "mine now", scopes = new[] { "codes:write" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("https://qraspire.dev/problems/email-unverified", problem["type"]!.GetValue<string>());
        using var keys = await squatter.SendAsync(HttpMethod.Get, "/api/v1/api-keys");
        Assert.Empty((await keys.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());
    }

    [Fact]
    public async Task VerifyingEndsEveryEarlierSessionAndThenKeysMayBeCreated()
    {
        var user = await ApiClient.SignUpAsync(api.Factory, verified: false);
        var token = await Mailbox.TokenAsync(api.Factory, user.Email, "verify-email");

        using var verified = await user.Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token });

        Assert.Equal(HttpStatusCode.NoContent, verified.StatusCode);
        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Get, "/api/v1/me"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }), HttpStatusCode.Unauthorized);
        await SignInAsync(user, Password);
        Assert.StartsWith("qrk_", await user.CreateApiKeyAsync("codes:read"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordResetRevokesEveryCredentialOfTheAccount()
    {
        // The squatter's account got verified somehow (or is the owner's own, with a leaked password): keys, a second
        // session and the current one all exist when the owner resets the password.
        var squatter = await ApiClient.SignUpAsync(api.Factory);
        var key = await squatter.CreateApiKeyAsync("codes:read", "codes:write");
        var oldAccess = squatter.AccessToken;
        var oldRefresh = squatter.RefreshToken;
        using var second = await squatter.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = squatter.Email, password = Password });
        var secondRefresh = (await second.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!.GetValue<string>();
        // In use before the reset, so that the replica holds it in its key cache: the reset must clear that too.
        await ApiKeyCacheTests.WaitUntilListeningAsync(api.Factory);
        using var inUse = await squatter.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: key);
        Assert.Equal(HttpStatusCode.OK, inUse.StatusCode);

        await ResetPasswordAsync(squatter.Email, "the owner's new passphrase");

        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/api/v1/qr-codes");
        withKey.Headers.Add("X-Api-Key", key);
        await ProblemAssert.IsProblemAsync(await squatter.Http.SendAsync(withKey), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await squatter.SendAsync(HttpMethod.Get, "/api/v1/me", bearer: oldAccess), HttpStatusCode.Unauthorized);
        foreach (var refreshToken in new[] { oldRefresh, secondRefresh })
        {
            await ProblemAssert.IsProblemAsync(await squatter.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken }), HttpStatusCode.Unauthorized);
        }

        await Mailbox.WithDatabaseAsync(api.Factory, async db =>
            Assert.False(await db.ApiKeys.AnyAsync(k => k.CreatedBy == squatter.AccountId && k.RevokedAt == null)));
    }

    [Fact]
    public async Task APasswordResetVerifiesTheAddressAndTheNewSessionWorks()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory, verified: false);

        await ResetPasswordAsync(owner.Email, "the owner's new passphrase");

        await SignInAsync(owner, "the owner's new passphrase");
        using var me = await owner.SendAsync(HttpMethod.Get, "/api/v1/me");
        Assert.True((await me.Content.ReadFromJsonAsync<JsonObject>())!["emailVerified"]!.GetValue<bool>());
        Assert.StartsWith("qrk_", await owner.CreateApiKeyAsync("codes:read"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredUnverifiedAccountFreesItsAddressAndKeepsNoCredential()
    {
        var squatter = await ApiClient.SignUpAsync(api.Factory, verified: false);
        await AgeAsync(squatter.AccountId, TimeSpan.FromDays(8));

        var owner = await ApiClient.SignUpAsync(api.Factory, verified: false, email: squatter.Email);

        Assert.NotEqual(squatter.AccountId, owner.AccountId);
        await ProblemAssert.IsProblemAsync(await squatter.SendAsync(HttpMethod.Get, "/api/v1/me"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await squatter.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = squatter.RefreshToken }), HttpStatusCode.Unauthorized);
        using var me = await owner.SendAsync(HttpMethod.Get, "/api/v1/me");
        Assert.Equal(owner.AccountId, (await me.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnverifiedAccountYoungerThanTheExpiryKeepsItsAddress()
    {
        var squatter = await ApiClient.SignUpAsync(api.Factory, verified: false);
        await AgeAsync(squatter.AccountId, TimeSpan.FromDays(6));

        using var again = await squatter.Http.PostAsJsonAsync("/api/v1/auth/register", new { email = squatter.Email, password = "another long password" });

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnExpiredUnverifiedAccountCannotSignInOrRefresh()
    {
        var user = await ApiClient.SignUpAsync(api.Factory, verified: false);
        await AgeAsync(user.AccountId, TimeSpan.FromDays(8));

        using var login = await user.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = Password });

        var problem = await ProblemAssert.IsProblemAsync(login, HttpStatusCode.Forbidden);
        Assert.Equal("https://qraspire.dev/problems/account-expired", problem["type"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }), HttpStatusCode.Unauthorized);
    }

    private async Task ResetPasswordAsync(string email, string password)
    {
        using var client = api.Factory.CreateClient();
        using var asked = await client.PostAsJsonAsync("/api/v1/auth/password-reset", new { email });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var token = await Mailbox.TokenAsync(api.Factory, email, "reset-password");
        using var reset = await client.PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, password });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
    }

    private static async Task SignInAsync(ApiClient user, string password)
    {
        using var login = await user.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        user.UseTokens((await login.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private Task AgeAsync(string accountId, TimeSpan age) => Mailbox.WithDatabaseAsync(api.Factory, db =>
        db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, DateTime.UtcNow - age)));
}
