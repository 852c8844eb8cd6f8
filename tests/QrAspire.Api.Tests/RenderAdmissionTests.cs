using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using QrAspire.QrCodes.Rendering;
using QrAspire.TestSupport;

namespace QrAspire.Api.Tests;

/// <summary>
/// Rendering is admitted through the process's render budget: a render that does not fit waits in a bounded queue,
/// then is refused with 503 render-busy and Retry-After; reads and health stay off the budget; anonymous callers
/// are held to smaller sizes and fewer formats. The budget is held by the test itself, so nothing depends on timing.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class RenderAdmissionTests(ApiHost api)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly object SmallRender = new { content = new { type = "text", text = "admission" }, style = new { size = 128 }, format = "png" };

    private ApiFactory BudgetOfOneRender(int queueLimit, int queueTimeoutMs) => new(api.Infrastructure, new Dictionary<string, string>
    {
        ["RENDER_MAX_CONCURRENT"] = "1",
        ["RENDER_QUEUE_LIMIT"] = queueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RENDER_QUEUE_TIMEOUT_MS"] = queueTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task ARenderQueuesWhileTheBudgetIsFullAndOneMoreIsRefusedWith503AndRetryAfter()
    {
        await using var factory = BudgetOfOneRender(queueLimit: 1, queueTimeoutMs: 60_000);
        var client = factory.CreateClient();
        var budget = factory.Services.GetRequiredService<RenderBudget>();
        var held = await budget.EnterAsync(long.MaxValue, CancellationToken.None);

        var queued = client.PostAsJsonAsync("/api/v1/render", SmallRender);
        await Eventually.TrueAsync(() => Task.FromResult(budget.Waiting == 1), Patience, "the first render waits in the queue");
        using var refused = await client.PostAsJsonAsync("/api/v1/render", SmallRender);

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("https://qraspire.dev/problems/render-busy", problem["type"]!.GetValue<string>());
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds");
        Assert.False(queued.IsCompleted);

        held.Dispose();
        using var rendered = await queued;
        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
        Assert.Equal("image/png", rendered.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, budget.Running);
    }

    [Fact]
    public async Task ARenderThatFindsNoRoomWithinTheQueueTimeoutIsRefusedWith503()
    {
        await using var factory = BudgetOfOneRender(queueLimit: 4, queueTimeoutMs: 1);
        var client = factory.CreateClient();
        var budget = factory.Services.GetRequiredService<RenderBudget>();
        using var held = await budget.EnterAsync(long.MaxValue, CancellationToken.None);

        using var refused = await client.PostAsJsonAsync("/api/v1/render", SmallRender);

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("https://qraspire.dev/problems/render-busy", problem["type"]!.GetValue<string>());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(0, budget.Waiting);
    }

    [Fact]
    public async Task ACodesImageSharesTheBudgetWhileReadsAndHealthStayOffIt()
    {
        await using var factory = BudgetOfOneRender(queueLimit: 0, queueTimeoutMs: 1);
        var user = await ApiClient.SignUpAsync(factory);
        var code = await user.CreateDynamicAsync();
        var id = code["id"]!.GetValue<string>();
        var budget = factory.Services.GetRequiredService<RenderBudget>();
        using var held = await budget.EnterAsync(long.MaxValue, CancellationToken.None);

        using var image = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{id}/image.png");
        using var read = await user.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{id}");
        using var health = await factory.CreateClient().GetAsync("/health");
        using var alive = await factory.CreateClient().GetAsync("/alive");

        var problem = await ProblemAssert.IsProblemAsync(image, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("https://qraspire.dev/problems/render-busy", problem["type"]!.GetValue<string>());
        Assert.NotNull(image.Headers.RetryAfter);
        Assert.False(image.Headers.Contains("ETag"), "a refused image has no ETag");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [InlineData(4096, "webp", "format")]
    [InlineData(2048, "png", "style.size")]
    [InlineData(512, "jpeg", "format")]
    public async Task AnAnonymousRenderOverTheAnonymousLimitsIsRefusedWith403NamingTheLimit(int size, string format, string field)
    {
        var client = api.Factory.CreateClient();

        using var refused = await client.PostAsJsonAsync("/api/v1/render", new { content = new { type = "text", text = "anonymous" }, style = new { size, modules = "dots" }, format });

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, field);
        Assert.Equal("https://qraspire.dev/problems/render-limit", problem["type"]!.GetValue<string>());
        Assert.Contains(field == "format" ? "png, svg" : "1024 px", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedInCallerRendersBeyondTheAnonymousLimits()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var rendered = await user.SendAsync(HttpMethod.Post, "/api/v1/render",
            new { content = new { type = "text", text = "signed in" }, style = new { size = 1100 }, format = "webp" });

        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
        Assert.Equal("image/webp", rendered.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ARenderAboveTheWholeBudgetIsRefusedNamingTheLargestSizeThatFits()
    {
        await using var factory = new ApiFactory(api.Infrastructure, new Dictionary<string, string> { ["RENDER_MEMORY_BUDGET_MB"] = "64" });
        var user = await ApiClient.SignUpAsync(factory);

        using var refused = await user.SendAsync(HttpMethod.Post, "/api/v1/render",
            new { content = new { type = "text", text = "large" }, style = new { size = 4096, modules = "dots" }, format = "webp" });

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "style.size");
        var largest = int.Parse(Regex.Match(problem.ToJsonString(), @"up to (\d+) px").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(largest, 64, 4095);
        using var fits = await user.SendAsync(HttpMethod.Post, "/api/v1/render",
            new { content = new { type = "text", text = "large" }, style = new { size = largest, modules = "dots" }, format = "webp" });
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        using var over = await user.SendAsync(HttpMethod.Post, "/api/v1/render",
            new { content = new { type = "text", text = "large" }, style = new { size = largest + 1, modules = "dots" }, format = "webp" });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        using var vector = await user.SendAsync(HttpMethod.Post, "/api/v1/render",
            new { content = new { type = "text", text = "large" }, style = new { size = 4096, modules = "dots" }, format = "svg" });
        Assert.Equal(HttpStatusCode.OK, vector.StatusCode);
    }

    [Fact]
    public async Task TheAnonymousLimitsAreSettings()
    {
        await using var factory = new ApiFactory(api.Infrastructure, new Dictionary<string, string>
        {
            ["RENDER_ANONYMOUS_MAX_SIZE"] = "128",
            ["RENDER_ANONYMOUS_FORMATS"] = "webp",
        });
        var client = factory.CreateClient();

        using var webp = await client.PostAsJsonAsync("/api/v1/render", new { content = new { type = "text", text = "a" }, style = new { size = 128 }, format = "webp" });
        using var png = await client.PostAsJsonAsync("/api/v1/render", new { content = new { type = "text", text = "a" }, style = new { size = 128 }, format = "png" });
        using var larger = await client.PostAsJsonAsync("/api/v1/render", new { content = new { type = "text", text = "a" }, style = new { size = 129 }, format = "webp" });

        Assert.Equal(HttpStatusCode.OK, webp.StatusCode);
        await ProblemAssert.IsProblemAsync(png, HttpStatusCode.Forbidden, "format");
        await ProblemAssert.IsProblemAsync(larger, HttpStatusCode.Forbidden, "style.size");
    }
}
