extern alias api;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using api::QrAspire.Api.Features.Quotas;
using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Tests;

/// <summary>
/// Per-account quotas on an Api with small ones: 429 with Retry-After where waiting helps, 403 where it does not,
/// always problem+json of type quota-exceeded naming the quota.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class QuotaTests(ApiHost api) : IDisposable
{
    private readonly ApiFactory _factory = new(api.Infrastructure, new Dictionary<string, string>
    {
        ["QUOTA_ACTIVE_BATCHES"] = "2",
        ["QUOTA_BATCH_ROWS_PER_DAY"] = "10",
        ["QUOTA_CODES"] = "6",
        ["QUOTA_LOGOS"] = "2",
        ["QUOTA_LOGO_BYTES"] = "20000",
    });

    public void Dispose() => _factory.Dispose();

    private static string Rows(int count) =>
        "name,type,content_type,text\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"n{i},static,text,t{i}\n"));

    private static async Task<HttpResponseMessage> UploadAsync(ApiClient user, string csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "codes.csv");
        using var request = user.Request(HttpMethod.Post, "/api/v1/batches");
        request.Content = form;
        return await user.Http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> UploadLogoAsync(ApiClient user, byte[] png)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "logo.png" } };
        using var request = user.Request(HttpMethod.Post, "/api/v1/logos");
        request.Content = form;
        return await user.Http.SendAsync(request);
    }

    private static async Task<JsonObject> QuotaExceededAsync(HttpResponseMessage response, HttpStatusCode status, string quota)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, status);
        Assert.Equal("https://qraspire.dev/problems/quota-exceeded", problem["type"]!.GetValue<string>());
        Assert.Equal(quota, problem["quota"]!.GetValue<string>());
        Assert.Equal(status == HttpStatusCode.TooManyRequests, response.Headers.RetryAfter is not null);
        return problem;
    }

    [Fact]
    public async Task AThirdActiveBatchWaits()
    {
        var user = await ApiClient.SignUpAsync(_factory);
        using var first = await UploadAsync(user, Rows(1));
        using var second = await UploadAsync(user, Rows(1));
        using var third = await UploadAsync(user, Rows(1));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await QuotaExceededAsync(third, HttpStatusCode.TooManyRequests, "active_batches");
        Assert.Equal(TimeSpan.FromSeconds(60), third.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task BatchRowsOverTheDailyQuotaWaitUntilTheOldestAgeOut()
    {
        var user = await ApiClient.SignUpAsync(_factory);
        using var accepted = await UploadAsync(user, Rows(6));
        using var refused = await UploadAsync(user, Rows(5));
        using var never = await UploadAsync(await ApiClient.SignUpAsync(_factory), Rows(11));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await QuotaExceededAsync(refused, HttpStatusCode.TooManyRequests, "batch_rows_per_day");
        // The 6 rows accepted just now leave the 24-hour window in a day.
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 86_000, 86_400);
        await QuotaExceededAsync(never, HttpStatusCode.Forbidden, "batch_rows_per_day");
    }

    [Fact]
    public async Task CodesOverTheQuotaAreRefusedCountingUnfinishedBatches()
    {
        var user = await ApiClient.SignUpAsync(_factory);
        for (var i = 0; i < 4; i++)
        {
            await user.CreateDynamicAsync();
        }

        using var tooMany = await UploadAsync(user, Rows(3));
        using var fits = await UploadAsync(user, Rows(2));
        using var seventh = await user.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "one more", type = "dynamic", destination = "https://example.com" });

        await QuotaExceededAsync(tooMany, HttpStatusCode.Forbidden, "codes");
        Assert.Equal(HttpStatusCode.Accepted, fits.StatusCode);
        // 4 codes and 2 rows waiting for a Worker make 6: the quota is full.
        await QuotaExceededAsync(seventh, HttpStatusCode.Forbidden, "codes");
    }

    [Fact]
    public async Task LogosOverTheCountOrByteQuotaAreRefused()
    {
        var counted = await ApiClient.SignUpAsync(_factory);
        using var one = await UploadLogoAsync(counted, TestImages.NoisePng(40, 40, 1));
        using var two = await UploadLogoAsync(counted, TestImages.NoisePng(40, 40, 2));
        using var three = await UploadLogoAsync(counted, TestImages.NoisePng(40, 40, 3));
        var weighed = await ApiClient.SignUpAsync(_factory);
        using var big = await UploadLogoAsync(weighed, TestImages.NoisePng(70, 70, 4));
        using var over = await UploadLogoAsync(weighed, TestImages.NoisePng(50, 50, 5));

        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
        await QuotaExceededAsync(three, HttpStatusCode.Forbidden, "logos");
        Assert.Equal(HttpStatusCode.Created, big.StatusCode);
        await QuotaExceededAsync(over, HttpStatusCode.Forbidden, "logo_bytes");
    }

    [Theory]
    [InlineData("QUOTA_CODES", "lots")]
    [InlineData("QUOTA_ACTIVE_BATCHES", "-1")]
    [InlineData("QUOTA_LOGO_BYTES", "99999999999999999")]
    public void ABadQuotaSettingIsNamed(string name, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(name, value)]).Build();

        var error = Assert.Throws<SettingsException>(() => QuotaSettings.From(configuration));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotasDefaultToTheDocumentedValues()
    {
        var quotas = QuotaSettings.From(new ConfigurationBuilder().Build());

        Assert.Equal((5, 50_000, 100_000, 100, 52_428_800L), (quotas.ActiveBatches, quotas.BatchRowsPerDay, quotas.Codes, quotas.Logos, quotas.LogoBytes));
    }
}
