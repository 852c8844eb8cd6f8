using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace QrAspire.Api.Tests;

/// <summary>Create, read, change with ETags, delete; images in every format with strong ETags.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class QrCodeLifecycleTests(ApiHost api)
{
    [Fact]
    public async Task DynamicCodeGetsAnUnguessableShortCodeAndShortUrl()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        var first = await user.CreateDynamicAsync();
        var second = await user.CreateDynamicAsync();

        var code = first["shortCode"]!.GetValue<string>();
        Assert.True(code.Length >= 7 && code.All(char.IsAsciiLetterOrDigit), code);
        Assert.NotEqual(code, second["shortCode"]!.GetValue<string>());
        Assert.Equal($"{ApiFactory.RedirectBase}/{code}", first["shortUrl"]!.GetValue<string>());
        Assert.StartsWith("qr_", first["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(302, first["redirectStatus"]!.GetValue<int>());
    }

    [Fact]
    public async Task StaticCodeKeepsItsTypedContent()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        var created = await user.CreateStaticAsync(new { type = "wifi", ssid = "Cafe; Guest", password = "espresso-2026", security = "wpa", hidden = true });
        using var read = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{created["id"]}");

        var content = (await read.Content.ReadFromJsonAsync<JsonObject>())!["content"]!;
        Assert.Equal("wifi", content["type"]!.GetValue<string>());
        Assert.Equal("Cafe; Guest", content["ssid"]!.GetValue<string>());
        Assert.True(content["hidden"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UpdateWithTheCurrentETagSucceedsAndAStaleOneIs412()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();
        var id = code["id"]!.GetValue<string>();
        using var read = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{id}");
        var etag = read.Headers.ETag!.Tag;

        using var update = user.Request(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new { destination = "https://example.com/new" });
        update.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        using var updated = await user.Http.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(etag, updated.Headers.ETag!.Tag);
        Assert.Equal("https://example.com/new", (await updated.Content.ReadFromJsonAsync<JsonObject>())!["destination"]!.GetValue<string>());

        using var stale = user.Request(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new { destination = "https://example.com/lost" });
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        await ProblemAssert.IsProblemAsync(await user.Http.SendAsync(stale), HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task TwoConcurrentUpdatesWithTheSameETagLeaveExactlyOne412()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();
        var id = code["id"]!.GetValue<string>();
        var etag = $"\"v{code["version"]}\"";

        for (var round = 0; round < 5; round++)
        {
            using var read = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{id}");
            etag = read.Headers.ETag!.Tag;
            var requests = Enumerable.Range(0, 2).Select(i =>
            {
                var request = user.Request(HttpMethod.Patch, $"/api/v1/qr-codes/{id}", new { destination = $"https://example.com/{round}/{i}" });
                request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
                return user.Http.SendAsync(request);
            });

            var responses = await Task.WhenAll(requests);

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        }
    }

    [Fact]
    public async Task ReadingWithTheCurrentETagIs304()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();
        using var read = user.Request(HttpMethod.Get, $"/api/v1/qr-codes/{code["id"]}");
        read.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"v{code["version"]}\""));

        using var response = await user.Http.SendAsync(read);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task DeletedCodeIsGoneFromReadsAndLists()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();
        var id = code["id"]!.GetValue<string>();

        using var deleted = await user.SendAsync(HttpMethod.Delete, $"/api/v1/qr-codes/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{id}"), HttpStatusCode.NotFound);
        using var list = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes");
        Assert.Empty((await list.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData("svg", "image/svg+xml", new byte[] { (byte)'<' })]
    [InlineData("pdf", "application/pdf", new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F' })]
    [InlineData("eps", "application/postscript", new byte[] { (byte)'%', (byte)'!' })]
    [InlineData("jpg", "image/jpeg", new byte[] { 0xFF, 0xD8 })]
    [InlineData("webp", "image/webp", new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F' })]
    public async Task EveryFormatDownloadsWithAStrongETagAnd304(string format, string contentType, byte[] magic)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync(extra: new { style = new { foreground = "#1a237e", modules = "rounded" } });
        var path = $"/api/v1/qr-codes/{code["id"]}/image.{format}?size=256";

        using var first = await user.SendAsync(HttpMethod.Get, path);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(contentType, first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(magic, bytes.Take(magic.Length).ToArray());
        Assert.False(first.Headers.ETag!.IsWeak);

        using var again = await user.SendAsync(HttpMethod.Get, path);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);

        using var conditional = user.Request(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag);
        using var notModified = await user.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task ChangingTheCodeChangesItsImageETag()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();
        var path = $"/api/v1/qr-codes/{code["id"]}/image.svg";
        using var before = await user.SendAsync(HttpMethod.Get, path);

        using var _ = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new { style = new { modules = "dots" } });
        using var after = await user.SendAsync(HttpMethod.Get, path);

        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Theory]
    [InlineData("gif", null)]
    [InlineData("png?size=5", "style.size")]
    [InlineData("png?margin=99", "style.quietZone")]
    [InlineData("png?fg=%23ffffff&bg=%23ffffff", "style.foreground")]
    [InlineData("png?ecc=X", "style.errorCorrection")]
    [InlineData("png?size=abc", null)]
    public async Task BadImageOverridesAre400Problems(string suffix, string? field)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();

        using var response = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{code["id"]}/image.{suffix}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task LogoUploadIsCheckedByDecodingAndUsableInAStyle()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        using var notAnImage = new MultipartFormDataContent { { new ByteArrayContent("GIF89a this is not really an image"u8.ToArray()), "file", "logo.png" } };
        using var refusedRequest = user.Request(HttpMethod.Post, "/api/v1/logos");
        refusedRequest.Content = notAnImage;
        await ProblemAssert.IsProblemAsync(await user.Http.SendAsync(refusedRequest), HttpStatusCode.BadRequest, "file");

        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(64, 64)), "file", "logo.bin" } };
        using var upload = user.Request(HttpMethod.Post, "/api/v1/logos");
        upload.Content = form;
        using var uploaded = await user.Http.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var logo = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("image/png", logo["contentType"]!.GetValue<string>());

        var code = await user.CreateDynamicAsync(extra: new { style = new { logoId = logo["id"]!.GetValue<string>() } });
        using var image = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{code["id"]}/image.png");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);

        var stranger = await ApiClient.SignUpAsync(api.Factory);
        using var stolen = await stranger.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "n", type = "dynamic", destination = "https://example.com", style = new { logoId = logo["id"]!.GetValue<string>() } });
        await ProblemAssert.IsProblemAsync(stolen, HttpStatusCode.BadRequest, "style.logoId");
    }

    [Fact]
    public async Task AnonymousRenderReturnsTheImageWithoutSavingAnything()
    {
        var client = api.Factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/render", new { content = new { type = "url", url = "https://example.com" }, format = "svg", style = new { eyes = "circle" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
