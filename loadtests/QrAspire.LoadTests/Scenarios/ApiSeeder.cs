using System.Net.Http.Json;
using System.Text.Json;

namespace QrAspire.LoadTests.Scenarios;

/// <summary>
/// Seeds a run through the Api, as a user would: registers an account, creates an API key (it outlives the 15-minute
/// access token, which a soak run would outlast), then creates the dynamic codes, several at a time: the shared ones
/// and, apart, the fresh ones scan-lag needs (one per scan-lag request).
/// </summary>
public sealed class ApiSeeder(HttpClient http, Uri api, TextWriter log)
{
    /// <summary>Concurrent creates: enough to keep both cores busy without tripping the Api's own limits.</summary>
    private const int Parallelism = 16;

    public async Task<SeedData> SeedAsync(int codes, long freshCodes, CancellationToken cancellationToken)
    {
        var email = $"load-{Guid.NewGuid():N}@example.test";
        var registered = await PostAsync("api/v1/auth/register", new { email, password = "load test password 42" }, null, cancellationToken);
        var token = registered.GetProperty("tokens").GetProperty("accessToken").GetString()!;
        var key = (await PostAsync("api/v1/api-keys", new { name = "load", scopes = new[] { "codes:read", "codes:write", "analytics:read" } }, token, cancellationToken))
            .GetProperty("key").GetString()!;

        var started = DateTime.UtcNow;
        var created = await CreateManyAsync(key, codes, "load seed", cancellationToken);
        var fresh = await CreateManyAsync(key, (int)freshCodes, "load scan-lag", cancellationToken);
        await log.WriteLineAsync($"seeded {codes} codes{(freshCodes > 0 ? $" (+{freshCodes} for scan-lag)" : "")} through the Api in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        return new SeedData(key, created, fresh);
    }

    private async Task<SeededCode[]> CreateManyAsync(string key, int count, string name, CancellationToken cancellationToken)
    {
        var created = new SeededCode[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            created[i] = await CreateCodeAsync(http, api, key, $"{name} {i}", ct));
        return created;
    }

    /// <summary>POST /api/v1/qr-codes for a dynamic code; also the first half of the create-render scenario.</summary>
    public static async Task<SeededCode> CreateCodeAsync(HttpClient http, Uri api, string apiKey, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "api/v1/qr-codes"))
        {
            Content = JsonContent.Create(new { name, type = "dynamic", destination = "https://example.com/load" }),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"create code: HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new SeededCode(body.GetProperty("id").GetString()!, body.GetProperty("shortCode").GetString()!);
    }

    private async Task<JsonElement> PostAsync(string path, object payload, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api, path)) { Content = JsonContent.Create(payload) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonSerializer.Deserialize<JsonElement>(text)
            : throw new HttpRequestException($"seeding: POST {path}: HTTP {(int)response.StatusCode}: {text}");
    }
}
