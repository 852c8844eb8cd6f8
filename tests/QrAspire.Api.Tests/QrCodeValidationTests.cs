using System.Net;
using System.Text;

namespace QrAspire.Api.Tests;

/// <summary>What each bad field gets: a 400 problem naming the field; hostile destinations refused; big bodies 413.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class QrCodeValidationTests(ApiHost api)
{
    public static TheoryData<string> HostileDestinations => new()
    {
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "ftp://example.com/file",
        "vbscript:msgbox(1)",
        "https://example.com/\r\nSet-Cookie: a=b",
        "https://example.com/%0d%0a\nLocation: evil",
        "https://trusted.example.com@evil.example/",
        "https://user:pass@example.com/",
        "//evil.example/path",
        "/relative/path",
        "https://exa mple.com/",
        "https://example.com/\u202Eevil",
        "https://" + new string('a', 2100) + ".com/",
        "https://example.com/" + new string('x', 10 * 1024),
        "",
        "   ",
    };

    [Theory]
    [MemberData(nameof(HostileDestinations))]
    public async Task HostileDestinationsAreRefused(string destination)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "x", type = "dynamic", destination });

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "destination");
        }
    }

    [Fact]
    public async Task HostileDestinationsAreRefusedOnUpdateToo()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();

        using var response = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new { destination = "javascript:alert(1)" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "destination");
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"name":"","type":"dynamic","destination":"https://example.com"}""", "name" },
        { """{"name":"n","type":"sticky","destination":"https://example.com"}""", "type" },
        { """{"name":"n","type":"dynamic","destination":"https://example.com","redirectStatus":303}""", "redirectStatus" },
        { """{"name":"n","type":"dynamic","destination":"https://example.com","status":"gone"}""", "status" },
        { """{"name":"n","type":"dynamic","destination":"https://example.com","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt" },
        { """{"name":"n","type":"dynamic","destination":"https://example.com","shortCode":"ab"}""", "shortCode" },
        { """{"name":"n","type":"dynamic","destination":"https://example.com","shortCode":"health"}""", "shortCode" },
        { """{"name":"n","type":"dynamic","destination":"https://example.com","shortCode":"has space"}""", "shortCode" },
        { """{"name":"n","type":"dynamic","destination":"https://example.com","shortCode":"docs"}""", "shortCode" },
        { """{"name":"n","type":"dynamic","destination":"https://example.com","tags":["ok","Bad/Tag"]}""", "tags" },
        { """{"name":"n","type":"static"}""", "content" },
        { """{"name":"n","type":"static","content":{"type":"url","url":"javascript:alert(1)"}}""", "content.url" },
        { """{"name":"n","type":"static","content":{"type":"wifi","ssid":"x","password":"short","security":"wpa"}}""", "content.password" },
        { """{"name":"n","type":"static","content":{"type":"text","text":"line\u0000null"}}""", "content.text" },
        { """{"name":"n","type":"static","content":{"type":"geo","latitude":123,"longitude":0}}""", "content.latitude" },
        { """{"name":"n","type":"static","content":{"type":"text","text":"x"},"style":{"foreground":"#fefefe"}}""", "style.foreground" },
        { """{"name":"n","type":"static","content":{"type":"text","text":"x"},"style":{"foreground":"#zzzzzz"}}""", "style.foreground" },
        { """{"name":"n","type":"static","content":{"type":"text","text":"x"},"style":{"size":10}}""", "style.size" },
        { """{"name":"n","type":"static","content":{"type":"text","text":"x"},"style":{"errorCorrection":"Z"}}""", "style.errorCorrection" },
        { """{"name":"n","type":"static","content":{"type":"text","text":"x"},"style":{"logoId":"logo_nope"}}""", "style.logoId" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task EachBadFieldGetsItsFieldError(string body, string field)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        using var request = user.Request(HttpMethod.Post, "/api/v1/qr-codes");
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await user.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task DataThatDoesNotFitAQrCodeIsRefusedNamingTheContent()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var text = new string('x', 7500);

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "huge", type = "static", content = new { type = "text", text } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("qr.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBodyIs413()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        using var request = user.Request(HttpMethod.Post, "/api/v1/qr-codes");
        request.Content = new StringContent("{\"name\":\"" + new string('x', 200 * 1024) + "\"}", Encoding.UTF8, "application/json");

        using var response = await user.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ATakenShortCodeIsAConflictAndADeletedOneIsNeverReused()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var alias = "promo-" + Guid.NewGuid().ToString("N")[..8];
        var code = await user.CreateDynamicAsync(extra: new { shortCode = alias });

        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "n", type = "dynamic", destination = "https://example.com", shortCode = alias }), HttpStatusCode.Conflict);
        using var deleted = await user.SendAsync(HttpMethod.Delete, $"/api/v1/qr-codes/{code["id"]}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "n", type = "dynamic", destination = "https://example.com", shortCode = alias }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task MalformedJsonIsA400Problem()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        using var request = user.Request(HttpMethod.Post, "/api/v1/qr-codes");
        request.Content = new StringContent("{\"name\": \"unterminated", Encoding.UTF8, "application/json");

        await ProblemAssert.IsProblemAsync(await user.Http.SendAsync(request), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnknownContentTypeDiscriminatorIsA400Problem()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "n", type = "static", content = new { type = "bitcoin", address = "x" } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
