using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace QrAspire.Api.Tests;

/// <summary>Access tokens are HS256 with our key, unexpired and untampered; refresh tokens rotate and reuse revokes the family.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class TokenTests(ApiHost api)
{
    [Fact]
    public async Task ExpiredTokenIsRefused()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var token = Forge(Claims(user.AccountId, DateTimeOffset.UtcNow.AddMinutes(-10)), "HS256", ApiFactory.JwtSecret);

        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Get, "/api/v1/me", bearer: token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenSignedWithAnotherKeyIsRefused()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var token = Forge(Claims(user.AccountId, DateTimeOffset.UtcNow.AddMinutes(10)), "HS256", "another-secret-that-is-at-least-32-bytes-long");

        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Get, "/api/v1/me", bearer: token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnsignedAlgNoneTokenIsRefused()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var token = Base64Url("""{"alg":"none","typ":"JWT"}""") + "." + Base64Url(Claims(user.AccountId, DateTimeOffset.UtcNow.AddMinutes(10))) + ".";

        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Get, "/api/v1/me", bearer: token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenWithAnotherAlgorithmIsRefusedEvenWithTheRightKey()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var token = Forge(Claims(user.AccountId, DateTimeOffset.UtcNow.AddMinutes(10)), "HS512", ApiFactory.JwtSecret);

        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Get, "/api/v1/me", bearer: token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TamperedClaimsAreRefused()
    {
        var victim = await ApiClient.SignUpAsync(api.Factory);
        var attacker = await ApiClient.SignUpAsync(api.Factory);
        var parts = attacker.AccessToken.Split('.');
        var claims = JsonNode.Parse(Encoding.UTF8.GetString(FromBase64Url(parts[1])))!;
        claims["sub"] = victim.AccountId;
        var tampered = parts[0] + "." + Base64Url(claims.ToJsonString()) + "." + parts[2];

        await ProblemAssert.IsProblemAsync(await attacker.SendAsync(HttpMethod.Get, "/api/v1/me", bearer: tampered), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ValidTokenIdentifiesItsAccount()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var response = await user.SendAsync(HttpMethod.Get, "/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.AccountId, (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefreshRotatesAndTheOldTokenStopsWorking()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var first = user.RefreshToken;

        using var rotated = await user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var pair = (await rotated.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotEqual(first, pair["refreshToken"]!.GetValue<string>());
        using var me = await user.SendAsync(HttpMethod.Get, "/api/v1/me", bearer: pair["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReusingARefreshTokenRevokesTheWholeFamily()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var stolen = user.RefreshToken;
        using var legitimate = await user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = stolen });
        var current = (await legitimate.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!.GetValue<string>();

        using var replay = await user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = stolen });
        await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.Unauthorized);

        // The legitimate holder's newest token died with the family.
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = current }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ConcurrentRefreshesWithOneTokenYieldAtMostOneNewPair()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })));

        Assert.True(attempts.Count(r => r.StatusCode == HttpStatusCode.OK) <= 1);
        Assert.Contains(attempts, r => r.StatusCode == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshToken()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var logout = await user.Http.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = user.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await ProblemAssert.IsProblemAsync(await user.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }), HttpStatusCode.Unauthorized);
    }

    private static string Claims(string subject, DateTimeOffset expires) =>
        new JsonObject
        {
            ["iss"] = "qraspire",
            ["aud"] = "qraspire-api",
            ["sub"] = subject,
            ["iat"] = expires.AddMinutes(-15).ToUnixTimeSeconds(),
            ["nbf"] = expires.AddMinutes(-15).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        }.ToJsonString();

    private static string Forge(string claims, string algorithm, string secret)
    {
        var unsigned = Base64Url($$"""{"alg":"{{algorithm}}","typ":"JWT"}""") + "." + Base64Url(claims);
        var key = Encoding.UTF8.GetBytes(secret);
        var signature = algorithm == "HS512" ? HMACSHA512.HashData(key, Encoding.ASCII.GetBytes(unsigned)) : HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64 + new string('=', (4 - base64.Length % 4) % 4));
    }
}
