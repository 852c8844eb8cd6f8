using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QrAspire.TestSupport;

namespace QrAspire.Web.Tests;

/// <summary>
/// The whole system (AppHost, local PostgreSQL + Redis), a "landing site" for the codes to point at, and headless
/// Chromium. Set <c>QRASPIRE_E2E_WEB_URL</c> (and <c>QRASPIRE_E2E_API_URL</c>) to drive a system that is already
/// running instead, which is quicker while working on the console.
/// </summary>
public sealed partial class ConsoleSystem : IAsyncLifetime
{
    /// <summary>Debian's chromium; the tests never download a browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    // A phone's user agent: HeadlessChrome is classified as a bot, and the analytics leave bots out.
    public const string PhoneUserAgent =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private DistributedApplication? _app;
    private WebApplication? _landing;
    private IPlaywright? _playwright;

    public Uri WebUrl { get; private set; } = default!;

    public Uri ApiUrl { get; private set; } = default!;

    /// <summary>Where the test codes point: answers every path with a page naming it.</summary>
    public Uri LandingUrl { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The Redirector's own URL; null against a system started elsewhere.</summary>
    public Uri? RedirectorUrl { get; private set; }

    /// <summary>
    /// The DNS server (dnsmasq on loopback) the Api verifies branded domains against; null when dnsmasq is not installed
    /// or the system was started elsewhere.
    /// </summary>
    public DnsServer? Dns { get; private set; }

    /// <summary>Whether the Api and the Worker deliver webhooks to 127.0.0.1 over http: only a system started here is told to.</summary>
    public bool WebhooksToLoopback { get; private set; }

    /// <summary>The Worker's mail pickup folder (<c>QRASPIRE_E2E_MAIL_DIR</c> against a system started elsewhere).</summary>
    public string? MailFolder { get; private set; }

    public async Task InitializeAsync()
    {
        _landing = await StartLandingSiteAsync();
        if (Environment.GetEnvironmentVariable("QRASPIRE_E2E_WEB_URL") is { Length: > 0 } web)
        {
            WebUrl = new Uri(web);
            ApiUrl = new Uri(Environment.GetEnvironmentVariable("QRASPIRE_E2E_API_URL") ?? "http://localhost:5080");
            MailFolder = Environment.GetEnvironmentVariable("QRASPIRE_E2E_MAIL_DIR");
        }
        else
        {
            using var cancellation = new CancellationTokenSource(StartTimeout);
            var data = NewDataFolder();
            MailFolder = Path.Combine(data, "mail"); // no mail server configured: the AppHost gives the Worker this pickup folder
            List<string> args = ["--Infrastructure:Mode=local", $"--Infrastructure:DataPath={data}"];
            if (Environment.GetEnvironmentVariable("QRASPIRE_REDIRECTOR_BINARY") is { Length: > 0 } redirector)
            {
                args.Add($"--Redirector:Binary={redirector}"); // the published Native AOT Redirector, as CI runs it
            }

            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.QrAspire_AppHost>([.. args], cancellation.Token);

            // Every browser here is 127.0.0.1, so all tests share one network's sign-in budget (30 a minute): on a fast
            // machine the suite's sign-ups, confirmations and sign-ins outrun it. The limit itself is tested in the Api.
            builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("RateLimits__Auth", "1000");

            // The webhook tests' receiver listens on 127.0.0.1 over http, which only this setting lets through (Api and
            // Worker check it). The Worker looks for due deliveries more often, and retries a failed one only after an
            // hour, so a failure stays in the log until the test redelivers it.
            builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
            builder.CreateResourceBuilder<ProjectResource>("worker")
                .WithEnvironment("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true")
                .WithEnvironment("WEBHOOKS_POLL_MILLISECONDS", "200")
                .WithEnvironment("WEBHOOKS_RETRY_BASE_SECONDS", "3600");
            WebhooksToLoopback = true;
            if (DnsServer.Unavailable is null)
            {
                Dns = await DnsServer.StartAsync();
                builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("DNS_SERVER", Dns.EndPoint);
            }

            _app = await builder.BuildAsync(cancellation.Token);
            await _app.StartAsync(cancellation.Token);
            foreach (var service in new[] { "api", "redirector", "worker", "web" })
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(service, cancellation.Token);
            }

            WebUrl = _app.GetEndpoint("web", "http");
            ApiUrl = _app.GetEndpoint("api", "http");
            RedirectorUrl = _app.GetEndpoint("redirector", "http");
        }

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser profile (its own cookies) at desktop size, on this system's console or another one.</summary>
    public async Task<IPage> NewPageAsync(Uri? webUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (webUrl ?? WebUrl).ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            UserAgent = PhoneUserAgent,
            AcceptDownloads = true,
            TimezoneId = "Europe/Zurich",
            Locale = "en-GB",
        });
        // Generous: the machine is shared, and a sign-up hashes a password on a busy core.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Confirms <paramref name="email"/>'s address as its owner would: opens the link of the verification mail and
    /// presses the button, then signs in again (confirming ends every earlier session).
    /// </summary>
    public async Task ConfirmAddressAsync(IPage page, string email, string password)
    {
        var token = await MailedTokenAsync(email, VerificationToken());
        await page.GotoAsync($"/verify-email?token={token}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await Assertions.Expect(page.GetByText("your address is confirmed")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in again" }).ClickAsync();
        await page.WaitForURLAsync("**/signin**");

