using System.Net;
using System.Net.Http.Json;

namespace QrAspire.Api.Tests;

/// <summary>Endpoints open to more than one kind of caller still hold API keys to their scopes.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ApiKeyScopeTests(ApiHost api)
{
    private static HttpRequestMessage Render(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/render")
        {
            Content = JsonContent.Create(new { content = new { type = "text", text = "scoped" }, format = "svg" }),
        };
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    [Fact]
    public async Task RenderingWithAKeyNeedsCodesRead()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var analyticsOnly = await user.CreateApiKeyAsync("analytics:read");
        var reader = await user.CreateApiKeyAsync("codes:read");
        var client = api.Factory.CreateClient();

        using var withoutScope = await client.SendAsync(Render(analyticsOnly));
        using var withScope = await client.SendAsync(Render(reader));

        await ProblemAssert.IsProblemAsync(withoutScope, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, withScope.StatusCode);
    }

    [Fact]
    public async Task TheAccountIsForSignedInPeopleNotForKeys()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var everything = await user.CreateApiKeyAsync("codes:read", "codes:write", "analytics:read");

        using var withKey = await user.SendAsync(HttpMethod.Get, "/api/v1/me", bearer: everything);
        using var withToken = await user.SendAsync(HttpMethod.Get, "/api/v1/me");

        await ProblemAssert.IsProblemAsync(withKey, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.DoesNotContain(user.Email, await withKey.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
