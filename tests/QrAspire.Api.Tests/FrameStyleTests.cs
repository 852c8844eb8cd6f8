using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace QrAspire.Api.Tests;

/// <summary>
/// A style's frame flows through every place a style is accepted — the render endpoint, the check, a saved code's
/// image — and a bad frame is a 400 naming the field under <c>style.frame</c>.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class FrameStyleTests(ApiHost api)
{
    [Theory]
    [InlineData("{\"design\":\"banner-left\",\"text\":\"Scan me\"}", "style.frame.design")]
    [InlineData("{\"design\":\"banner_bottom\",\"text\":\"This call to action is far too long\"}", "style.frame.text")]
    [InlineData("{\"design\":\"bubble\",\"text\":\"\"}", "style.frame.text")]
    [InlineData("{\"design\":\"banner_top\",\"text\":\"扫一扫\"}", "style.frame.text")]
    [InlineData("{\"design\":\"banner_bottom\",\"text\":\"Scan me\",\"colour\":\"#777777\",\"textColour\":\"#888888\"}", "style.frame.textColour")]
    [InlineData("{\"design\":\"box\",\"text\":\"Scan me\",\"colour\":\"nope\"}", "style.frame.colour")]
    public async Task ABadFrameIsA400NamingTheFieldOnRenderAndCheck(string frame, string field)
    {
        using var http = api.Factory.CreateClient();
        var body = JsonNode.Parse($"{{\"content\":{{\"type\":\"text\",\"text\":\"f\"}},\"style\":{{\"frame\":{frame}}},\"format\":\"svg\"}}");

        using var render = await http.PostAsJsonAsync("/api/v1/render", body);
        using var check = await http.PostAsJsonAsync("/api/v1/render/check", body);

        await ProblemAssert.IsProblemAsync(render, HttpStatusCode.BadRequest, field);
        await ProblemAssert.IsProblemAsync(check, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AFramedRenderGrowsTheCanvasAroundTheCodeAndDrawsTheTextAsPaths()
    {
        using var http = api.Factory.CreateClient();
        var style = new { size = 512, frame = new { design = "banner_bottom", text = "Scan me" } };

        using var png = await http.PostAsJsonAsync("/api/v1/render", new { content = new { type = "text", text = "framed" }, style, format = "png" });
        using var svg = await http.PostAsJsonAsync("/api/v1/render", new { content = new { type = "text", text = "framed" }, style, format = "svg" });

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        using var bitmap = SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync());
        Assert.Equal((548, 632), (bitmap.Width, bitmap.Height));
        var text = await svg.Content.ReadAsStringAsync();
        Assert.Contains("width=\"548\" height=\"632\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<text", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckFindsTheCodeInsideItsFrame()
    {
        using var http = api.Factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/v1/render/check", new
        {
            content = new { type = "url", url = "https://example.com/menu" },
            style = new { errorCorrection = "Q", frame = new { design = "bubble", text = "Scan for the menu" } },
            printedSizeMm = 40,
            scanningDistanceMm = 300,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.All(body["conditions"]!.AsArray(), c => Assert.True(c!["zxing"]!.GetValue<bool>(), c.ToJsonString()));
    }

    [Fact]
    public async Task ASavedCodeKeepsItsFrameAndItsImageCarriesIt()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync(extra: new { style = new { frame = new { design = "box", text = "Scan me", colour = "#1a237e" } } });

        using var image = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{code["id"]}/image.png?size=256");

        Assert.Equal("box", code["style"]!["frame"]!["design"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        using var bitmap = SKBitmap.Decode(await image.Content.ReadAsByteArrayAsync());
        Assert.True(bitmap.Height > bitmap.Width, $"{bitmap.Width}×{bitmap.Height}: no room for the text under the code");
    }

    [Fact]
    public async Task ACodeWithABadFrameIsNotSaved()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new
        {
            name = "framed",
            type = "dynamic",
            destination = "https://example.com/a",
            style = new { frame = new { design = "banner_top", text = new string('x', 31) } },
        });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "style.frame.text");
    }

    [Fact]
    public async Task BatchRowsCarryFramesAndABadFrameCellIsNamedByLineAndColumn()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var csv = "name,type,destination,frame_design,frame_text,frame_colour\n"
            + "Framed,dynamic,https://example.com/framed,bubble,Scan me,#1a237e\n"
            + "Too long,dynamic,https://example.com/long,,This call to action is far too long,\n"
            + "Unknown,dynamic,https://example.com/unknown,ribbon,Scan me,\n";

        using var refused = await UploadAsync(user, csv);
        using var accepted = await UploadAsync(user, string.Join('\n', csv.Split('\n').Take(2)) + "\n");

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        var names = problem["errors"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("line 3.frame_text", names);
        Assert.Contains("line 4.frame_design", names);
        Assert.DoesNotContain(names, n => n.StartsWith("line 2.", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(ApiClient user, string csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "codes.csv");
        using var request = user.Request(HttpMethod.Post, "/api/v1/batches");
        request.Content = form;
        return await user.Http.SendAsync(request);
    }
}
