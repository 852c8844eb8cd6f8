using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace QrAspire.Api.Tests;

/// <summary>A code's routing through the Api: stored, returned and versioned; every bad part a 400 naming its field.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RoutingValidationTests(ApiHost api)
{
    private static JsonNode Rule(string destination, object? conditions = null) =>
        JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new { conditions, destination }))!;

    private static JsonArray Variants(params (string Destination, int Weight)[] variants) =>
        [.. variants.Select(v => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new { destination = v.Destination, weight = v.Weight })))];

    public static TheoryData<string, string> BadRouting => new()
    {
        { """{"rules":[{"destination":"https://a.example/"},{"conditions":{"device":["ios"]},"destination":"https://b.example/"}]}""", "routing.rules[1]" },
        { """{"rules":[{"conditions":{"device":["ios"]},"destination":"https://a.example/"},{"conditions":{"os":["ios"]},"destination":"https://a.example/"},{"conditions":{"country":["FR","ZZ"]},"destination":"https://a.example/"}]}""", "routing.rules[2].conditions.country" },
        { """{"rules":[{"conditions":{"device":["phone"]},"destination":"https://a.example/"}]}""", "routing.rules[0].conditions.device" },
        { """{"rules":[{"conditions":{"os":["beos"]},"destination":"https://a.example/"}]}""", "routing.rules[0].conditions.os" },
        { """{"rules":[{"conditions":{"language":["xx"]},"destination":"https://a.example/"}]}""", "routing.rules[0].conditions.language" },
        { """{"rules":[{"conditions":{"from":"2026-12-01T00:00:00","timeZone":"Mars/Olympus"},"destination":"https://a.example/"}]}""", "routing.rules[0].conditions.timeZone" },
        { """{"rules":[{"conditions":{"from":"2026-12-24T00:00:00Z","until":"2026-12-01T00:00:00Z"},"destination":"https://a.example/"}]}""", "routing.rules[0].conditions.until" },
        { """{"rules":[{"conditions":{"device":["ios"]},"destination":"javascript:alert(1)"}]}""", "routing.rules[0].destination" },
        { """{"rules":[{"conditions":{"device":["ios"]},"destination":"https://user:pass@a.example/"}]}""", "routing.rules[0].destination" },
        { """{"variants":[{"destination":"https://a.example/","weight":50},{"destination":"https://b.example/","weight":40}]}""", "routing.variants" },
        { """{"variants":[{"destination":"https://a.example/","weight":100}]}""", "routing.variants" },
        { """{"variants":[{"destination":"https://a.example/","weight":50},{"destination":"data:text/html,x","weight":50}]}""", "routing.variants[1].destination" },
        { """{"rules":[{"conditions":{"device":["ios"]},"variants":[{"destination":"https://a.example/","weight":0},{"destination":"https://b.example/","weight":100}]}]}""", "routing.rules[0].variants[0].weight" },
        { """{"expiredDestination":"file:///etc/passwd"}""", "routing.expiredDestination" },
        { """{"utm":{"source":""}}""", "routing.utm.source" },
    };

    [Theory]
    [MemberData(nameof(BadRouting))]
    public async Task BadRoutingIsRefusedNamingTheField(string routing, string field)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var created = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes",
            new JsonObject { ["name"] = "x", ["type"] = "dynamic", ["destination"] = "https://example.com/", ["routing"] = JsonNode.Parse(routing) });
        await ProblemAssert.IsProblemAsync(created, HttpStatusCode.BadRequest, field);

        var code = await user.CreateDynamicAsync();
        using var updated = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new JsonObject { ["routing"] = JsonNode.Parse(routing) });
        await ProblemAssert.IsProblemAsync(updated, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task MoreThanTwentyRulesAreRefused()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var rules = new JsonArray([.. Enumerable.Range(0, 21).Select(i => Rule($"https://example.com/{i}", new { language = new[] { "fr" } }))]);

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes",
            new JsonObject { ["name"] = "x", ["type"] = "dynamic", ["destination"] = "https://example.com/", ["routing"] = new JsonObject { ["rules"] = rules } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "routing.rules");
    }

    [Fact]
    public async Task AStaticCodeTakesNoRouting()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new JsonObject
        {
            ["name"] = "x",
            ["type"] = "static",
            ["content"] = new JsonObject { ["type"] = "text", ["text"] = "hi" },
            ["routing"] = new JsonObject { ["utm"] = new JsonObject { ["source"] = "qr" } },
        });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "routing");
    }

    [Fact]
    public async Task RoutingIsStoredReturnedVersionedAndReplacedWhole()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var routing = new JsonObject
        {
            ["rules"] = new JsonArray(Rule("https://apps.apple.com/app/id1", new { device = new[] { "ios" } })),
            ["variants"] = Variants(("https://example.com/a", 50), ("https://example.com/b", 50)),
            ["expiredDestination"] = "https://example.com/over",
            ["utm"] = new JsonObject { ["source"] = "qr", ["campaign"] = "spring" },
        };
        var code = await user.CreateDynamicAsync(extra: new JsonObject { ["routing"] = routing });
        Assert.True(JsonNode.DeepEquals(routing, WithoutNulls(code["routing"])), code["routing"]?.ToJsonString());

        using var read = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{code["id"]}");
        var fetched = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(JsonNode.DeepEquals(routing, WithoutNulls(fetched["routing"])), fetched["routing"]?.ToJsonString());
        var etag = read.Headers.ETag!.Tag;

        using var changed = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}",
            new JsonObject { ["routing"] = new JsonObject { ["utm"] = new JsonObject { ["source"] = "poster" } } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        var after = (await changed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("""{"utm":{"source":"poster"}}""", WithoutNulls(after["routing"])!.ToJsonString());

        using var removed = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new JsonObject { ["routing"] = new JsonObject() });
        Assert.Null((await removed.Content.ReadFromJsonAsync<JsonObject>())!["routing"]);
    }

    // The Api writes absent optional fields as null; the routing sent said nothing of them.
    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(WithoutNulls)]),
        _ => node?.DeepClone(),
    };

    [Fact]
    public async Task TheOpenApiDocumentDescribesRouting()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"QrCodeRouting\"", text, StringComparison.Ordinal);
        Assert.Contains("\"expiredDestination\"", text, StringComparison.Ordinal);
    }
}
