using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace QrAspire.Web.Tests;

/// <summary>
/// A dynamic code's password and scan limit, set in the console and followed by a phone through the Redirector.
/// </summary>
[Collection(ConsoleCollection.Name)]
[Trait("Tier", "System")]
[Trait("Mode", "local")]
public sealed class CodeProtectionConsoleTests(ConsoleSystem system)
{
    private const string AccountPassword = "correct horse battery";
    private const string CodePassword = "open sesame";

    // Settings reach every Redirector within about a second; a phone retries until they have, for at most this long.
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task APasswordGuardsTheCodeUntilRemovedAndAScanLimitSendsLaterScansToItsFallback()
    {
        var page = await system.NewPageAsync();
        await page.SignUpAsync(Support.NewEmail("guard"), AccountPassword);
        var web = new Uri(system.LandingUrl, "/web").ToString();
        var soldOut = new Uri(system.LandingUrl, "/sold-out").ToString();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Members' poster");
        await page.GetByLabel("Destination URL").SetAsync(web);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/codes/qr_[^/?]+"));
        var shortUrl = (await page.Locator("#short-url").TextContentAsync())!;
        var phone = await system.Browser.NewPageAsync(new BrowserNewPageOptions { UserAgent = ConsoleSystem.PhoneUserAgent });

        // A limit of 0 is named under its field; a limit of 2 with a fallback: scans past it go to the fallback. The code
        // is new, so no earlier scan counts toward the limit (scans are counted from the code's first).
        await page.Locator("#scan-limit").SetAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save limit" }).ClickAsync();
        await Assertions.Expect(page.Locator("[id='routing.scanLimit.scans-error']")).ToBeVisibleAsync();
        await page.Locator("#scan-limit").SetAsync("2");
        await page.Locator("#scan-limit-fallback").SetAsync(soldOut);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save limit" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Scan limit saved — live now.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove limit" })).ToBeVisibleAsync();

        var landings = new List<string>();
        await UntilAsync(phone, shortUrl, () =>
        {
            landings.Add(phone.Url);
            return Task.FromResult(phone.Url == soldOut);
        });
        // Once past the limit it stays past it, and before it the scans went to the destination.
        await phone.GotoAsync(shortUrl);
        Assert.Equal(soldOut, phone.Url);
        Assert.All(landings[..^1], landing => Assert.Equal(web, landing));
        Assert.True(landings.Count >= 3, $"at least the two allowed scans reach the destination first: {string.Join(", ", landings)}");

        // The limit survives a reload of the console, and removing it opens the code again.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#scan-limit")).ToHaveValueAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove limit" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Scan limit removed.")).ToBeVisibleAsync();
        await UntilAsync(phone, shortUrl, () => Task.FromResult(phone.Url == web));

        // Too short a password is refused under its field; a good one makes the phone ask for it.
        await page.Locator("#code-password").SetAsync("abc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-error")).ToBeVisibleAsync();
        await page.Locator("#code-password").SetAsync(CodePassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Password set — live now.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Replace password" })).ToBeVisibleAsync();
        Assert.Empty(await page.Locator("#code-password").InputValueAsync()); // write-only: never shown again
        await page.ScreenshotsAsync("code-protection");

        await UntilAsync(phone, shortUrl, () => phone.GetByRole(AriaRole.Heading, new() { Name = "Password required" }).IsVisibleAsync());
        await phone.Locator("#p").FillAsync("open sesame?");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.DoesNotContain("sesame", phone.Url, StringComparison.Ordinal);
        await phone.Locator("#p").FillAsync(CodePassword);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await phone.WaitForURLAsync(web);
        Assert.DoesNotContain("sesame", phone.Url, StringComparison.Ordinal);

        // Removed: the phone goes straight through again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Password removed.")).ToBeVisibleAsync();
        await UntilAsync(phone, shortUrl, () => Task.FromResult(phone.Url == web));
        await phone.CloseAsync();
    }

    /// <summary>Scans <paramref name="shortUrl"/> until <paramref name="done"/> holds, for at most <see cref="Propagation"/>.</summary>
    private static async Task UntilAsync(IPage phone, string shortUrl, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + Propagation;
        do
        {
            await phone.GotoAsync(shortUrl);
            if (await done())
            {
                return;
            }

            await phone.WaitForTimeoutAsync(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{shortUrl} did not change as expected within {Propagation.TotalSeconds} s; the phone is at {phone.Url}");
    }
}
