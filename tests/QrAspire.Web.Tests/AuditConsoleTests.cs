using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace QrAspire.Web.Tests;

/// <summary>The audit log screen: a changed destination shows up with its old and new value, and downloads as CSV.</summary>
[Collection(ConsoleCollection.Name)]
[Trait("Tier", "System")]
[Trait("Mode", "local")]
public sealed class AuditConsoleTests(ConsoleSystem system)
{
    [Fact]
    public async Task AChangedDestinationAppearsInTheAuditLogWithItsOldAndNewValue()
    {
        var page = await system.NewPageAsync();
        await page.SignUpAsync(Support.NewEmail("audit"), "correct horse battery");
        var before = new Uri(system.LandingUrl, "/before").ToString();
        var after = new Uri(system.LandingUrl, "/after").ToString();
        await page.GotoAsync("/codes/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Audited poster");
        await page.GetByLabel("Destination URL").SetAsync(before);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/codes/qr_[^/?]+"));
        var codeId = Regex.Match(page.Url, "/codes/(qr_[^/?]+)").Groups[1].Value;
        // The page's first load fills the field: typing before it lands would be overwritten by the saved value. The
        // label is matched exactly: for a moment after the URL changes the form still shows "Destination URL", and
        // typing there is lost with it.
        await Assertions.Expect(page.GetByLabel("Destination", new() { Exact = true })).ToHaveValueAsync(before);
        await page.GetByLabel("Destination", new() { Exact = true }).SetAsync(after);
        await Assertions.Expect(page.GetByLabel("Destination", new() { Exact = true })).ToHaveValueAsync(after);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save destination" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved — live now.")).ToBeVisibleAsync();
        // The page shows what the Api saved: the old value here would mean the save sent it, not the typed one.
        await Assertions.Expect(page.GetByLabel("Destination", new() { Exact = true })).ToHaveValueAsync(after);

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/audit");
        var entries = page.Locator("tr.audit-entry");
        // The first load disables the form's button while it runs: a click that lands as it turns disabled is lost.
        await Assertions.Expect(entries).ToHaveCountAsync(2);
        var updated = entries.First;
        await Assertions.Expect(updated).ToContainTextAsync("qr_code.updated");
        await Assertions.Expect(updated).ToContainTextAsync($"destination: {before} → {after}");

        await page.GetByLabel("Action", new() { Exact = true }).SelectOptionAsync("qr_code.created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(entries).ToHaveCountAsync(1);
        await Assertions.Expect(entries.First).ToContainTextAsync(codeId);

        var csv = System.Text.Encoding.UTF8.GetString(await page.DownloadAsync(page.Locator("#download-audit")));
        Assert.StartsWith("id,occurred_at,action,", csv, StringComparison.Ordinal);
        Assert.Contains($",qr_code.created,user,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("qr_code.updated", csv, StringComparison.Ordinal);
    }
}
