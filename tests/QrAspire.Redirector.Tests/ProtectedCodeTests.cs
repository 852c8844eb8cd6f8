using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QrAspire.Platform.Protection;
using QrAspire.TestSupport;
using StackExchange.Redis;

namespace QrAspire.Redirector.Tests;

/// <summary>Password-protected codes: the form, the check, the guess throttle and the bound on concurrent checks.</summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class ProtectedCodeTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Destination = "https://example.com/members";
    private const string Phone = RoutingTests.IPhoneSafari;

    // Cheap hashes keep the tests quick; the count is read from the stored hash, as for real ones.
    private const int TestIterations = 1_000;

    private readonly TestCodes _codes = new(infrastructure);
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task AProtectedCodeAnswersAFormThatHoldsNoDestination()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await ProtectedAsync("open sesame");

        foreach (var (method, agent) in new[] { (HttpMethod.Get, Phone), (HttpMethod.Head, Phone), (HttpMethod.Get, "facebookexternalhit/1.1"), (HttpMethod.Get, "WhatsApp/2.23") })
        {
            using var request = new HttpRequestMessage(method, "/" + code);
            request.Headers.TryAddWithoutValidation("User-Agent", agent);
            using var response = await server.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.DoesNotContain("example.com", body, StringComparison.Ordinal);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("noindex, nofollow", string.Join(", ", response.Headers.GetValues("X-Robots-Tag")));
            Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https: http:; frame-ancestors 'none'; base-uri 'none'",
                Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            if (method == HttpMethod.Get)
            {
                Assert.Contains($"<form method=\"post\" action=\"/{code}\">", body, StringComparison.Ordinal);
                Assert.Contains("name=\"password\" type=\"password\"", body, StringComparison.Ordinal);
                Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task AWrongPasswordGetsTheFormAgainAndTheRightOneRedirectsToTheRoutedDestination()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination, routing: """{"utm":{"source":"qr"}}""");
        await _codes.SetPasswordHashAsync(code, CodePassword.Hash("correct horse", TestIterations));

        using var wrong = await PostAsync(server, code, "wrong horse");
        var wrongBody = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("not right", wrongBody, StringComparison.Ordinal);
        Assert.Contains("<form", wrongBody, StringComparison.Ordinal);
        Assert.Null(wrong.Headers.Location);

        using var right = await PostAsync(server, code, "correct horse");
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        Assert.Equal(Destination + "?utm_source=qr", right.Headers.Location?.OriginalString);

        // The form's GET and the wrong guess are no scans; the unlocked redirect is one.
        var scan = Assert.Single(await RedirectorWaits.ScansAsync(_redis, code, 1, TimeSpan.FromSeconds(10)));
        Assert.False(scan.IsBot);
    }

    [Fact]
    public async Task ThePasswordAppearsInNoLogTraceOrScanEvent()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure, ("Logging:LogLevel:Default", "Trace"));
        using var telemetry = new CapturedTelemetry();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(telemetry);
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var code = await ProtectedAsync(password);

        using var wrong = await PostAsync(server, code, password + "-wrong");
        using var right = await PostAsync(server, code, password);

        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        var scan = Assert.Single(await RedirectorWaits.ScansAsync(_redis, code, 1, TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(password, System.Text.Json.JsonSerializer.Serialize(scan), StringComparison.Ordinal);
        Assert.Contains(telemetry.Lines, line => line.Contains(code, StringComparison.Ordinal)); // the capture did see these requests
        Assert.DoesNotContain(telemetry.Lines, line => line.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(password, right.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuessesBeyondTheLimitPerAddressGet429WithRetryAfterEvenWithTheRightPassword()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure, ("PASSWORD_ATTEMPTS_PER_MINUTE", "3"));
        var code = await ProtectedAsync("letmein1");

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await PostAsync(server, code, "guess" + i);
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        using var throttled = await PostAsync(server, code, "letmein1");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(throttled.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 60);
        Assert.Null(throttled.Headers.Location);
        using var otherCode = await PostAsync(server, await ProtectedAsync("letmein1"), "letmein1");
        Assert.Equal(HttpStatusCode.SeeOther, otherCode.StatusCode); // the limit is per code
    }

    [Fact]
    public async Task GuessesAtOneCodeFromManyAddressesAreLimitedTogether()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure, ("TRUSTED_PROXIES", "127.0.0.1,::1"), ("PASSWORD_CODE_ATTEMPTS_PER_MINUTE", "4"));
        var code = await ProtectedAsync("letmein2");

        for (var i = 0; i < 4; i++)
        {
            using var wrong = await PostAsync(server, code, "guess", forwardedFor: $"198.51.100.{i + 1}");
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        using var throttled = await PostAsync(server, code, "letmein2", forwardedFor: "203.0.113.77");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    [Fact]
    public async Task TheThrottleIsSharedByRedirectorsThroughRedis()
    {
        await using var first = await RedirectorServer.StartAsync(infrastructure, ("PASSWORD_ATTEMPTS_PER_MINUTE", "2"));
        await using var second = await RedirectorServer.StartAsync(infrastructure, ("PASSWORD_ATTEMPTS_PER_MINUTE", "2"));
        var code = await ProtectedAsync("letmein3");

        using var a = await PostAsync(first, code, "guess-a");
        using var b = await PostAsync(second, code, "guess-b");
        using var c = await PostAsync(first, code, "letmein3");

        Assert.Equal(HttpStatusCode.Forbidden, a.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, b.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, c.StatusCode);
    }

    [Fact]
    public async Task ChecksBeyondTheConcurrencyBoundGet503WhileOrdinaryRedirectsGoOn()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure, ("PASSWORD_CONCURRENT_CHECKS", "1"), ("PASSWORD_ATTEMPTS_PER_MINUTE", "100"));
        // A deliberately slow hash (hundreds of milliseconds), so that checks overlap.
        var code = await _codes.AddAsync(Destination);
        await _codes.SetPasswordHashAsync(code, CodePassword.Hash("slow", 2_000_000));
        var plain = await _codes.AddAsync("https://example.com/plain");

        var guesses = Enumerable.Range(0, 6).Select(i => PostAsync(server, code, "guess" + i)).ToArray();
        using var ordinary = await server.GetAsync("/" + plain);
        var answers = await Task.WhenAll(guesses);

        Assert.Equal(HttpStatusCode.Found, ordinary.StatusCode);
        Assert.Contains(answers, r => r.StatusCode == HttpStatusCode.Forbidden);
        var busy = answers.FirstOrDefault(r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(busy);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
        Assert.All(answers, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.ServiceUnavailable }));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task AnOverlongOrNonFormPasswordGetsTheFormBack()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await ProtectedAsync("letmein4");

        using var huge = await server.Http.PostAsync(new Uri("/" + code, UriKind.Relative),
            new FormUrlEncodedContent([new("password", new string('x', 3_000))]));
        using var json = await server.Http.PostAsync(new Uri("/" + code, UriKind.Relative),
            new StringContent("""{"password":"letmein4"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Null(json.Headers.Location);
    }

    [Fact]
    public async Task OnlyAProtectedCodeTakesAPost()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination);

        using var response = await PostAsync(server, code, "anything");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task AnExpiredProtectedCodeSendsTheFormsPostToItsFallbackWithoutAPassword()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure);
        var code = await _codes.AddAsync(Destination, expiresAt: DateTime.UtcNow.AddMinutes(-1), routing: """{"expiredDestination":"https://example.com/ended"}""");
        await _codes.SetPasswordHashAsync(code, CodePassword.Hash("secret", TestIterations));

        using var scan = await server.GetAsync("/" + code);
        using var post = await PostAsync(server, code, "wrong");

        Assert.Equal("https://example.com/ended", scan.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        Assert.Equal("https://example.com/ended", post.Headers.Location?.OriginalString);
    }

    private async Task<string> ProtectedAsync(string password)
    {
        var code = await _codes.AddAsync(Destination);
        await _codes.SetPasswordHashAsync(code, CodePassword.Hash(password, TestIterations));
        return code;
    }

    private static async Task<HttpResponseMessage> PostAsync(RedirectorServer server, string code, string password, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + code) { Content = new FormUrlEncodedContent([new("password", password)]) };
        request.Headers.TryAddWithoutValidation("User-Agent", Phone);
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return await server.Http.SendAsync(request);
    }
}
