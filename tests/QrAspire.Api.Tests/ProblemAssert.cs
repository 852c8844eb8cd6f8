using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace QrAspire.Api.Tests;

internal static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 problem with this status (and, when given, a field error on this field); returns it.</summary>
    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.StartsWith("https://qraspire.dev/problems/", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]!.GetValue<string>()));
        if (field is not null)
        {
            var names = problem["errors"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();
            Assert.Contains(field, names);
        }

        return problem;
    }
}
