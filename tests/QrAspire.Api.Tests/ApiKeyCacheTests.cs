extern alias api;

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Api.Tests.Workspaces;
using QrAspire.TestSupport;
using StackExchange.Redis;
using ApiKeyCache = api::QrAspire.Api.Auth.ApiKeyCache;

namespace QrAspire.Api.Tests;

/// <summary>
/// A key in use is held in each replica's cache, and every way of ending a key reaches every replica's cache: the
/// replica that ended it on the next request, another one on the published clear, long before the cache's own
/// 30-second lifetime could explain it. Member removal and password reset are covered with the same key-in-use
/// shape in WorkspaceMembershipTests and AccountTakeoverTests.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ApiKeyCacheTests(ApiHost api)
{
    /// <summary>A third of the cache's own 30-second lifetime: only the published clear can explain a refusal by then.</summary>
    private static readonly TimeSpan OnItsMessage = TimeSpan.FromSeconds(10);

    /// <summary>How long a replica that has just started may take to subscribe, on a machine as busy as it likes.</summary>
    private static readonly TimeSpan Subscribed = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AKeyInUseIsServedFromTheCacheWithoutReadingItsRowAgain()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var key = await user.CreateApiKeyAsync("codes:read");
        await WaitUntilListeningAsync(api.Factory);
        using var first = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // Revoked behind the Api's back: only a request that does not read the row can still succeed.
        await api.QueryAsync(db => db.ApiKeys.Where(k => k.KeyHash == Hash(key)).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTime.UtcNow)));
        using var second = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: key);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(CacheOf(api.Factory).Find(Hash(key)));
        CacheOf(api.Factory).Clear();
        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: key), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AKeyInUseIsRefusedOnTheRequestAfterItsRevocation()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var (id, key) = await CreateKeyAsync(user);
        await WaitUntilListeningAsync(api.Factory);
        await AssertWorksAsync(user, key);

        using var revoked = await user.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: key), HttpStatusCode.Unauthorized);
        Assert.Null(CacheOf(api.Factory).Find(Hash(key)));
    }

    [Fact]
    public async Task AKeyInUseIsRefusedOnTheRequestAfterItsWorkspaceIsDeleted()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        var key = await owner.In(team).CreateApiKeyAsync("codes:read");
        await WaitUntilListeningAsync(api.Factory);
        await AssertWorksAsync(owner, key);

        using var deleted = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await owner.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: key), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnotherReplicaRefusesAKeyOnceItIsRevokedHere()
    {
        await using var other = new ApiFactory(api.Infrastructure);
        var (user, id, key, onOther) = await KeyInUseOnAsync(other);
        Assert.NotNull(CacheOf(other).Find(Hash(key)));

        using var revoked = await user.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var status = await StatusOnceRefusedAsync(onOther, key);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task AReplicaWhoseRedisConnectionDropsForgetsItsKeysAndHearsRevocationsAgainOnceBack()
    {
        const string Name = "replica-that-drops";
        await using var other = new ApiFactory(api.Infrastructure, new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = api.Infrastructure.RedisConnectionString + ",name=" + Name,
        });
        var (user, id, key, onOther) = await KeyInUseOnAsync(other);
        var cache = CacheOf(other);
        Assert.NotNull(cache.Find(Hash(key)));

        // The server closes both of the replica's connections, as a Redis restart would; StackExchange.Redis reconnects.
        await using var admin = await ConnectionMultiplexer.ConnectAsync(api.Infrastructure.RedisConnectionString + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var killed = 0;
        foreach (var client in (await server.ClientListAsync()).Where(c => c.Name == Name))
        {
            await server.ClientKillAsync(client.Id);
            killed++;
        }

        Assert.True(killed >= 1, "no connection of the replica was found to close");
        await Eventually.TrueAsync(() => Task.FromResult(cache.Find(Hash(key)) is null), OnItsMessage, "the replica forgot its keys when its connection failed");
        await WaitUntilListeningAsync(other);

        // Kept again once subscribed again, so that only a message on the restored subscription can explain the
        // refusal below.
        await AssertWorksAsync(onOther, key);
        Assert.NotNull(cache.Find(Hash(key)));
        using var revoked = await user.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var status = await StatusOnceRefusedAsync(onOther, key);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    /// <summary>A key made through the first replica and used on <paramref name="other"/>, both listening: cached there.</summary>
    private async Task<(ApiClient User, string Id, string Key, ApiClient OnOther)> KeyInUseOnAsync(ApiFactory other)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var (id, key) = await CreateKeyAsync(user);
        var onOther = new ApiClient(other.CreateClient());
        await WaitUntilListeningAsync(api.Factory);
        await WaitUntilListeningAsync(other);
        await AssertWorksAsync(onOther, key);
        return (user, id, key, onOther);
    }

    /// <summary>Waits for the replica's subscription to the revocation channel: before it, nothing is cached.</summary>
    internal static async Task WaitUntilListeningAsync(WebApplicationFactory<api::Program> factory)
    {
        var cache = CacheOf(factory);
        await Eventually.TrueAsync(() => Task.FromResult(cache.IsListening), Subscribed, "the Api subscribed to API key revocations");
    }

    /// <summary>The key's answer on a replica, read until it is no longer 200 or <see cref="OnItsMessage"/> has passed.</summary>
    private static Task<HttpStatusCode> StatusOnceRefusedAsync(ApiClient replica, string key) =>
        Eventually.ValueAsync(async () =>
        {
            using var response = await replica.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: key);
            return response.StatusCode;
        }, s => s != HttpStatusCode.OK, OnItsMessage, TimeSpan.FromMilliseconds(50));

    private static ApiKeyCache CacheOf(WebApplicationFactory<api::Program> factory) => factory.Services.GetRequiredService<ApiKeyCache>();

    // How the Api stores a key: SHA-256 in lower-case hex.
    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static async Task<(string Id, string Key)> CreateKeyAsync(ApiClient user)
    {
        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "cached", scopes = new[] { "codes:read" } });
        var body = await Teams.JsonAsync(response);
        return (body["id"]!.GetValue<string>(), body["key"]!.GetValue<string>());
    }

    private static async Task AssertWorksAsync(ApiClient user, string key)
    {
        using var response = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes", bearer: key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
