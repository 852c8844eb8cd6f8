using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace QrAspire.Api.Tests;

/// <summary>
/// Brand kits: a named style kept per account and applied by id to a code, a render, a scannability check and a
/// batch, with the request's own style fields on top; copied, so a later change to the kit leaves codes alone.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class BrandKitTests(ApiHost api)
{
    private const string Navy = "#1a237e";
    private const string Cream = "#fff8e1";

    private static async Task<JsonObject> CreateKitAsync(ApiClient user, string name = "Spring", object? style = null)
    {
        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/brand-kits", new { name, style = style ?? new { foreground = Navy, modules = "rounded", eyes = "rounded_square" } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var kit = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/api/v1/brand-kits/{kit["id"]}", response.Headers.Location?.OriginalString);
        return kit;
    }

    [Fact]
    public async Task AKitIsCreatedListedChangedAndDeletedOnlyByItsOwner()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var other = await ApiClient.SignUpAsync(api.Factory);
        var spring = await CreateKitAsync(owner, "Spring");
        await CreateKitAsync(owner, "Autumn", new { foreground = "#4e342e" });
        var id = spring["id"]!.GetValue<string>();
        Assert.StartsWith("kit_", id, StringComparison.Ordinal);
        Assert.Equal(Navy, spring["style"]!["foreground"]!.GetValue<string>());

        using (var list = await owner.SendAsync(HttpMethod.Get, "/api/v1/brand-kits"))
        {
            var names = (await list.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray().Select(k => k!["name"]!.GetValue<string>());
            Assert.Equal(["Autumn", "Spring"], names);
        }

        using (var theirs = await other.SendAsync(HttpMethod.Get, "/api/v1/brand-kits"))
        {
            Assert.Empty((await theirs.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());
        }

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Patch, HttpMethod.Delete })
        {
            using var notTheirs = await other.SendAsync(method, $"/api/v1/brand-kits/{id}", method == HttpMethod.Patch ? new { name = "mine now" } : null);
            await ProblemAssert.IsProblemAsync(notTheirs, HttpStatusCode.NotFound);
        }

        using (var changed = await owner.SendAsync(HttpMethod.Patch, $"/api/v1/brand-kits/{id}", new { name = "Spring 2027", style = new { foreground = "#004d40" } }))
        {
            var body = (await changed.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("Spring 2027", body["name"]!.GetValue<string>());
            Assert.Equal("#004d40", body["style"]!["foreground"]!.GetValue<string>());
            Assert.Null(body["style"]!["modules"]);
        }

        using (var deleted = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/brand-kits/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await owner.SendAsync(HttpMethod.Get, $"/api/v1/brand-kits/{id}");
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadNamesAndStylesAreRefusedNamingTheField()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        await CreateKitAsync(user, "Taken");

        using (var badColour = await user.SendAsync(HttpMethod.Post, "/api/v1/brand-kits", new { name = "Bad", style = new { foreground = "#zzz" } }))
        {
            await ProblemAssert.IsProblemAsync(badColour, HttpStatusCode.BadRequest, "style.foreground");
        }

        using (var lowContrast = await user.SendAsync(HttpMethod.Post, "/api/v1/brand-kits", new { name = "Grey", style = new { foreground = "#dddddd", background = "#ffffff" } }))
        {
            await ProblemAssert.IsProblemAsync(lowContrast, HttpStatusCode.BadRequest);
        }

        using (var noName = await user.SendAsync(HttpMethod.Post, "/api/v1/brand-kits", new { name = " ", style = new { foreground = Navy } }))
        {
            await ProblemAssert.IsProblemAsync(noName, HttpStatusCode.BadRequest, "name");
        }

        using (var strangersLogo = await user.SendAsync(HttpMethod.Post, "/api/v1/brand-kits", new { name = "Logo", style = new { logoId = "logo_00000000000000000000" } }))
        {
            await ProblemAssert.IsProblemAsync(strangersLogo, HttpStatusCode.BadRequest, "style.logoId");
        }

        using var duplicate = await user.SendAsync(HttpMethod.Post, "/api/v1/brand-kits", new { name = "Taken", style = new { foreground = Navy } });
        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ACodeMadeWithAKitKeepsItsStyleWhenTheKitChanges()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var kit = await CreateKitAsync(user);
        var kitId = kit["id"]!.GetValue<string>();

        var code = await user.CreateDynamicAsync(extra: new { brandKitId = kitId, style = new { background = Cream } });

        Assert.Equal(Navy, code["style"]!["foreground"]!.GetValue<string>());
        Assert.Equal(Cream, code["style"]!["background"]!.GetValue<string>());
        Assert.Equal("rounded", code["style"]!["modules"]!.GetValue<string>());
        using (var changed = await user.SendAsync(HttpMethod.Patch, $"/api/v1/brand-kits/{kitId}", new { style = new { foreground = "#b71c1c" } }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        using var read = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{code["id"]}");
        Assert.Equal(Navy, (await read.Content.ReadFromJsonAsync<JsonObject>())!["style"]!["foreground"]!.GetValue<string>());

        using var restyled = await user.SendAsync(HttpMethod.Patch, $"/api/v1/qr-codes/{code["id"]}", new { brandKitId = kitId });
        Assert.Equal("#b71c1c", (await restyled.Content.ReadFromJsonAsync<JsonObject>())!["style"]!["foreground"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARenderWithAKitUsesItsColoursAndRequestFieldsOnTop()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var kitId = (await CreateKitAsync(user))["id"]!.GetValue<string>();

        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/render", new
        {
            content = new { type = "text", text = "hello" },
            format = "svg",
            brandKitId = kitId,
            style = new { background = Cream },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains(Navy, svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Cream, svg, StringComparison.OrdinalIgnoreCase);

        using var check = await user.SendAsync(HttpMethod.Post, "/api/v1/render/check", new { content = new { type = "text", text = "hello" }, brandKitId = kitId });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task AKitOfAnotherAccountOrWithoutAnAccountIsRefused()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var other = await ApiClient.SignUpAsync(api.Factory);
        var kitId = (await CreateKitAsync(owner))["id"]!.GetValue<string>();
        var render = new { content = new { type = "text", text = "hello" }, format = "svg", brandKitId = kitId };

        using (var stranger = await other.SendAsync(HttpMethod.Post, "/api/v1/render", render))
        {
            await ProblemAssert.IsProblemAsync(stranger, HttpStatusCode.BadRequest, "brandKitId");
        }

        using (var strangersCode = await other.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "n", type = "dynamic", destination = "https://example.com/x", brandKitId = kitId }))
        {
            await ProblemAssert.IsProblemAsync(strangersCode, HttpStatusCode.BadRequest, "brandKitId");
        }

        using var http = api.Factory.CreateClient();
        using var anonymous = await http.PostAsJsonAsync("/api/v1/render", render);
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.BadRequest, "brandKitId");
    }

    [Fact]
    public async Task EveryRowOfABatchGetsTheKitAndItsOwnColumnsOnTop()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var kitId = (await CreateKitAsync(user))["id"]!.GetValue<string>();
        var csv = "name,type,destination,background\nPlain,dynamic,https://example.com/a,\nCream,dynamic,https://example.com/b," + Cream + "\n";

        using var accepted = await UploadAsync(user, csv, kitId);

        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var batchId = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var specs = await api.QueryAsync(db => db.BatchRows.AsNoTracking().Where(r => r.BatchId == batchId).OrderBy(r => r.Line).Select(r => r.Spec).ToListAsync());
        Assert.All(specs, spec => Assert.Equal(Navy, JsonNode.Parse(spec)!["style"]!["foreground"]!.GetValue<string>()));
        Assert.Equal(Cream, JsonNode.Parse(specs[1])!["style"]!["background"]!.GetValue<string>());

        // The kit's navy on a navy row is checked as one style: refused, naming the line.
        using var clash = await UploadAsync(user, "name,type,destination,background\nClash,dynamic,https://example.com/c," + Navy + "\n", kitId);
        var problem = await ProblemAssert.IsProblemAsync(clash, HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["name"]!.GetValue<string>().StartsWith("line 2.", StringComparison.Ordinal));

        using var unknown = await UploadAsync(user, csv, "kit_00000000000000000000");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "brandKitId");
    }

    private static async Task<HttpResponseMessage> UploadAsync(ApiClient user, string csv, string kitId)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "codes.csv");
        form.Add(new StringContent(kitId), "brandKitId");
        using var request = user.Request(HttpMethod.Post, "/api/v1/batches");
        request.Content = form;
        return await user.Http.SendAsync(request);
    }
}
