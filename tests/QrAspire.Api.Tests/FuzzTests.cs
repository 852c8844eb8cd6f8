using System.Net;
using System.Text;

namespace QrAspire.Api.Tests;

/// <summary>
/// Thousands of random bodies, query strings and paths across the endpoints: never a 500, and every error is
/// problem+json. Seeded, so a failure reproduces.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class FuzzTests(ApiHost api)
{
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e309", "0", "\"\"", "\"type\"", "\"name\"", "\"content\"",
        "\"destination\"", "\"style\"", "\"url\"", "\"wifi\"", "\"static\"", "\"dynamic\"", "\"javascript:x\"", "\"https://e.com\"",
        "\"\\u0000\"", "\"\\ud800\"", "\"size\"", "99999999999", "\"#fff\"", "\"expiresAt\"", "\"2026-13-45\"", "\"tags\"", "\u00e9", "\ud83d\ude00",
    ];

    private static readonly string[] Targets =
    [
        "POST /api/v1/qr-codes", "PATCH /api/v1/qr-codes/{id}", "POST /api/v1/render", "POST /api/v1/auth/register",
        "POST /api/v1/auth/login", "POST /api/v1/auth/refresh", "POST /api/v1/api-keys", "GET /api/v1/qr-codes",
        "GET /api/v1/qr-codes/{id}/image.png", "POST /api/v1/auth/verify-email", "DELETE /api/v1/qr-codes/{id}",
    ];

    [Fact]
    public async Task RandomRequestsNeverGetA500()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var code = await user.CreateDynamicAsync();
        var id = code["id"]!.GetValue<string>();
        var random = new Random(20261126);
        var failures = new List<string>();

        for (var i = 0; i < 2500 && failures.Count < 5; i++)
        {
            var (method, path) = Split(Targets[random.Next(Targets.Length)].Replace("{id}", random.Next(4) == 0 ? RandomText(random, 8) : id, StringComparison.Ordinal));
            using var request = user.Request(new HttpMethod(method), path + RandomQuery(random));
            if (method != "GET")
            {
                request.Content = new StringContent(RandomBody(random), Encoding.UTF8, random.Next(10) == 0 ? "text/plain" : "application/json");
            }

            if (random.Next(8) == 0)
            {
                request.Headers.TryAddWithoutValidation("If-Match", RandomText(random, 6));
            }

            using var response = await user.Http.SendAsync(request);
            if ((int)response.StatusCode >= 500 || ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                failures.Add($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(failures);
    }

    private static (string, string) Split(string target) => (target[..target.IndexOf(' ', StringComparison.Ordinal)], target[(target.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    private static string RandomBody(Random random)
    {
        if (random.Next(4) == 0)
        {
            // Mostly well-formed objects with random field values reach the validators, not just the parser.
            var fields = new[] { "name", "type", "destination", "content", "style", "tags", "shortCode", "redirectStatus", "expiresAt", "status", "email", "password", "scopes", "refreshToken", "format" };
            var parts = Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"\"{fields[random.Next(fields.Length)]}\":{RandomValue(random)}");
            return "{" + string.Join(',', parts) + "}";
        }

        var builder = new StringBuilder();
        for (var i = random.Next(0, 30); i > 0; i--)
        {
            builder.Append(Fragments[random.Next(Fragments.Length)]);
        }

        return builder.ToString();
    }

    private static string RandomValue(Random random) => random.Next(9) switch
    {
        0 => "null",
        1 => random.Next(-1000, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "[\"" + RandomText(random, 5) + "\"]",
        3 => "{\"type\":\"" + new[] { "url", "text", "wifi", "vcard", "geo", "event", "sms", "x" }[random.Next(8)] + "\",\"url\":\"" + RandomText(random, 10) + "\"}",
        4 => "{\"size\":" + random.Next(-10, 10000) + ",\"foreground\":\"" + RandomText(random, 7) + "\"}",
        5 => "\"https://example.com/" + RandomText(random, 12) + "\"",
        6 => "true",
        _ => "\"" + RandomText(random, random.Next(0, 40)) + "\"",
    };

    private static string RandomQuery(Random random)
    {
        if (random.Next(2) == 0)
        {
            return "";
        }

        var keys = new[] { "limit", "cursor", "sort", "type", "status", "tag", "q", "size", "margin", "ecc", "fg", "bg", "modules", "eyes", "dpi" };
        return "?" + string.Join('&', Enumerable.Range(0, random.Next(1, 5)).Select(_ => keys[random.Next(keys.Length)] + "=" + Uri.EscapeDataString(RandomText(random, random.Next(0, 12)))));
    }

    private static string RandomText(Random random, int length)
    {
        const string Alphabet = "abcXYZ019_-%#&=?/\\'\"<>{}[] .\u00e9\u4e2d\u0001\t";
        return new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
    }
}
