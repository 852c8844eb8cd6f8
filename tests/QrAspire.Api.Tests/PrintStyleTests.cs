using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace QrAspire.Api.Tests;

/// <summary>The style's <c>print</c> options and <c>cmyk(…)</c> colours through <c>POST /api/v1/render</c>: rendered, or a 400 naming the field.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class PrintStyleTests(ApiHost api)
{
    [Theory]
    [InlineData("{\"width\":30,\"unit\":\"cm\"}", "#000000", "style.print.unit")]
    [InlineData("{\"width\":30,\"bleed\":-1}", "#000000", "style.print.bleed")]
    [InlineData("{\"width\":30,\"bleed\":40}", "#000000", "style.print.bleed")]
    [InlineData("{\"width\":5}", "#000000", "style.print.width")]
    [InlineData("{\"width\":0.2,\"unit\":\"in\"}", "#000000", "style.print.width")]
    [InlineData("{\"width\":30,\"colourSpace\":\"pantone\"}", "#000000", "style.print.colourSpace")]
    [InlineData("{\"width\":30}", "cmyk(0,0,100)", "style.foreground")]
    [InlineData("{\"width\":30}", "cmyk(0,0,0,120%)", "style.foreground")]
    public async Task ABadPrintFieldIsA400NamingIt(string print, string foreground, string field)
    {
        using var http = api.Factory.CreateClient();
        var body = new JsonObject
        {
            ["content"] = new JsonObject { ["type"] = "url", ["url"] = "https://example.com/a-menu-for-print" },
            ["style"] = new JsonObject { ["foreground"] = foreground, ["print"] = JsonNode.Parse(print) },
            ["format"] = "svg",
        };

        using var response = await http.PostAsJsonAsync("/api/v1/render", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task APrintWidthAndACmykColourRenderAnSvgInMillimetres()
    {
        using var http = api.Factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/v1/render", new
        {
            content = new { type = "url", url = "https://example.com/a-menu-for-print" },
            style = new { foreground = "cmyk(100%,60%,0%,40%)", print = new { width = 30, unit = "mm", bleed = 3, cropMarks = true, colourSpace = "cmyk" } },
            format = "svg",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("width=\"30mm\" height=\"30mm\"", svg, StringComparison.Ordinal);
        Assert.Contains("#003d99", svg, StringComparison.Ordinal);
    }
}
