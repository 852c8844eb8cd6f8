using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QrAspire.TestSupport;
using Xunit.Abstractions;

namespace QrAspire.Web.Tests;

/// <summary>
/// The web console in a real browser against the whole system. <c>Mode=local</c>: scripts/test.sh runs it with the
/// local PostgreSQL + Redis system tests.
/// </summary>
[Collection(ConsoleCollection.Name)]
[Trait("Tier", "System")]
[Trait("Mode", "local")]
public sealed partial class WebConsoleTests(ConsoleSystem system)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AMarketerMakesFollowsAndMeasuresADynamicCodeThenBulkCreatesAndManagesApiKeys()
    {
        var page = await system.NewPageAsync();

        // Sign up, and confirm the address from the mail (only a confirmed account may create API keys).
        var email = Support.NewEmail("ada");
        await page.GotoAsync("/signup");
        await page.ScreenshotsAsync("sign-up");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/codes/new");
        await system.ConfirmAddressAsync(page, email, Password);
        await page.GotoAsync("/codes/new");

        // Create a dynamic code, styled, with the live preview following the changes.
        var spring = new Uri(system.LandingUrl, "/spring").ToString();
        var summer = new Uri(system.LandingUrl, "/summer").ToString();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Spring poster");
        await page.GetByLabel("Destination URL").SetAsync(spring);
        var preview = page.Locator("#preview-image");
        await Assertions.Expect(preview).ToBeVisibleAsync();
        var before = await preview.GetAttributeAsync("src");
        await page.GetByLabel("Modules").SelectOptionAsync("dots");
        await page.GetByLabel("Eyes").SelectOptionAsync("circle");
        await Assertions.Expect(preview).Not.ToHaveAttributeAsync("src", before!);
        // The scannability check follows the style live: dots with circle eyes get their advice, rounded-square eyes lose it.
        await Assertions.Expect(page.Locator("#scan-score")).ToContainTextAsync("Scannability");
        await Assertions.Expect(page.Locator("#scan-advice")).ToContainTextAsync("rounded-square eyes");
        await page.GetByLabel("Eyes").SelectOptionAsync("rounded_square");
        await Assertions.Expect(page.Locator("#scan-check")).Not.ToContainTextAsync("Circle eyes with dot modules");
        // A gradient and a framed call to action, drawn in the preview.
        var unframed = await preview.GetAttributeAsync("src");
        await page.GetByLabel("Gradient", new() { Exact = true }).CheckAsync();
        await page.Locator("#gradient-end").SetAsync("#7c3aed");
        await page.GetByLabel("Frame", new() { Exact = true }).SelectOptionAsync("banner_bottom");
        await page.GetByLabel("Frame text").SetAsync("Scan for spring");
        await Assertions.Expect(preview).Not.ToHaveAttributeAsync("src", unframed!);
        await page.Locator("#fg").SetAsync("#dddddd");
        await Assertions.Expect(page.Locator("#contrast-warning")).ToBeVisibleAsync();
        await page.Locator("#fg").SetAsync("#1e1b4b");
        await Assertions.Expect(page.Locator("#contrast-warning")).ToBeHiddenAsync();
        await page.GetByLabel("Tags").SetAsync("spring, print");
        await page.WaitForTimeoutAsync(600); // let the debounced preview and its scannability check settle for the screenshot
        await Assertions.Expect(page.GetByText("Updating preview…")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        var createScreenshot = await page.ScreenshotsAsync("create");
        if (Environment.GetEnvironmentVariable("QRASPIRE_UPDATE_DOCS_SCREENSHOT") == "1")
        {
            File.Copy(createScreenshot, Path.Combine(Support.RepositoryRoot, "docs", "images", "console.png"), overwrite: true);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/codes/qr_[^/?]+"));
        var codeId = Regex.Match(page.Url, "/codes/(qr_[^/?]+)").Groups[1].Value;
        var shortUrl = await page.Locator("#short-url").TextContentAsync();
        Assert.NotNull(shortUrl);
        await page.ScreenshotsAsync("code");

        // Download the PNG through the console and decode it: it encodes the short link.
        var png = await page.DownloadAsync(page.Locator("#download-png"));
        Assert.Equal(shortUrl, Support.DecodeQr(png));
        var svg = await page.DownloadAsync(page.Locator("#download-svg"));
        Assert.StartsWith("<svg", System.Text.Encoding.UTF8.GetString(svg).TrimStart().TrimStart('\uFEFF').Replace("<?xml", "<svg", StringComparison.Ordinal), StringComparison.Ordinal);

        // Change the destination; the short link lands on the new one within a second.
        await page.GetByLabel("Destination", new() { Exact = true }).SetAsync(summer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save destination" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved — live now.")).ToBeVisibleAsync();
        var saved = DateTime.UtcNow;
        var visitor = await system.Browser.NewPageAsync(new BrowserNewPageOptions { UserAgent = ConsoleSystem.PhoneUserAgent });
        string landed;
        do
        {
            await visitor.GotoAsync(shortUrl);
            landed = visitor.Url;
        }
        while (landed != summer && DateTime.UtcNow - saved < TimeSpan.FromSeconds(1));
        Assert.Equal(summer, landed);
        Assert.Equal("summer", await visitor.Locator("#landing").TextContentAsync());
        await visitor.CloseAsync();

        // The scan shows in the code's analytics (the Worker ingests within about a second).
        await page.GotoAsync($"/codes/{codeId}/analytics");
        await WaitForAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("#total-scans").TextContentAsync(new() { Timeout = 5_000 }) is { } scans && long.Parse(scans, System.Globalization.CultureInfo.InvariantCulture) >= 1;
        }, TimeSpan.FromSeconds(30));
        await Assertions.Expect(page.Locator("svg.chart-svg rect.bar").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("section.breakdown").Filter(new() { HasText = "Device" })).ToContainTextAsync("mobile");
        await Assertions.Expect(page.Locator("section.routing-results")).ToHaveCountAsync(0); // no routing, no rule or variant table
        await page.ScreenshotsAsync("analytics");
        var csv = System.Text.Encoding.UTF8.GetString(await page.DownloadAsync(page.Locator("#csv-export")));
        Assert.Contains("scans", csv, StringComparison.OrdinalIgnoreCase);

        // The list: search and tags.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Spring poster" })).ToBeVisibleAsync();
        await page.GetByLabel("Search").FillAsync("no such name");
        await Assertions.Expect(page.GetByText("No code matches these filters.")).ToBeVisibleAsync();
        await page.GetByLabel("Search").FillAsync("spring");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Spring poster" })).ToBeVisibleAsync();
        await page.ScreenshotsAsync("codes");

        await BulkCreateAsync(page);

        // API keys: created and shown once, works against the Api, revoked, refused.
        await page.GotoAsync("/api-keys");
        // The list's first load disables the form's button while it runs: a click that lands as it turns disabled is lost.
        await Assertions.Expect(page.GetByText("No keys yet.")).ToBeVisibleAsync();
        await page.GetByLabel("Name").FillAsync("CI pipeline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await page.Locator("#new-key").InputValueAsync();
        Assert.StartsWith("qrk_", key, StringComparison.Ordinal);
        await page.ScreenshotsAsync("api-keys");
        using var api = new HttpClient { BaseAddress = system.ApiUrl };
        Assert.Equal(HttpStatusCode.OK, await StatusWithKeyAsync(api, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke CI pipeline" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke for good" }).ClickAsync();
        await Assertions.Expect(page.Locator("#keys").GetByText("revoked")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithKeyAsync(api, key));

        // Pause, then delete with confirmation.
        await page.GotoAsync($"/codes/{codeId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
        await page.Locator("#confirm-delete").ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Spring poster" })).ToBeHiddenAsync();

        // Sign out: the cookie no longer opens the console.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin?signedOut=1");
        await page.ScreenshotsAsync("sign-in");
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/signin?returnUrl=%2F");
    }

    [Fact]
    public async Task BadInputShowsTheApisFieldErrorsNextToTheFields()
    {
        var page = await system.NewPageAsync();
        await page.GotoAsync("/signup");
        await page.GetByLabel("E-mail").FillAsync("not-an-address");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#email-error")).ToContainTextAsync("valid e-mail");
        await Assertions.Expect(page.Locator("#password-error")).ToContainTextAsync("10 to 128");

        await page.GetByLabel("E-mail").FillAsync(Support.NewEmail("bad-input"));
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/codes/new");
        await page.GetByLabel("Destination URL").SetAsync("ftp://example.com/file");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await Assertions.Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#destination-error")).ToContainTextAsync("http");
        await page.ScreenshotsAsync("field-errors");

        // A static Wi-Fi code without a network name: the preview and the save both say what is wrong.
        await page.GetByText("Static", new() { Exact = true }).ClickAsync();
        await page.Locator("#content-type").SelectOptionAsync("wifi");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Guest Wi-Fi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ssid-error")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ARuleSendsIPhonesElsewhereTheTesterSaysWhyAndBadRulesAreNamed()
    {
        var page = await system.NewPageAsync();
        await page.SignUpAsync(Support.NewEmail("rules"), Password);
        var web = new Uri(system.LandingUrl, "/web").ToString();
        var store = new Uri(system.LandingUrl, "/app-store").ToString();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("App poster");
        await page.GetByLabel("Destination URL").SetAsync(web);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/codes/qr_[^/?]+"));
        var shortUrl = (await page.Locator("#short-url").TextContentAsync())!;

        // A rule with a country nobody has is refused, named next to its field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a rule" }).ClickAsync();
        await page.Locator("#rule-0-countries").SetAsync("ZZ");
        await page.Locator("#rule-0-destination").SetAsync(store);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save routing" }).ClickAsync();
        await Assertions.Expect(page.Locator("[id='routing.rules[0].conditions.country-error']")).ToBeVisibleAsync();

        // iPhones go to the store: the tester says so before saving, and a real iPhone's scan lands there after.
        await page.Locator("#rule-0-countries").SetAsync("");
        await page.Locator("#rule-0-ios").CheckAsync();
        await page.Locator("#try-device").SelectOptionAsync("iPhone (Safari)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try it" }).ClickAsync();
        await Assertions.Expect(page.Locator("#try-answer")).ToContainTextAsync("rule 1");
        await Assertions.Expect(page.Locator("#try-location")).ToHaveTextAsync(store);
        await page.Locator("#try-device").SelectOptionAsync("Windows (Chrome)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try it" }).ClickAsync();
        await Assertions.Expect(page.Locator("#try-answer")).ToContainTextAsync("no rule matched");
        await Assertions.Expect(page.Locator("#try-location")).ToHaveTextAsync(web);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save routing" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved — live now.").Last).ToBeVisibleAsync();
        await page.ScreenshotsAsync("routing");

        var saved = DateTime.UtcNow;
        var iphone = await system.Browser.NewPageAsync(new BrowserNewPageOptions { UserAgent = ConsoleSystem.PhoneUserAgent });
        string landed;
        do
        {
            await iphone.GotoAsync(shortUrl);
            landed = iphone.Url;
        }
        while (landed != store && DateTime.UtcNow - saved < TimeSpan.FromSeconds(5));
        Assert.Equal(store, landed);
        await iphone.CloseAsync();
    }

    [Fact]
    public async Task AStyleWithAPrintSizeSavedAsABrandKitStartsTheNextCodeAndCanBeDeleted()
    {
        var page = await system.NewPageAsync();
        await page.SignUpAsync(Support.NewEmail("kits"), Password);

        await page.Locator("#fg").SetAsync("#7c2d12");
        await page.GetByLabel("Modules").SelectOptionAsync("rounded_square");
        await page.GetByLabel("Frame", new() { Exact = true }).SelectOptionAsync("banner_bottom");
        await page.Locator("#print").CheckAsync();
        await page.Locator("#print-width").SetAsync("25");
        await Assertions.Expect(page.Locator("#printed-size")).ToHaveValueAsync("25");
        await page.Locator("#kit-name").SetAsync("Acme print");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save kit" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved as “Acme print”.")).ToBeVisibleAsync();

        // A fresh form starts from the defaults; choosing the kit fills the style in.
        await page.GotoAsync("/codes/new");
        await Assertions.Expect(page.Locator("#modules")).ToHaveValueAsync("square");
        await page.Locator("#brand-kit").SelectOptionAsync(new SelectOptionValue { Label = "Acme print" });
        await Assertions.Expect(page.Locator("#modules")).ToHaveValueAsync("rounded_square");
        await Assertions.Expect(page.Locator("#fg")).ToHaveValueAsync("#7c2d12");
        await Assertions.Expect(page.Locator("#frame")).ToHaveValueAsync("banner_bottom");
        await Assertions.Expect(page.Locator("#print-width")).ToHaveValueAsync("25");
        await Assertions.Expect(page.Locator("#preview-image")).ToBeVisibleAsync();

        await page.GotoAsync("/brand-kits");
        await Assertions.Expect(page.Locator("#kits")).ToContainTextAsync("Acme print");
        await Assertions.Expect(page.Locator("#kits")).ToContainTextAsync("rounded square modules");
        await Assertions.Expect(page.Locator("#kits")).ToContainTextAsync("print 25 mm");
        await page.ScreenshotsAsync("brand-kits");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Acme print" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
        await Assertions.Expect(page.Locator("#no-kits")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnAbsentOrEndedSessionGoesToSignInAndComesBack()
    {
        var page = await system.NewPageAsync();
        var email = Support.NewEmail("session");

        // Absent: straight to sign-in, and back after it.
        await page.SignUpAsync(email, Password);
        var stranger = await system.NewPageAsync();
        await stranger.GotoAsync("/api-keys");
        await stranger.WaitForURLAsync("**/signin?returnUrl=%2Fapi-keys");
        await stranger.GetByLabel("E-mail").FillAsync(email);
        await stranger.GetByLabel("Password").FillAsync(Password);
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await stranger.WaitForURLAsync("**/api-keys");
        await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();

        // A reload keeps the session.
        await stranger.ReloadAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();
        await Assertions.Expect(stranger.GetByText("No keys yet.")).ToBeVisibleAsync();

        // Ended while a page is open (signed out in another tab): the next action goes to sign-in and back.
        var otherTab = await stranger.Context.NewPageAsync();
        await otherTab.GotoAsync("/");
        await otherTab.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await otherTab.WaitForURLAsync("**/signin?signedOut=1");
        await stranger.GetByLabel("Name").FillAsync("after sign-out");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await stranger.WaitForURLAsync("**/signin?expired=1&returnUrl=%2Fapi-keys");
        await Assertions.Expect(stranger.GetByText("Your session has ended")).ToBeVisibleAsync();
        await stranger.GetByLabel("E-mail").FillAsync(email);
        await stranger.GetByLabel("Password").FillAsync(Password);
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await stranger.WaitForURLAsync("**/api-keys");
    }

    [Fact]
    public async Task EveryPageCarriesAStrictContentSecurityPolicyAndTheCookieIsOutOfScriptsReach()
    {
        var page = await system.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        var response = await page.GotoAsync("/signup");
        var headers = await response!.AllHeadersAsync();
        var policy = headers["content-security-policy"];
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.True(headers.ContainsKey("referrer-policy"));

        await page.GetByLabel("E-mail").FillAsync(Support.NewEmail("csp"));
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/codes/new");
        await Assertions.Expect(page.Locator("#preview-image")).ToBeVisibleAsync();

        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "qraspire.session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("", await page.EvaluateAsync<string>("() => document.cookie.includes('qraspire.session') ? 'readable' : ''"));
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WhileTheApiIsUnreachableAPageOffersARetryThatWorksOnceItIsBack()
    {
        await using var outage = await ApiOutage.StartAsync(system.ApiUrl);
        var page = await system.NewPageAsync(outage.WebUrl);
        var email = Support.NewEmail("outage");
        await page.SignUpAsync(email, Password);
        await system.ConfirmAddressAsync(page, email, Password);
        await page.GotoAsync("/api-keys");
        await Assertions.Expect(page.GetByText("No keys yet.")).ToBeVisibleAsync();

        outage.Down = true;
        await page.GetByLabel("Name").FillAsync("made during an outage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "try again" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();
        await page.ScreenshotsAsync("api-unreachable");

        outage.Down = false;
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-key")).ToHaveValueAsync(new Regex("^qrk_"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeHiddenAsync();
    }

    private async Task BulkCreateAsync(IPage page)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"batch-{Guid.NewGuid():N}.csv");
        var bad = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(bad, "name,type,destination\nGood,dynamic,https://example.com/a\nBad,dynamic,not a url\n");
        await File.WriteAllTextAsync(csv, "name,type,destination,tags\nFlyer A,dynamic,https://example.com/a,flyer\nFlyer B,dynamic,https://example.com/b,flyer\nFlyer C,dynamic,https://example.com/c,flyer\n");

        await page.GotoAsync("/batches");
        await Assertions.Expect(page.GetByText("None yet.")).ToBeVisibleAsync(); // the first load has finished (it disables the upload button)
        var upload = page.GetByRole(AriaRole.Button, new() { Name = "Upload and create" });
        await ChooseFileAsync(page, bad, upload);
        await upload.ClickAsync();
        var badRow = page.Locator("#row-errors tbody tr");
        await Assertions.Expect(badRow).ToHaveCountAsync(1);
        await Assertions.Expect(badRow.Locator("td").First).ToHaveTextAsync("3");
        await Assertions.Expect(badRow).ToContainTextAsync("destination");
        await page.ScreenshotsAsync("bulk-errors");

        await ChooseFileAsync(page, csv, upload);
        await page.GetByLabel("Name (optional)").FillAsync("Flyers");
        await upload.ClickAsync();
        await page.WaitForURLAsync(new Regex("/batches/bat_"));
        await Assertions.Expect(page.Locator("#batch-state")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
        await page.ScreenshotsAsync("bulk");
        var zip = await page.DownloadAsync(page.Locator("#download-zip"));
        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Contains(archive.Entries, e => e.Name == "manifest.csv");
        Assert.True(archive.Entries.Count >= 4, $"3 images and a manifest, got {archive.Entries.Count} entries");
    }

    // Blazor's file input listens only once the circuit has set it up; a file chosen before that is not seen, as it
    // would not be for a person either (who cannot pick a file within milliseconds of the page appearing).
    private static async Task ChooseFileAsync(IPage page, string file, ILocator upload)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByLabel("CSV file").SetInputFilesAsync(file);
            try
            {
                await Assertions.Expect(upload).ToBeEnabledAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
                await page.GetByLabel("CSV file").SetInputFilesAsync(Array.Empty<string>());
            }
        }
    }

    private static async Task<HttpStatusCode> StatusWithKeyAsync(HttpClient api, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/qr-codes");
        request.Headers.Add("X-Api-Key", key);
        using var response = await api.SendAsync(request);
        return response.StatusCode;
    }

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout) =>
        Eventually.TrueAsync(condition, timeout, "the page shows it", transient: exception => exception is TimeoutException, poll: TimeSpan.FromMilliseconds(500));
}
