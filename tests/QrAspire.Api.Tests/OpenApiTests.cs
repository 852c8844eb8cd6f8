using System.Net;
using System.Text.Json;

namespace QrAspire.Api.Tests;

/// <summary>The OpenAPI document parses, lists every endpoint with its errors, and the reference page is served.</summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class OpenApiTests(ApiHost api)
{
    private static readonly string[] Endpoints =
    [
        "post /api/v1/auth/register", "post /api/v1/auth/login", "post /api/v1/auth/refresh", "post /api/v1/auth/logout",
        "post /api/v1/auth/verify-email", "post /api/v1/auth/password-reset", "post /api/v1/auth/password-reset/confirm", "get /api/v1/me",
        "post /api/v1/api-keys", "get /api/v1/api-keys", "delete /api/v1/api-keys/{id}",
        "post /api/v1/qr-codes", "get /api/v1/qr-codes", "get /api/v1/qr-codes/{id}", "patch /api/v1/qr-codes/{id}", "delete /api/v1/qr-codes/{id}",
        "get /api/v1/qr-codes/{id}/image.{format}", "post /api/v1/render", "post /api/v1/logos",
        "post /api/v1/batches", "get /api/v1/batches", "get /api/v1/batches/{id}", "get /api/v1/batches/{id}/download",
        "post /api/v1/webhooks", "get /api/v1/webhooks", "get /api/v1/webhooks/{id}", "patch /api/v1/webhooks/{id}", "delete /api/v1/webhooks/{id}",
        "post /api/v1/webhooks/{id}/secret", "post /api/v1/webhooks/{id}/test", "get /api/v1/webhooks/{id}/deliveries",
        "post /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver",
        "get /api/v1/audit", "get /api/v1/audit.csv",
    ];

    [Fact]
    public async Task DocumentParsesAndListsEveryEndpoint()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name} {path.Name}"))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal([], Endpoints.Where(endpoint => !operations.Contains(endpoint)).ToArray());
    }

    [Fact]
    public async Task EveryOperationHasASummaryAndDocumentsItsErrors()
    {
        using var document = JsonDocument.Parse(await api.Factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.True(operation.Value.TryGetProperty("summary", out _), $"{operation.Name} {path.Name} has no summary");
                var statuses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                Assert.True(statuses.Any(s => s.StartsWith('4')), $"{operation.Name} {path.Name} documents no error response");
            }
        }
    }

    [Fact]
    public async Task InteractiveReferenceIsServed()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/docs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }
}
