using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using QrAspire.Platform.Routing;

namespace QrAspire.Api.Tests;

/// <summary>
/// "Which destination would this visitor get?": the preview evaluates routing with the redirect edge's own engine
/// for real phones' user agents, countries, languages, times and addresses; bad input is a 400 naming the field.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RoutingPreviewTests(ApiHost api)
{
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    private const string Pixel = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36";
    private const string WindowsChrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    private static readonly JsonObject Routing = JsonNode.Parse("""
        {
          "rules": [
            { "conditions": { "device": ["ios"] }, "destination": "https://apps.apple.com/app/id1" },
            { "conditions": { "device": ["android"] }, "destination": "https://play.google.com/store/apps/details?id=x" },
            { "conditions": { "country": ["FR"], "language": ["fr"] }, "destination": "https://example.com/fr" },
            { "conditions": { "from": "2026-12-24T00:00:00", "until": "2026-12-27T00:00:00", "timeZone": "Europe/Paris" }, "destination": "https://example.com/xmas" }
          ],
          "variants": [
            { "destination": "https://example.com/a", "weight": 30 },
            { "destination": "https://example.com/b#top", "weight": 70, "utm": { "content": "b" } }
          ],
          "utm": { "source": "qr" }
        }
        """)!.AsObject();

    private static async Task<JsonObject> PreviewAsync(ApiClient user, object visitor, string? shortCode = "menu2026")
    {
        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/routing/preview", new JsonObject
        {
            ["destination"] = "https://example.com/start",
            ["routing"] = Routing.DeepClone(),
            ["shortCode"] = shortCode,
            ["visitor"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(visitor)),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task PhonesAreSentToTheirStoresWithTheCodesUtmMerged()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        var iphone = await PreviewAsync(user, new { userAgent = IPhone });
        var pixel = await PreviewAsync(user, new { userAgent = Pixel });

        Assert.Equal("https://apps.apple.com/app/id1?utm_source=qr", (string?)iphone["location"]);
        Assert.Equal(0, (int?)iphone["rule"]);
        Assert.Null(iphone["variant"]);
        Assert.Equal("ios", (string?)iphone["device"]);
        Assert.Equal("ios", (string?)iphone["os"]);
        Assert.Equal("https://play.google.com/store/apps/details?id=x&utm_source=qr", (string?)pixel["location"]);
        Assert.Equal(1, (int?)pixel["rule"]);
        Assert.Equal("android", (string?)pixel["device"]);
    }

    [Fact]
    public async Task CountryAndLanguageMustBothHold()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        var french = await PreviewAsync(user, new { userAgent = WindowsChrome, country = "FR", acceptLanguage = "fr-FR,fr;q=0.9,en;q=0.5", at = "2026-11-28T12:00:00Z" });
        var englishInFrance = await PreviewAsync(user, new { userAgent = WindowsChrome, country = "FR", acceptLanguage = "en-GB,en;q=0.9", at = "2026-11-28T12:00:00Z" });

        Assert.Equal(2, (int?)french["rule"]);
        Assert.Equal("fr", (string?)french["language"]);
        Assert.Equal("desktop", (string?)french["device"]);
        Assert.Equal("windows", (string?)french["os"]);
        Assert.Null(englishInFrance["rule"]);
    }

    [Theory]
    [InlineData("2026-12-23T22:59:59Z", null)]
    [InlineData("2026-12-23T23:00:00Z", 3)]
    [InlineData("2026-12-26T22:59:59Z", 3)]
    [InlineData("2026-12-26T23:00:00Z", null)]
    public async Task TheTimeWindowIsReadInItsZone(string at, int? rule)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        var answer = await PreviewAsync(user, new { userAgent = WindowsChrome, at });

        Assert.Equal(rule, (int?)answer["rule"]);
    }

    [Fact]
    public async Task TheDefaultSplitFollowsTheVisitorsBucketAndTheWeights()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var at = DateTimeOffset.Parse("2026-11-28T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var seen = new HashSet<int>();

        for (var i = 0; i < 24; i++)
        {
            var address = $"198.51.{i}.20";
            var answer = await PreviewAsync(user, new { userAgent = WindowsChrome, address, at });

            var bucket = Visitor.BucketOf(System.Net.IPAddress.Parse(address), WindowsChrome, "menu2026", at.UtcTicks);
            var variant = bucket < 30 ? 0 : 1;
            Assert.Equal(bucket, (int?)answer["bucket"]);
            Assert.Null(answer["rule"]);
            Assert.Equal(variant, (int?)answer["variant"]);
            Assert.Equal(variant == 0 ? "https://example.com/a?utm_source=qr" : "https://example.com/b?utm_source=qr&utm_content=b#top", (string?)answer["location"]);
            seen.Add(variant);
        }

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task WithoutRoutingTheDestinationAnswers()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/routing/preview",
            new JsonObject { ["destination"] = "https://example.com/start?x=1", ["visitor"] = new JsonObject { ["userAgent"] = IPhone } });
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://example.com/start?x=1", (string?)answer["location"]);
        Assert.Null(answer["rule"]);
        Assert.Null(answer["variant"]);
    }

    public static TheoryData<string, string> BadPreviews => new()
    {
        { """{"visitor":{}}""", "destination" },
        { """{"destination":"javascript:alert(1)"}""", "destination" },
        { """{"destination":"https://example.com/","routing":{"rules":[{"destination":"https://a.example/"},{"conditions":{"device":["ios"]},"destination":"https://b.example/"}]}}""", "routing.rules[1]" },
        { """{"destination":"https://example.com/","visitor":{"country":"ZZ"}}""", "visitor.country" },
        { """{"destination":"https://example.com/","visitor":{"address":"not-an-address"}}""", "visitor.address" },
        { """{"destination":"https://example.com/","shortCode":"bad code!"}""", "shortCode" },
    };

    [Theory]
    [MemberData(nameof(BadPreviews))]
    public async Task BadInputIsRefusedNamingTheField(string body, string field)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/routing/preview", JsonNode.Parse(body));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AnOverlongUserAgentIsRefused()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/routing/preview",
            new JsonObject { ["destination"] = "https://example.com/", ["visitor"] = new JsonObject { ["userAgent"] = new string('a', 5000) } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "visitor.userAgent");
    }
}