        // The confirmation ended the earlier session, but a page of it still loading (the one sign-up landed on) may
        // remove it from the console's store only after this form was rendered for it: the form's antiforgery token,
        // bound to that session's user, is then refused (400). Such a post is tried once more on a fresh form.
        var status = 0;
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByLabel("E-mail").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            var posted = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
                response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/signin");
            status = posted.Status;
            if (status != 400 || attempt == 2)
            {
                break;
            }

            await page.GotoAsync("/signin");
        }

        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        }
        catch (TimeoutException) when (page.Url.Contains("/signin", StringComparison.Ordinal))
        {
            var alerts = await page.GetByRole(AriaRole.Alert).AllInnerTextsAsync();
            Assert.Fail($"signing in as {email} stayed on {page.Url} (the post answered {status}): {string.Join(" | ", alerts)}");
        }
    }

    /// <summary>The console link of the workspace invitation mailed to <paramref name="email"/>, as a path.</summary>
    public async Task<string> InvitationLinkAsync(string email) => $"/invitations/accept?token={await MailedTokenAsync(email, InvitationToken())}";

    /// <summary>The first token matching <paramref name="token"/> in a mail to <paramref name="email"/>, once it has come.</summary>
    private async Task<string> MailedTokenAsync(string email, System.Text.RegularExpressions.Regex token)
    {
        var folder = MailFolder ?? throw new InvalidOperationException("no mail folder: set QRASPIRE_E2E_MAIL_DIR");
        var found = await Eventually.ValueAsync(
            () => Task.FromResult(Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText)
                    .Select(mail => mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal))
                    .Where(mail => mail.Contains(email, StringComparison.Ordinal))
                    .Select(mail => token.Match(mail)).FirstOrDefault(match => match.Success)?.Value
                : null),
            value => value is not null, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        Assert.NotNull(found);
        return found;
    }

    [System.Text.RegularExpressions.GeneratedRegex("qrt_[A-Za-z0-9]{43}")]
    private static partial System.Text.RegularExpressions.Regex VerificationToken();

    [System.Text.RegularExpressions.GeneratedRegex("qri_[A-Za-z0-9]{43}")]
    private static partial System.Text.RegularExpressions.Regex InvitationToken();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_landing is not null)
        {
            await _landing.DisposeAsync();
        }

        if (Dns is not null)
        {
            await Dns.DisposeAsync();
        }
    }

    private async Task<WebApplication> StartLandingSiteAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var landing = builder.Build();
        landing.MapGet("/{**path}", (string? path) =>
            Results.Content($"<!DOCTYPE html><html><head><title>Landing {path}</title></head><body><h1 id=\"landing\">{path}</h1></body></html>", "text/html"));
        await landing.StartAsync();
        var address = landing.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        LandingUrl = new Uri(address);
        return landing;
    }

    private static string NewDataFolder()
    {
        // PostgreSQL runs as the postgres user and must be able to enter the folder.
        var folder = Path.Combine(Path.GetTempPath(), $"qraspire-web-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }

        return folder;
    }
}

/// <summary>The browser tests share one system and run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleSystem>
{
    public const string Name = "web console";
}
