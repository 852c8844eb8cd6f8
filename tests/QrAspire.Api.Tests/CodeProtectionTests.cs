using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.Data;
using QrAspire.Platform.Protection;

namespace QrAspire.Api.Tests;

/// <summary>A code's password (write-only, stored hashed) and scan limit through the Api.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class CodeProtectionTests(ApiHost api)
{
    [Fact]
    public async Task APasswordIsStoredHashedAndNeverReturned()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var password = "pw-" + Guid.NewGuid().ToString("N")[..12];

        using var created = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes",
            new JsonObject { ["name"] = "members", ["type"] = "dynamic", ["destination"] = "https://example.com/", ["password"] = password });
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = JsonNode.Parse(createdText)!.AsObject();
        Assert.True(code["passwordProtected"]!.GetValue<bool>());
        Assert.DoesNotContain(password, createdText, StringComparison.Ordinal);
        Assert.Null(code["password"]);

        using var read = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{code["id"]}");
        using var list = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes");
        Assert.DoesNotContain(password, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("pbkdf2", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var hash = await StoredHashAsync(code["id"]!.GetValue<string>());
        Assert.StartsWith($"pbkdf2-sha256${CodePassword.DefaultIterations}$", hash, StringComparison.Ordinal);
        Assert.True(CodePassword.Verify(password, hash!));
    }

    [Fact]
    public async Task APasswordIsReplacedAndRemovedWithANewETag()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync(extra: new JsonObject { ["password"] = "first-one" });
        var id = code["id"]!.GetValue<string>();

        using var replaced = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new JsonObject { ["password"] = "second-one" });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.True((await replaced.Content.ReadFromJsonAsync<JsonObject>())!["passwordProtected"]!.GetValue<bool>());
        var hash = await StoredHashAsync(id);
        Assert.True(CodePassword.Verify("second-one", hash!));
        Assert.False(CodePassword.Verify("first-one", hash!));

        using var renamed = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new JsonObject { ["name"] = "renamed" });
        Assert.Equal(hash, await StoredHashAsync(id)); // absent: the password stays

        using var removed = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new JsonObject { ["removePassword"] = true });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.NotEqual(renamed.Headers.ETag!.Tag, removed.Headers.ETag!.Tag);
        Assert.False((await removed.Content.ReadFromJsonAsync<JsonObject>())!["passwordProtected"]!.GetValue<bool>());
        Assert.Null(await StoredHashAsync(id));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("x129")]
    public async Task ABadPasswordIsRefusedNamingTheField(string password)
    {
        password = password == "x129" ? new string('x', 129) : password;
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var created = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes",
            new JsonObject { ["name"] = "x", ["type"] = "dynamic", ["destination"] = "https://example.com/", ["password"] = password });
        await ProblemAssert.IsProblemAsync(created, HttpStatusCode.BadRequest, "password");

        var code = await user.CreateDynamicAsync();
        using var updated = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new JsonObject { ["password"] = password });
        await ProblemAssert.IsProblemAsync(updated, HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task SettingAndRemovingAPasswordAtOnceIsRefused()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();

        using var both = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new JsonObject { ["password"] = "new-one", ["removePassword"] = true });

        await ProblemAssert.IsProblemAsync(both, HttpStatusCode.BadRequest, "removePassword");
    }

    [Fact]
    public async Task AStaticCodeTakesNoPassword()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var created = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new JsonObject
        {
            ["name"] = "x",
            ["type"] = "static",
            ["content"] = new JsonObject { ["type"] = "text", ["text"] = "hi" },
            ["password"] = "secret-1",
        });
        await ProblemAssert.IsProblemAsync(created, HttpStatusCode.BadRequest, "password");

        var code = await user.CreateStaticAsync(new { type = "text", text = "hi" });
        using var updated = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new JsonObject { ["password"] = "secret-1" });
        await ProblemAssert.IsProblemAsync(updated, HttpStatusCode.BadRequest, "password");
    }

    [Theory]
    [InlineData("""{"scanLimit":{"scans":0}}""", "routing.scanLimit.scans")]
    [InlineData("""{"scanLimit":{"scans":1000000001}}""", "routing.scanLimit.scans")]
    [InlineData("""{"scanLimit":{"scans":5,"fallbackDestination":"javascript:alert(1)"}}""", "routing.scanLimit.fallbackDestination")]
    [InlineData("""{"scanLimit":{"scans":5,"fallbackDestination":"https://user:pass@example.com/"}}""", "routing.scanLimit.fallbackDestination")]
    public async Task ABadScanLimitIsRefusedNamingTheField(string routing, string field)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var created = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes",
            new JsonObject { ["name"] = "x", ["type"] = "dynamic", ["destination"] = "https://example.com/", ["routing"] = JsonNode.Parse(routing) });

        await ProblemAssert.IsProblemAsync(created, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AScanLimitIsStoredReturnedAndCleared()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync(extra: new JsonObject
        {
            ["routing"] = new JsonObject { ["scanLimit"] = new JsonObject { ["scans"] = 500, ["fallbackDestination"] = "https://example.com/sold-out" } },
        });
        Assert.Equal(500, code["routing"]!["scanLimit"]!["scans"]!.GetValue<long>());
        Assert.Equal("https://example.com/sold-out", code["routing"]!["scanLimit"]!["fallbackDestination"]!.GetValue<string>());

        using var cleared = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new JsonObject { ["routing"] = new JsonObject() });
        Assert.Null((await cleared.Content.ReadFromJsonAsync<JsonObject>())!["routing"]);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesPasswordsAndScanLimits()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"passwordProtected\"", text, StringComparison.Ordinal);
        Assert.Contains("\"removePassword\"", text, StringComparison.Ordinal);
        Assert.Contains("\"ScanLimit\"", text, StringComparison.Ordinal);
        Assert.Contains("\"fallbackDestination\"", text, StringComparison.Ordinal);
        Assert.Contains("Write-only", text, StringComparison.Ordinal);
    }

    private async Task<string?> StoredHashAsync(string id)
    {
        using var scope = api.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        return await db.QrCodes.AsNoTracking().Where(c => c.Id == id).Select(c => c.PasswordHash).SingleAsync();
    }
}
