using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QrAspire.TestSupport;

namespace QrAspire.Web.Tests;

/// <summary>
/// The domains screen against the whole system, with a real DNS server (dnsmasq on loopback) the Api looks the TXT
/// record up on: add, prove, use for a code whose short link the Redirector answers on that host, delete.
/// </summary>
[Collection(ConsoleCollection.Name)]
[Trait("Tier", "System")]
[Trait("Mode", "local")]
public sealed class DomainsConsoleTests(ConsoleSystem system)
{
    private const string Password = "correct horse battery";

    [SkippableFact]
    public async Task ADomainIsAddedProvenByItsTxtRecordUsedForACodeTheRedirectorAnswersOnItAndDeleted()
    {
        Skip.If(system.Dns is null || system.RedirectorUrl is null,
            DnsServer.Unavailable ?? "the system was started elsewhere (QRASPIRE_E2E_WEB_URL): its Api does not ask this test's DNS server");
        var page = await system.NewPageAsync();
        await page.SignUpAsync(Support.NewEmail("domains"), Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Domains", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/domains");
        // The first load disables the form's button while it runs: a click that lands as it turns disabled is lost.
        await Assertions.Expect(page.Locator("#no-domains")).ToBeVisibleAsync();

        // An IP address is refused, the Api's reason under the field.
        await page.GetByLabel("Domain", new() { Exact = true }).FillAsync("203.0.113.7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        await Assertions.Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#no-domains")).ToBeVisibleAsync();

        // A real name: pending, with the TXT record to create.
        var name = $"go.d{Guid.NewGuid():N}"[..20] + ".example";
        await page.GetByLabel("Domain", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        var item = page.Locator("li.domain", new() { HasText = name });
        await Assertions.Expect(item.Locator(".domain-status")).ToHaveTextAsync("pending");
        await Assertions.Expect(page.Locator("#name-error")).ToBeHiddenAsync();
        var recordName = item.GetByLabel("TXT name", new() { Exact = true });
        await Assertions.Expect(recordName).ToHaveValueAsync($"_qraspire-challenge.{name}");
        var recordValue = await item.GetByLabel("TXT value", new() { Exact = true }).InputValueAsync();
        Assert.Matches("^[A-Za-z0-9]{32}$", recordValue);
        await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("every 10 seconds");

        // Checked before the record exists: still pending, saying what was (not) found and when.
        await item.GetByRole(AriaRole.Button, new() { Name = $"Check {name} now" }).ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync($"no TXT record at _qraspire-challenge.{name} yet");
        await Assertions.Expect(item).ToContainTextAsync("Last checked");
        await Assertions.Expect(item.Locator(".domain-status")).ToHaveTextAsync("pending");
        await page.ScreenshotsAsync("domains");

        // The record is published; the page's live re-check (every 10 s) finds it without a click.
        await system.Dns!.AddTxtAsync($"_qraspire-challenge.{name}", recordValue);
        await Assertions.Expect(item.Locator(".domain-status")).ToHaveTextAsync("verified", new() { Timeout = 30_000 });
        await Assertions.Expect(item).ToContainTextAsync("new dynamic codes can use it");
        await Assertions.Expect(recordName).ToHaveCountAsync(0);

        // A dynamic code on the domain: its short link is on the domain.
        var destination = new Uri(system.LandingUrl, "/branded").ToString();
        await page.GotoAsync("/codes/new");
        var picker = page.GetByLabel("Short domain");
        await Assertions.Expect(picker.Locator("option", new() { HasText = name })).ToHaveCountAsync(1);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Branded poster");
        await page.GetByLabel("Destination URL").SetAsync(destination);
        await picker.SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/codes/qr_[^/?]+"));
        var codePath = new Uri(page.Url).AbsolutePath;
        var shortUrl = new Uri((await page.Locator("#short-url").TextContentAsync())!);
        Assert.Equal(name, shortUrl.Host);
        Assert.Matches("^/[A-Za-z0-9_-]+$", shortUrl.AbsolutePath);

        // The Redirector answers that host with the code's destination (it learns of the domain from the Api's invalidation).
        using var redirector = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = system.RedirectorUrl };
        var location = await Eventually.ValueAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, shortUrl.AbsolutePath);
            request.Headers.Host = name;
            using var response = await redirector.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Found ? response.Headers.Location?.ToString() : null;
        }, found => found is not null, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        Assert.Equal(destination, location);

        // A domain live codes use cannot be deleted; once the code is gone, it can.
        await page.GetByRole(AriaRole.Link, new() { Name = "Domains", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/domains");
        await Assertions.Expect(item.Locator(".domain-status")).ToHaveTextAsync("verified");
        await item.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
        await Assertions.Expect(item.GetByRole(AriaRole.Alert)).ToContainTextAsync("delete them first");

        await page.GotoAsync(codePath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
        await page.Locator("#confirm-delete").ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));

        await page.GotoAsync("/domains");
        await Assertions.Expect(item.Locator(".domain-status")).ToHaveTextAsync("verified");
        await item.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Assertions.Expect(item).ToBeVisibleAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
        await Assertions.Expect(page.Locator("#no-domains")).ToBeVisibleAsync();

        // Gone from the Redirector too: the host no longer names the deleted code (a domain still known would answer 410 Gone).
        var status = await Eventually.ValueAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, shortUrl.AbsolutePath);
            request.Headers.Host = name;
            using var response = await redirector.SendAsync(request);
            return response.StatusCode;
        }, code => code == HttpStatusCode.NotFound, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
