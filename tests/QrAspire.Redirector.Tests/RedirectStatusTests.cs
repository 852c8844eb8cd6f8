using System.Net;
using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

/// <summary>Every answer of <c>/{code}</c>, exactly: status, headers and body.</summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RedirectStatusTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private readonly TestCodes _codes = new(infrastructure);
    private RedirectorServer _server = null!;

    public async Task InitializeAsync() => _server = await RedirectorServer.StartAsync(infrastructure);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    public async Task ActiveCodeRedirectsWithItsStatusLocationAndCacheControl(int status)
    {
        var destination = $"https://example.com/landing?c={Guid.NewGuid():N}";
        var code = await _codes.AddAsync(destination, redirectStatus: status);

        foreach (var send in new Func<string, Task<HttpResponseMessage>>[] { _server.GetAsync, _server.GetAsync, _server.HeadAsync })
        {
            using var response = await send("/" + code);

            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal(destination, response.Headers.Location?.OriginalString);
            var cacheControl = response.Headers.CacheControl!;
            Assert.True(cacheControl.Private, "no shared cache may keep a redirect");
            if (status == 301)
            {
                Assert.Equal(TimeSpan.FromHours(1), cacheControl.MaxAge); // Bounds how long a browser keeps a permanent redirect.
            }
            else
            {
                Assert.True(cacheControl.NoStore, "every later scan must reach the Redirector");
            }

            Assert.Equal(0, response.Content.Headers.ContentLength);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task UnknownCodeGetsTheSmallNotFoundPage()
    {
        using var response = await _server.GetAsync("/" + TestCodes.NewCode("unknown"));

        await AssertPageAsync(response, HttpStatusCode.NotFound, "This QR code does not exist");
    }

    [Fact]
    public async Task PausedCodeIsGone()
    {
        var code = await _codes.AddAsync("https://example.com/paused", status: 1);

        using var response = await _server.GetAsync("/" + code);

        await AssertPageAsync(response, HttpStatusCode.Gone, "no longer active");
    }

    [Fact]
    public async Task ExpiredCodeIsGone()
    {
        var code = await _codes.AddAsync("https://example.com/expired", expiresAt: DateTime.UtcNow.AddMinutes(-1));

        using var response = await _server.GetAsync("/" + code);

        await AssertPageAsync(response, HttpStatusCode.Gone, "no longer active");
    }

    [Fact]
    public async Task CodeExpiringLaterStillRedirectsThenTurnsGoneWithoutAnyMessage()
    {
        var expiresAt = DateTime.UtcNow.AddSeconds(3);
        var code = await _codes.AddAsync("https://example.com/soon", expiresAt: expiresAt);

        using (var before = await _server.GetAsync("/" + code))
        {
            // An answer that arrived before the expiry is a redirect; one that a stalled machine only got after it may
            // rightly be Gone already, so the clock is read after the answer, not assumed.
            var answered = DateTime.UtcNow;
            Assert.True(before.StatusCode == HttpStatusCode.Found || answered >= expiresAt, $"answered {(int)before.StatusCode} before the expiry");
        }

        await RedirectorWaits.StatusAsync(_server, "/" + code, HttpStatusCode.Gone, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task DeletedCodeIsGone()
    {
        var code = await _codes.AddAsync("https://example.com/deleted", deletedAt: DateTime.UtcNow.AddMinutes(-1));

        using var response = await _server.GetAsync("/" + code);

        await AssertPageAsync(response, HttpStatusCode.Gone, "no longer active");
    }

    [Fact]
    public async Task HeadOfAGoneCodeHasThePageHeadersButNoBody()
    {
        var code = await _codes.AddAsync("https://example.com/paused", status: 1);

        using var response = await _server.HeadAsync("/" + code);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 0);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bad.code")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    [InlineData("semi;colon")]
    public async Task MalformedCodeIsRefusedBeforeAnyLookupEvenWhenSuchARowExists(string malformed)
    {
        // A row the Api would never write: if it were looked up, it would redirect.
        var code = malformed + Guid.NewGuid().ToString("N")[..6];
        await _codes.AddAsync("https://example.com/should-never-redirect", shortCode: code);

        using var response = await _server.GetAsync("/" + Uri.EscapeDataString(code));

        await AssertPageAsync(response, HttpStatusCode.NotFound, "This QR code does not exist");
    }

    [Fact]
    public async Task TooLongCodeIsRefusedBeforeAnyLookup()
    {
        var code = new string('a', 60) + Guid.NewGuid().ToString("N")[..4]; // 64: the longest valid code
        await _codes.AddAsync("https://example.com/sixty-four", shortCode: code);
        using (var valid = await _server.GetAsync("/" + code))
        {
            Assert.Equal(HttpStatusCode.Found, valid.StatusCode);
        }

        using var response = await _server.GetAsync("/" + code + "x");

        await AssertPageAsync(response, HttpStatusCode.NotFound, "This QR code does not exist");
    }

    [Fact]
    public async Task StoredDestinationThatIsNotHttpNeverBecomesARedirect()
    {
        var script = await _codes.AddAsync("javascript:alert(1)");
        var relative = await _codes.AddAsync("//evil.example/path");

        foreach (var code in new[] { script, relative })
        {
            using var response = await _server.GetAsync("/" + code);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task NonAsciiDestinationIsSentAsAValidAsciiLocation()
    {
        var code = await _codes.AddAsync("https://bücher.example/straße?q=ü");

        using var response = await _server.GetAsync("/" + code);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("health")]
    [InlineData("alive")]
    [InlineData("metrics")]
    public async Task ServicePathsAreAnsweredWithoutALookupEvenWhenACodeHasTheirName(string path)
    {
        try
        {
            await _codes.AddAsync("https://example.com/collision", shortCode: path);
        }
        catch (Exception exception) when (exception is Npgsql.PostgresException or Microsoft.Data.Sqlite.SqliteException)
        {
            // Another test run put it there already (unique index): the point stands either way.
        }

        using var response = await _server.GetAsync("/" + path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task RobotsAndFaviconAreAnsweredWithoutALookup()
    {
        using var robots = await _server.GetAsync("/robots.txt");
        using var favicon = await _server.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, robots.StatusCode);
        Assert.Equal("User-agent: *\nDisallow: /\n", await robots.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, favicon.StatusCode);
    }

    [Fact]
    public async Task OtherMethodsAreNotAllowedAndDeeperPathsAreNotFound()
    {
        var code = await _codes.AddAsync("https://example.com/post");

        using var post = await _server.Http.PostAsync(new Uri("/" + code, UriKind.Relative), null);
        using var deeper = await _server.GetAsync($"/{code}/more");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Null(post.Headers.Location);
        await AssertPageAsync(deeper, HttpStatusCode.NotFound, "This QR code does not exist");
    }

    [Fact]
    public async Task WithTheDatabaseUnreachableACodeInNoCacheGetsA503PageWithRetryAfterAndACachedOneStillRedirects()
    {
        var cached = await _codes.AddAsync("https://example.com/cached-before-the-outage");
        using (var warm = await _server.GetAsync("/" + cached))
        {
            Assert.Equal(HttpStatusCode.Found, warm.StatusCode); // now in Redis (L2), which the second server shares
        }

        var unreachable = infrastructure.DatabaseConnectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? "Host=127.0.0.1;Port=1;Database=qraspire;Username=nobody;Password=none;Timeout=2"
            : "Data Source=/proc/qraspire-no-such-folder/qraspire.db";
        await using var cut = await RedirectorServer.StartAsync(infrastructure, ("ConnectionStrings:db", unreachable));

        using (var response = await cut.GetAsync("/" + TestCodes.NewCode("outage")))
        {
            await AssertPageAsync(response, HttpStatusCode.ServiceUnavailable, "cannot be looked up right now");
            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        }

        using var fromRedis = await cut.GetAsync("/" + cached);
        Assert.Equal(HttpStatusCode.Found, fromRedis.StatusCode);
        Assert.Equal("https://example.com/cached-before-the-outage", fromRedis.Headers.Location?.OriginalString);
    }

    private static async Task AssertPageAsync(HttpResponseMessage response, HttpStatusCode status, string text)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(response.Headers.CacheControl?.NoStore, "error pages are not cached: the code may be created or resumed");
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!doctype html>", body, StringComparison.Ordinal);
        Assert.Contains(text, body, StringComparison.Ordinal);
        Assert.True(body.Length < 512, "a small page");
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }
}
