using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace QrAspire.Web.Tests;

/// <summary>
/// A two-person team in the console against the whole system: an owner creates a workspace and invites by e-mail,
/// the invitee accepts the e-mailed link, they share codes, the owner lowers the invitee's role and then removes them.
/// </summary>
[Collection(ConsoleCollection.Name)]
[Trait("Tier", "System")]
[Trait("Mode", "local")]
public sealed class WorkspacesConsoleTests(ConsoleSystem system)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AnInvitedEditorSharesCodesUntilMadeViewerAndThenRemoved()
    {
        var ownerEmail = Support.NewEmail("owner");
        var memberEmail = Support.NewEmail("member");

        // A signs up, confirms the address, creates "Agency" and invites B as an editor.
        var a = await system.NewPageAsync();
        await a.SignUpAsync(ownerEmail, Password);
        await system.ConfirmAddressAsync(a, ownerEmail, Password);
        await a.GotoAsync("/workspaces");
        await Assertions.Expect(a.Locator("#workspaces")).ToBeVisibleAsync(); // the first load is done
        await a.GetByLabel("New workspace", new() { Exact = true }).FillAsync("Agency");
        await a.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        await a.WaitForURLAsync("**/members");
        await Assertions.Expect(a.Locator("#my-role")).ToHaveTextAsync("owner");
        await Assertions.Expect(a.Locator("#workspace-switch option:checked")).ToHaveTextAsync("Agency · owner");
        await Assertions.Expect(a.Locator("#no-invitations")).ToBeVisibleAsync();
        await a.GetByLabel("E-mail", new() { Exact = true }).FillAsync(memberEmail);
        await a.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("editor");
        await a.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(a.Locator("#invitation-sent")).ToContainTextAsync(memberEmail);
        await Assertions.Expect(a.Locator("#invitations")).ToContainTextAsync(memberEmail);

        // B signs up in a browser of their own, confirms the address, opens the e-mailed link and accepts.
        var b = await system.NewPageAsync();
        await b.SignUpAsync(memberEmail, Password);
        await system.ConfirmAddressAsync(b, memberEmail, Password);
        await b.GotoAsync(await system.InvitationLinkAsync(memberEmail));
        var accept = b.GetByRole(AriaRole.Button, new() { Name = "Accept invitation" });
        await Assertions.Expect(accept).ToBeEnabledAsync();
        await accept.ClickAsync();
        await b.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(b.Locator("#workspace-switch option:checked")).ToHaveTextAsync("Agency · editor");

        // B creates a code in Agency.
        await b.GotoAsync("/codes/new");
        await Assertions.Expect(b.Locator("#preview-image")).ToBeVisibleAsync();
        await b.GetByLabel("Name", new() { Exact = true }).FillAsync("Agency poster");
        await b.GetByLabel("Destination URL").SetAsync(new Uri(system.LandingUrl, "/agency").ToString());
        await b.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await b.WaitForURLAsync(new Regex("/codes/qr_[^/?]+"));

        // A sees it in Agency, and not in A's personal workspace.
        await a.GotoAsync("/");
        await Assertions.Expect(a.GetByText("Agency poster")).ToBeVisibleAsync();
        await a.Locator("#workspace-switch").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await Assertions.Expect(a.Locator("#workspace-switch option:checked")).ToContainTextAsync("(personal)");
        await Assertions.Expect(a.GetByText("No codes yet")).ToBeVisibleAsync();
        await Assertions.Expect(a.GetByText("Agency poster")).ToHaveCountAsync(0);

        // A makes B a viewer: B is no longer offered "New code", and the Api's refusal is shown if B tries anyway.
        // Switching reloads the page: wait for what only the reloaded members page shows, not for the select's text
        // (true before the reload), or the next navigation races the reload.
        await a.GotoAsync("/members");
        await Assertions.Expect(a.Locator("#personal-workspace")).ToBeVisibleAsync();
        await a.Locator("#workspace-switch").SelectOptionAsync(new SelectOptionValue { Label = "Agency · owner" });
        await Assertions.Expect(a.Locator("#my-role")).ToHaveTextAsync("owner");
        var role = a.GetByLabel($"Role of {memberEmail}");
        await Assertions.Expect(role).ToHaveValueAsync("editor");
        await role.SelectOptionAsync("viewer");
        await Assertions.Expect(a.Locator("#role-changed")).ToContainTextAsync("is now viewer"); // saved: only then reload
        await Assertions.Expect(a.Locator("#members .field-error")).ToHaveCountAsync(0);
        await a.ReloadAsync();
        await Assertions.Expect(a.GetByLabel($"Role of {memberEmail}")).ToHaveValueAsync("viewer");

        await b.GotoAsync("/");
        await Assertions.Expect(b.GetByText("Agency poster")).ToBeVisibleAsync();
        await Assertions.Expect(b.Locator("#workspace-switch option:checked")).ToHaveTextAsync("Agency · viewer");
        await Assertions.Expect(b.GetByRole(AriaRole.Link, new() { Name = "New code", Exact = true })).ToHaveCountAsync(0);
        await b.GotoAsync("/codes/new");
        await Assertions.Expect(b.Locator("#preview-image")).ToBeVisibleAsync();
        await b.GetByLabel("Name", new() { Exact = true }).FillAsync("Viewer poster");
        await b.GetByLabel("Destination URL").SetAsync(new Uri(system.LandingUrl, "/viewer").ToString());
        await b.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await Assertions.Expect(b.GetByText("editor role or higher")).ToBeVisibleAsync();
        Assert.Contains("/codes/new", b.Url, StringComparison.Ordinal);

        // A removes B: B's next action says so, and B is back in the personal workspace.
        await a.GetByRole(AriaRole.Button, new() { Name = $"Remove {memberEmail}" }).ClickAsync();
        await Assertions.Expect(a.Locator("#members")).Not.ToContainTextAsync(memberEmail);

        await b.GetByRole(AriaRole.Link, new() { Name = "Codes", Exact = true }).ClickAsync();
        await Assertions.Expect(b.Locator("#workspace-notice")).ToHaveTextAsync("You are no longer a member of Agency.");
        await Assertions.Expect(b.Locator("#workspace-switch option:checked")).ToContainTextAsync("(personal)");
        await Assertions.Expect(b.Locator("#workspace-switch option", new() { HasText = "Agency" })).ToHaveCountAsync(0);
    }
}
