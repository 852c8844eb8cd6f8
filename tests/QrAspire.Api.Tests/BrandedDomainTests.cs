using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Tests.Support;
using QrAspire.TestSupport;

namespace QrAspire.Api.Tests;

/// <summary>
/// Branded domains: names are normalised and refused with a field error when they cannot be an account's own; ownership
/// is proven by a TXT record looked up on a real DNS server (dnsmasq on loopback); codes on a verified domain get short
/// URLs on it, and the same short code may live on two domains.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class BrandedDomainTests(ApiHost api)
{
    private static string UniqueName(string prefix = "go") => $"{prefix}-{Guid.NewGuid():N}"[..20] + ".example.com";

    private static async Task<JsonObject> AddAsync(ApiClient user, string name)
    {
        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/domains", new { name });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var domain = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/api/v1/domains/{domain["id"]}", response.Headers.Location?.OriginalString);
        return domain;
    }

    private static async Task<JsonObject> VerifyAsync(ApiClient user, string id)
    {
        using var response = await user.SendAsync(HttpMethod.Post, $"/api/v1/domains/{id}/verify");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Adds a domain, publishes its TXT record on the test DNS server and verifies it.</summary>
    private async Task<JsonObject> AddVerifiedAsync(ApiClient user, string name)
    {
        var domain = await AddAsync(user, name);
        await api.Dns!.AddTxtAsync(domain["record"]!["name"]!.GetValue<string>(), domain["record"]!["value"]!.GetValue<string>());
        var verified = await VerifyAsync(user, domain["id"]!.GetValue<string>());
        Assert.Equal("verified", verified["status"]!.GetValue<string>());
        return verified;
    }

    [Theory]
    [InlineData("203.0.113.7", "domain_ip_address")]
    [InlineData("[2001:db8::1]", "domain_ip_address")]
    [InlineData("2001:db8::1", "domain_ip_address")]
    [InlineData("10.0.0.999", "domain_ip_address")]
    [InlineData("localhost", "domain_single_label")]
    [InlineData("com", "domain_single_label")]
    [InlineData("co.uk", "domain_public_suffix")]
    [InlineData("github.io", "domain_public_suffix")]
    [InlineData("qr.test", "domain_reserved")]
    [InlineData("cdn.qr.test", "domain_reserved")]
    [InlineData("https://go.example.com/x", "domain_invalid")]
    [InlineData("go.example.com:8443", "domain_invalid")]
    [InlineData("-bad.example.com", "domain_invalid")]
    [InlineData("under_score.example.com", "domain_invalid")]
    [InlineData("", "domain_required")]
    public async Task ANameThatCannotBeAnAccountsOwnIsRefusedNamingTheField(string name, string code)
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        using var response = await user.SendAsync(HttpMethod.Post, "/api/v1/domains", new { name });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "name");
        Assert.Equal(code, problem["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANameIsNormalisedAndComesWithTheTxtRecordToCreate()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var label = $"bücher-{Guid.NewGuid():N}"[..16];
        var domain = await AddAsync(user, $"  {label.ToUpperInvariant()}.Example.COM. ");
        var name = domain["name"]!.GetValue<string>();
        Assert.StartsWith("xn--", name, StringComparison.Ordinal);
        Assert.EndsWith(".example.com", name, StringComparison.Ordinal);
        Assert.Equal(name, name.ToLowerInvariant());
        Assert.Equal("pending", domain["status"]!.GetValue<string>());
        Assert.Equal("TXT", domain["record"]!["type"]!.GetValue<string>());
        Assert.Equal($"_qraspire-challenge.{name}", domain["record"]!["name"]!.GetValue<string>());
        Assert.Equal(32, domain["record"]!["value"]!.GetValue<string>().Length);
    }

    [SkippableFact]
    public async Task ANameAlreadyClaimedIsRefused()
    {
        Skip.If(api.Dns is null, DnsServer.Unavailable);
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var other = await ApiClient.SignUpAsync(api.Factory);
        var pending = UniqueName("pending");
        await AddAsync(owner, pending);

        // Pending on the same account: a second claim is refused; another account may still try (and prove it first).
        using (var again = await owner.SendAsync(HttpMethod.Post, "/api/v1/domains", new { name = pending.ToUpperInvariant() }))
        {
            var problem = await ProblemAssert.IsProblemAsync(again, HttpStatusCode.BadRequest, "name");
            Assert.Equal("domain_claimed", problem["errors"]![0]!["code"]!.GetValue<string>());
        }

        await AddAsync(other, pending);

        var verified = UniqueName("verified");
        await AddVerifiedAsync(owner, verified);
        using var taken = await other.SendAsync(HttpMethod.Post, "/api/v1/domains", new { name = verified });
        var takenProblem = await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.BadRequest, "name");
        Assert.Equal("domain_claimed", takenProblem["errors"]![0]!["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task VerificationFindsTheTxtRecordOnlyWhenItHoldsTheToken()
    {
        Skip.If(api.Dns is null, DnsServer.Unavailable);
        var user = await ApiClient.SignUpAsync(api.Factory);
        var domain = await AddAsync(user, UniqueName());
        var id = domain["id"]!.GetValue<string>();
        var recordName = domain["record"]!["name"]!.GetValue<string>();

        var absent = await VerifyAsync(user, id);
        Assert.Equal("pending", absent["status"]!.GetValue<string>());
        Assert.Equal("missing", absent["check"]!.GetValue<string>());
        Assert.NotNull(absent["checkedAt"]);

        await api.Dns!.AddTxtAsync(recordName, "v=spf1 -all");
        await api.Dns.AddTxtAsync(recordName, "not-the-token");
        var wrong = await VerifyAsync(user, id);
        Assert.Equal("pending", wrong["status"]!.GetValue<string>());
        Assert.Equal("mismatch", wrong["check"]!.GetValue<string>());

        await api.Dns.AddTxtAsync(recordName, domain["record"]!["value"]!.GetValue<string>());
        var found = await VerifyAsync(user, id);
        Assert.Equal("verified", found["status"]!.GetValue<string>());
        Assert.Equal("found", found["check"]!.GetValue<string>());

        using var read = await user.SendAsync(HttpMethod.Get, $"/api/v1/domains/{id}");
        Assert.Equal("verified", (await read.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task AnotherAccountsDomainIsNeitherVisibleNorVerifiable()
    {
        Skip.If(api.Dns is null, DnsServer.Unavailable);
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var other = await ApiClient.SignUpAsync(api.Factory);
        var id = (await AddAsync(owner, UniqueName()))["id"]!.GetValue<string>();
        foreach (var (method, path) in new[] { (HttpMethod.Get, $"/api/v1/domains/{id}"), (HttpMethod.Post, $"/api/v1/domains/{id}/verify"), (HttpMethod.Delete, $"/api/v1/domains/{id}") })
        {
            using var response = await other.SendAsync(method, path);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }

        using var list = await other.SendAsync(HttpMethod.Get, "/api/v1/domains");
        Assert.Empty((await list.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());
    }

    [SkippableFact]
    public async Task TheSameShortCodeLivesOnTwoDomainsAndItsShortUrlAndImageUseTheDomain()
    {
        Skip.If(api.Dns is null, DnsServer.Unavailable);
        var first = await ApiClient.SignUpAsync(api.Factory);
        var second = await ApiClient.SignUpAsync(api.Factory);
        var firstDomain = await AddVerifiedAsync(first, UniqueName("one"));
        var secondDomain = await AddVerifiedAsync(second, UniqueName("two"));
        var shortCode = "spring" + Guid.NewGuid().ToString("N")[..8];

        var onFirst = await first.CreateDynamicAsync("https://example.com/one", extra: new { shortCode, domainId = firstDomain["id"]!.GetValue<string>() });
        var onSecond = await second.CreateDynamicAsync("https://example.com/two", extra: new { shortCode, domainId = secondDomain["id"]!.GetValue<string>() });
        var onDefault = await first.CreateDynamicAsync("https://example.com/default", extra: new { shortCode });

        Assert.Equal($"https://{firstDomain["name"]}/{shortCode}", onFirst["shortUrl"]!.GetValue<string>());
        Assert.Equal(firstDomain["id"]!.GetValue<string>(), onFirst["domainId"]!.GetValue<string>());
        Assert.Equal($"https://{secondDomain["name"]}/{shortCode}", onSecond["shortUrl"]!.GetValue<string>());
        Assert.Equal($"{ApiFactory.RedirectBase}/{shortCode}", onDefault["shortUrl"]!.GetValue<string>());
        Assert.Null(onDefault["domainId"]);

        // Still unique within one domain.
        using (var clash = await first.SendAsync(HttpMethod.Post, "/api/v1/qr-codes",
                   new { name = "clash", type = "dynamic", destination = "https://example.com/x", shortCode, domainId = firstDomain["id"]!.GetValue<string>() }))
        {
            await ProblemAssert.IsProblemAsync(clash, HttpStatusCode.Conflict);
        }

        using (var read = await first.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{onFirst["id"]}"))
        {
            Assert.Equal(onFirst["shortUrl"]!.GetValue<string>(), (await read.Content.ReadFromJsonAsync<JsonObject>())!["shortUrl"]!.GetValue<string>());
        }

        using (var list = await first.SendAsync(HttpMethod.Get, "/api/v1/qr-codes"))
        {
            var urls = (await list.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray().Select(c => c!["shortUrl"]!.GetValue<string>()).ToList();
            Assert.Contains(onFirst["shortUrl"]!.GetValue<string>(), urls);
            Assert.Contains(onDefault["shortUrl"]!.GetValue<string>(), urls);
        }

        using var image = await first.SendAsync(HttpMethod.Get, $"/api/v1/qr-codes/{onFirst["id"]}/image.png");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(onFirst["shortUrl"]!.GetValue<string>(), QrDecoder.Decode(await image.Content.ReadAsByteArrayAsync(), QrFormat.Png));
    }

    [SkippableFact]
    public async Task ACodeTakesOnlyAVerifiedDomainOfItsOwnAccount()
    {
        Skip.If(api.Dns is null, DnsServer.Unavailable);
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var other = await ApiClient.SignUpAsync(api.Factory);
        var pending = (await AddAsync(owner, UniqueName()))["id"]!.GetValue<string>();
        var theirs = (await AddVerifiedAsync(other, UniqueName()))["id"]!.GetValue<string>();
        foreach (var domainId in new[] { pending, theirs, "dom_doesnotexist" })
        {
            using var response = await owner.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "n", type = "dynamic", destination = "https://example.com/x", domainId });
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "domainId");
            Assert.Equal("domain_not_verified", problem["errors"]![0]!["code"]!.GetValue<string>());
        }

        using var staticCode = await other.SendAsync(HttpMethod.Post, "/api/v1/qr-codes", new { name = "n", type = "static", content = new { type = "text", text = "hi" }, domainId = theirs });
        await ProblemAssert.IsProblemAsync(staticCode, HttpStatusCode.BadRequest, "domainId");
    }

    [SkippableFact]
    public async Task ADomainWithLiveCodesCannotBeRemovedUntilTheyAreDeleted()
    {
        Skip.If(api.Dns is null, DnsServer.Unavailable);
        var user = await ApiClient.SignUpAsync(api.Factory);
        var domain = await AddVerifiedAsync(user, UniqueName());
        var id = domain["id"]!.GetValue<string>();
        var code = await user.CreateDynamicAsync(extra: new { domainId = id });

        using (var refused = await user.SendAsync(HttpMethod.Delete, $"/api/v1/domains/{id}"))
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
        }

        using (var deleted = await user.SendAsync(HttpMethod.Delete, $"/api/v1/qr-codes/{code["id"]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var removed = await user.SendAsync(HttpMethod.Delete, $"/api/v1/domains/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using var gone = await user.SendAsync(HttpMethod.Get, $"/api/v1/domains/{id}");
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound);

        // Removed, the name is free to claim again, with a new token.
        var again = await AddAsync(user, domain["name"]!.GetValue<string>());
        Assert.NotEqual(id, again["id"]!.GetValue<string>());
    }
}
