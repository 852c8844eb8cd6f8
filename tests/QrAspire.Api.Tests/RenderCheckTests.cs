using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace QrAspire.Api.Tests;

/// <summary>
/// <c>POST /api/v1/render/check</c> answers with a score, every simulated condition per decoder, the minimum printed size
/// and advice; design-studio styles render through <c>POST /api/v1/render</c>; bad style fields are 400s naming the field.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RenderCheckTests(ApiHost api)
{
    [Fact]
    public async Task ACheckAnswersWithAScoreConditionsPerDecoderAMinimumSizeAndAdvice()
    {
        using var http = api.Factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/v1/render/check", new
        {
            content = new { type = "url", url = "https://example.com/menu" },
            style = new { modules = "dots", eyes = "circle" },
            printedSizeMm = 12,
            scanningDistanceMm = 1000,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var conditions = body["conditions"]!.AsArray();
        Assert.Equal(["distance", "blur", "noise", "tilt", "low_contrast"], conditions.Select(c => c!["name"]!.GetValue<string>()));
        var zbarAvailable = body["decoders"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "zbar")!["available"]!.GetValue<bool>();
        Assert.All(conditions, c => Assert.Equal(zbarAvailable, c!["zbar"] is not null));
        // 12 mm from a metre: 40 camera pixels for ~30 modules, and the 10:1 rule asks for 100 mm.
        Assert.True(body["score"]!.GetValue<int>() < 100);
        Assert.NotEmpty(body["failingConditions"]!.AsArray());
        Assert.True(body["minimumPrintedSizeMm"]!.GetValue<double>() >= 100);
        Assert.Contains("10:1", body["sizeRule"]!.GetValue<string>(), StringComparison.Ordinal);
        var advice = body["advice"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains(advice, a => a.StartsWith("Print it at least ", StringComparison.Ordinal));
        Assert.Contains(advice, a => a.Contains("rounded-square eyes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"type\":\"linear\",\"start\":\"#000000\",\"end\":\"#eeeeee\"}", "style.gradient.end")]
    [InlineData("{\"type\":\"conic\",\"start\":\"#000000\",\"end\":\"#000000\"}", "style.gradient.type")]
    [InlineData("{\"type\":\"linear\",\"start\":\"nope\",\"end\":\"#000000\"}", "style.gradient.start")]
    public async Task ABadGradientIsA400NamingTheField(string gradient, string field)
    {
        using var http = api.Factory.CreateClient();
        var body = JsonNode.Parse($"{{\"content\":{{\"type\":\"text\",\"text\":\"g\"}},\"style\":{{\"gradient\":{gradient}}},\"format\":\"svg\"}}");

        using var render = await http.PostAsJsonAsync("/api/v1/render", body);
        using var check = await http.PostAsJsonAsync("/api/v1/render/check", body);

        await ProblemAssert.IsProblemAsync(render, HttpStatusCode.BadRequest, field);
        await ProblemAssert.IsProblemAsync(check, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("eyeFrameColour", "#eeeeee", "style.eyeFrameColour")]
    [InlineData("eyeBallColour", "#00000040", "style.eyeBallColour")]
    [InlineData("logoPadding", 3, "style.logoPadding")]
    [InlineData("logoCornerRadius", 0.9, "style.logoCornerRadius")]
    public async Task ABadStudioStyleFieldIsA400NamingIt(string name, object value, string field)
    {
        using var http = api.Factory.CreateClient();
        var style = new JsonObject { [name] = JsonValue.Create(value) };

        using var response = await http.PostAsJsonAsync("/api/v1/render", new JsonObject
        {
            ["content"] = new JsonObject { ["type"] = "text", ["text"] = "s" },
            ["style"] = style,
            ["format"] = "png",
        });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ADistanceOutOfRangeIsA400NamingIt()
    {
        using var http = api.Factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/v1/render/check", new { content = new { type = "text", text = "d" }, scanningDistanceMm = 5 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "scanningDistanceMm");
    }

    [Fact]
    public async Task AGradientLeafCodeWithEyeColoursRendersAsSvg()
    {
        using var http = api.Factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/v1/render", new
        {
            content = new { type = "text", text = "studio" },
            style = new
            {
                modules = "leaf",
                eyes = "rounded_square",
                gradient = new { type = "radial", start = "#0d47a1", end = "#000000" },
                eyeFrameColour = "#b71c1c",
            },
            format = "svg",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("<radialGradient", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#b71c1c\"", svg, StringComparison.Ordinal);
    }
}
