using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace QrAspire.Api.Tests;

/// <summary>Cursor pagination returns each item exactly once, even while items are being inserted; filters and sorts.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class PaginationTests(ApiHost api)
{
    [Theory]
    [InlineData("-created_at")]
    [InlineData("created_at")]
    [InlineData("name")]
    [InlineData("-name")]
    public async Task EveryItemExactlyOnceWhileInserting(string sort)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var existing = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            existing.Add((await user.CreateDynamicAsync(name: $"code {i:D2}"))["id"]!.GetValue<string>());
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var page = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes?limit=5&sort={sort}" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var body = (await page.Content.ReadFromJsonAsync<JsonObject>())!;
            seen.AddRange(body["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()));
            cursor = body["nextCursor"]?.GetValue<string>();
            // Someone keeps creating codes between page reads.
            await user.CreateDynamicAsync(name: $"inserted {pages}");
            pages++;
        }
        while (cursor is not null && pages < 50);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(existing.Except(seen));
    }

    [Fact]
    public async Task FiltersByTypeStatusTagAndName()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        await user.CreateDynamicAsync(name: "Summer Poster", extra: new { tags = new[] { "summer" } });
        await user.CreateDynamicAsync(name: "Winter flyer", extra: new { status = "paused", tags = new[] { "winter" } });
        await user.CreateStaticAsync(new { type = "text", text = "hello" }, name: "Plain summer note");

        Assert.Equal(["Summer Poster"], await NamesAsync(user, "tag=summer"));
        Assert.Equal(["Winter flyer"], await NamesAsync(user, "status=paused"));
        Assert.Equal(["Plain summer note"], await NamesAsync(user, "type=static"));
        Assert.Equal(["Plain summer note", "Summer Poster"], (await NamesAsync(user, "q=SUMMER&sort=name")).ToArray());
        Assert.Empty(await NamesAsync(user, "q=%25"));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=500", "limit")]
    [InlineData("sort=color", "sort")]
    [InlineData("type=animated", "type")]
    [InlineData("cursor=not-a-cursor!!", "cursor")]
    public async Task BadListParametersAre400Problems(string query, string field)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        await ProblemAssert.IsProblemAsync(await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes?" + query), HttpStatusCode.BadRequest, field);
    }

    private static async Task<List<string>> NamesAsync(ApiClient user, string query)
    {
        using var response = await user.SendAsync(HttpMethod.Get, "/api/v1/qr-codes?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToList();
    }
}
