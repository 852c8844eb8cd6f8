using System.Net.Http.Json;
using QrAspire.LoadTests.Config;

namespace QrAspire.LoadTests.Scenarios;

/// <summary>
/// Seeds a run through the Api, as a user would: registers an account, confirms its address with the token from the
/// verification mail in the development mail folder (<paramref name="mailFolder"/>, when given; only a verified account
/// may create API keys), signs in again (verifying ends every earlier session), creates an API key (it outlives the 15-minute
/// access token, which a soak run would outlast), then creates the dynamic codes, several at a time: the shared ones
/// and, apart, the fresh ones scan-lag needs (one per scan-lag request).
/// </summary>
public sealed partial class ApiSeeder(HttpClient http, Uri api, TextWriter log, string? mailFolder = null)
{
    private const string Password = "load test password 42";

    /// <summary>How long the Worker may take to deliver the verification mail.</summary>
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(60);

    /// <summary>Concurrent creates: enough to keep both cores busy without tripping the Api's own limits.</summary>
    private const int Parallelism = 16;

    public async Task<SeedData> SeedAsync(int codes, long freshCodes, CancellationToken cancellationToken)
    {
        var email = $"load-{Guid.NewGuid():N}@example.test";
        var token = (await PostAsync<RegisterRequest, RegisterResponse>(ApiRoutes.Register, new RegisterRequest(email, Password), null, cancellationToken)).Tokens.AccessToken;
        if (mailFolder is not null)
        {
            var verification = await VerificationTokenAsync(email, mailFolder, cancellationToken);
            await PostAsync<VerifyEmailRequest, object?>(ApiRoutes.VerifyEmail, new VerifyEmailRequest(verification), null, cancellationToken);
            token = (await PostAsync<LoginRequest, TokenPair>(ApiRoutes.Login, new LoginRequest(email, Password), null, cancellationToken)).AccessToken;
        }

        var key = (await PostAsync<CreateApiKeyRequest, CreatedApiKeyResponse>(
            ApiRoutes.ApiKeys, new CreateApiKeyRequest("load", ["codes:read", "codes:write", "analytics:read"]), token, cancellationToken)).Key;

        var started = DateTime.UtcNow;
        var created = await CreateManyAsync(key, codes, "load seed", cancellationToken);
        var fresh = await CreateManyAsync(key, (int)freshCodes, "load scan-lag", cancellationToken);
        await log.WriteLineAsync($"seeded {codes} codes{(freshCodes > 0 ? $" (+{freshCodes} for scan-lag)" : "")} through the Api in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        return new SeedData(key, created, fresh);
    }

    /// <summary>Registers a fresh account (unverified: enough for codes and bulk jobs) and returns its access token.</summary>
    public async Task<string> RegisterAccountAsync(string label, CancellationToken cancellationToken)
    {
        var email = $"load-{label}-{Guid.NewGuid():N}@example.test";
        return (await PostAsync<RegisterRequest, RegisterResponse>(ApiRoutes.Register, new RegisterRequest(email, Password), null, cancellationToken)).Tokens.AccessToken;
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
        using var request = new HttpRequestMessage(HttpMethod.Post, At(api, ApiRoutes.QrCodes))
        {
            Content = JsonContent.Create(new CreateQrCodeRequest { Name = name, Type = "dynamic", Destination = "https://example.com/load" }, ContractsJsonContext.Default.CreateQrCodeRequest),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"create code: HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.QrCodeResponse, cancellationToken);
        return new SeededCode(body!.Id, body.ShortCode!);
    }

    /// <summary>The token of the verification mail to <paramref name="email"/>, waiting for the Worker to deliver it.</summary>
    private static async Task<string> VerificationTokenAsync(string email, string mailFolder, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MailWait;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.Exists(mailFolder) ? Directory.GetFiles(mailFolder, "*.eml") : [])
            {
                // Quoted-printable may break a long line with a trailing '=': join the lines back first.
                var mail = (await File.ReadAllTextAsync(file, cancellationToken)).Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal);
                if (mail.Contains(email, StringComparison.Ordinal) && VerificationToken().Match(mail) is { Success: true } match)
                {
                    return match.Value;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new ProfileException([$"seeding: no verification mail to {email} in {mailFolder} within {MailWait.TotalSeconds:F0} s (is the Worker running?)"]);
    }

    [System.Text.RegularExpressions.GeneratedRegex("qrt_[A-Za-z0-9]{43}")]
    private static partial System.Text.RegularExpressions.Regex VerificationToken();

    /// <summary>The URL of an Api route (<see cref="ApiRoutes"/>) under <paramref name="api"/>, <c>{id}</c> filled in when given.</summary>
    public static Uri At(Uri api, string route, string? id = null) => new(api, ApiRoutes.Path(route, id).TrimStart('/'));

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string route, TRequest body, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, At(api, route)) { Content = JsonContent.Create(body, options: ContractsJson.Options) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text.Length == 0 ? default! : System.Text.Json.JsonSerializer.Deserialize<TResponse>(text, ContractsJson.Options)!
            : throw new HttpRequestException($"seeding: POST {route}: HTTP {(int)response.StatusCode}: {text}" +
                (route == ApiRoutes.ApiKeys && mailFolder is null ? " (an account confirms its address before it may create API keys: give --mail-dir, the Worker's MAIL_PICKUP_DIRECTORY)" : ""));
    }
}
