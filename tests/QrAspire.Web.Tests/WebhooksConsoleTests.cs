using System.Text.Json;
using Microsoft.Playwright;
using QrAspire.Contracts;
using QrAspire.TestSupport;

namespace QrAspire.Web.Tests;

/// <summary>
/// The webhooks screen against the whole system and a real receiver on 127.0.0.1: add an endpoint, take its secret,
/// send test events, follow them in the delivery log (success, a failure, a redelivery), rotate the secret, edit,
/// disable and delete the endpoint. Only a workspace's owners and admins are offered any of it.
/// </summary>
[Collection(ConsoleCollection.Name)]
[Trait("Tier", "System")]
[Trait("Mode", "local")]
public sealed class WebhooksConsoleTests(ConsoleSystem system)
{
    private const string Password = "correct horse battery";

    // The Worker polls often here, but the machine is shared: a delivery may take a while to show.
    private static readonly LocatorAssertionsToContainTextOptions Delivered = new() { Timeout = 60_000 };

    [SkippableFact]
    public async Task ATestEventReachesTheReceiverSignedAndAFailedOneIsRedeliveredFromTheLog()
    {
        Skip.IfNot(system.WebhooksToLoopback,
            "against a system started elsewhere, which does not let webhooks reach the test's receiver on 127.0.0.1 (WEBHOOKS_ALLOW_PRIVATE_TARGETS)");
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = new Uri(receiver.Url, "/hooks/qr").ToString();
        var email = Support.NewEmail("hooks");
        var page = await system.NewPageAsync();
        await page.SignUpAsync(email, Password);
        await system.ConfirmAddressAsync(page, email, Password); // the Api lets verified addresses alone add webhooks

        // Add the endpoint: its secret is shown once.
        await page.GotoAsync("/webhooks");
        await Assertions.Expect(page.Locator("#no-webhooks")).ToBeVisibleAsync(); // the first load is done
        await page.GetByLabel("Endpoint URL").FillAsync(url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-secret")).ToContainTextAsync($"Signing secret for {url}");
        var secret = await page.GetByLabel("Signing secret").InputValueAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Done", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-secret")).ToHaveCountAsync(0);
        var endpoint = page.Locator("#webhooks li.webhook", new() { HasText = url });
        await Assertions.Expect(endpoint.Locator(".domain-head .badge")).ToHaveTextAsync("enabled");

        // A test event: the receiver gets exactly that ping, signed with the secret shown; the log shows its 200.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Send a test event to {url}" }).ClickAsync();
        var ping = await receiver.NthAsync(1);
        Assert.Equal("/hooks/qr", ping.Path);
        Assert.Equal(WebhookEventTypes.Ping, ping.Header(WebhookHeaders.EventType));
        AssertSigned(secret, ping);
        using (var body = JsonDocument.Parse(ping.Body))
        {
            Assert.Equal(ping.Header(WebhookHeaders.EventId), body.RootElement.GetProperty("id").GetString());
            Assert.Equal(WebhookEventTypes.Ping, body.RootElement.GetProperty("type").GetString());
            Assert.StartsWith("whk_", body.RootElement.GetProperty("data").GetProperty("webhookId").GetString(), StringComparison.Ordinal);
        }

        var first = Row(page, ping);
        await Assertions.Expect(first.Locator("td").Nth(1)).ToContainTextAsync(WebhookDeliveryStates.Succeeded, Delivered);
        await Assertions.Expect(first.Locator("td").Nth(3)).ToContainTextAsync("200");
        await Assertions.Expect(first.Locator("td").Nth(3)).ToContainTextAsync("received");
        await Assertions.Expect(first.Locator("td").Nth(4)).ToContainTextAsync(" ms");
        Assert.Single(receiver.Received);

        // The receiver fails: the log shows its 500 and a retry to come.
        receiver.Status = 500;
        await page.GetByRole(AriaRole.Button, new() { Name = $"Send a test event to {url}" }).ClickAsync();
        var failed = await receiver.NthAsync(2);
        Assert.Equal(500, failed.AnsweredWith);
        var second = Row(page, failed);
        await Assertions.Expect(second.Locator("td").Nth(3)).ToContainTextAsync("500", Delivered);
        await Assertions.Expect(second.Locator("td").Nth(3)).ToContainTextAsync("receiver says 500");
        await Assertions.Expect(second.Locator("td").Nth(1)).ToContainTextAsync(WebhookDeliveryStates.Pending);
        await Assertions.Expect(second.Locator("td").Nth(1)).ToContainTextAsync("retry at");
        await Assertions.Expect(endpoint.Locator(".webhook-events")).ToContainTextAsync("1 failed attempt"); // read again with the log
        await page.ReloadAsync();
        await Assertions.Expect(endpoint.Locator(".webhook-events")).ToContainTextAsync("1 failed attempt");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delivery log of {url}", Exact = true }).ClickAsync();
        await Assertions.Expect(second.Locator("td").Nth(3)).ToContainTextAsync("500");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Refresh the delivery log of {url}" }).ClickAsync();
        await Assertions.Expect(second.Locator("td").Nth(3)).ToContainTextAsync("500");

        // It recovers; redelivering sends the same event (same idempotency key, same bytes), and the log shows success.
        receiver.Status = 200;
        await page.GetByRole(AriaRole.Button, new() { Name = $"Redeliver {failed.Header(WebhookHeaders.EventId)}" }).ClickAsync();
        var redelivered = await receiver.NthAsync(3);
        Assert.Equal(failed.Header(WebhookHeaders.EventId), redelivered.Header(WebhookHeaders.EventId));
        Assert.Equal(failed.Body, redelivered.Body);
        AssertSigned(secret, redelivered);
        await Assertions.Expect(second.Locator("td").Nth(1)).ToContainTextAsync(WebhookDeliveryStates.Succeeded, Delivered);
        await Assertions.Expect(second.Locator("td").Nth(2)).ToHaveTextAsync("2");
        await Assertions.Expect(second.Locator("td").Nth(3)).ToContainTextAsync("200");
        await Assertions.Expect(endpoint.Locator(".webhook-events")).Not.ToContainTextAsync("failed");

        // Rotating the secret shows the new one once, and the next delivery is signed with it.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Rotate the secret of {url}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-secret")).ToContainTextAsync($"New signing secret for {url}");
        var rotated = await page.GetByLabel("Signing secret").InputValueAsync();
        Assert.StartsWith("whsec_", rotated, StringComparison.Ordinal);
        Assert.NotEqual(secret, rotated);
        await page.GetByRole(AriaRole.Button, new() { Name = "Done", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Send a test event to {url}" }).ClickAsync();
        var afterRotation = await receiver.NthAsync(4);
        AssertSigned(rotated, afterRotation);
        Assert.False(IsValid(secret, afterRotation), "the old secret must no longer verify");
        await Assertions.Expect(Row(page, afterRotation).Locator("td").Nth(1)).ToContainTextAsync(WebhookDeliveryStates.Succeeded, Delivered);

        // Edit the events, disable (no test event offered), enable again.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {url}" }).ClickAsync();
        var edit = page.Locator("form.webhook-edit");
        await Assertions.Expect(edit.GetByLabel("URL", new() { Exact = true })).ToHaveValueAsync(url);
        await edit.GetByLabel(WebhookEventTypes.BatchCompleted).CheckAsync();
        await edit.GetByLabel(WebhookEventTypes.QrCodeDeleted).UncheckAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(edit).ToHaveCountAsync(0);
        await Assertions.Expect(endpoint.Locator(".webhook-events")).ToHaveTextAsync("qr_code.created, qr_code.updated, batch.completed");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Disable {url}" }).ClickAsync();
        await Assertions.Expect(endpoint.Locator(".domain-head .badge")).ToHaveTextAsync("disabled");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Send a test event to {url}" })).ToBeDisabledAsync();
        await page.ReloadAsync();
        await Assertions.Expect(endpoint.Locator(".domain-head .badge")).ToHaveTextAsync("disabled");
        await Assertions.Expect(endpoint.Locator(".webhook-events")).ToHaveTextAsync("qr_code.created, qr_code.updated, batch.completed");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Enable {url}" }).ClickAsync();
        await Assertions.Expect(endpoint.Locator(".domain-head .badge")).ToHaveTextAsync("enabled");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Send a test event to {url}" })).ToBeEnabledAsync();

        // Delete, after confirming: gone, also after a reload; nothing more reached the receiver.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {url}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
        await Assertions.Expect(page.Locator("#no-webhooks")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#no-webhooks")).ToBeVisibleAsync();
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task AnEditorIsNotOfferedWebhookChangesUntilMadeAdmin()
    {
        var ownerEmail = Support.NewEmail("hook-owner");
        var memberEmail = Support.NewEmail("hook-member");
        var owner = await system.NewPageAsync();
        await owner.SignUpAsync(ownerEmail, Password);
        await system.ConfirmAddressAsync(owner, ownerEmail, Password);
        await owner.GotoAsync("/workspaces");
        await Assertions.Expect(owner.Locator("#workspaces")).ToBeVisibleAsync(); // the first load is done
        await owner.GetByLabel("New workspace", new() { Exact = true }).FillAsync("Hooks team");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        await owner.WaitForURLAsync("**/members");
        await Assertions.Expect(owner.Locator("#no-invitations")).ToBeVisibleAsync();
        await owner.GetByLabel("E-mail", new() { Exact = true }).FillAsync(memberEmail);
        await owner.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("editor");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#invitation-sent")).ToContainTextAsync(memberEmail);

        var member = await system.NewPageAsync();
        await member.SignUpAsync(memberEmail, Password);
        await system.ConfirmAddressAsync(member, memberEmail, Password);
        await member.GotoAsync(await system.InvitationLinkAsync(memberEmail));
        var accept = member.GetByRole(AriaRole.Button, new() { Name = "Accept invitation" });
        await Assertions.Expect(accept).ToBeEnabledAsync();
        await accept.ClickAsync();
        await member.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(member.Locator("#workspace-switch option:checked")).ToHaveTextAsync("Hooks team · editor");

        // An editor reads why, and is offered no form and no endpoint to change (the Api refuses them all).
        await member.GotoAsync("/webhooks");
        await Assertions.Expect(member.Locator("#webhooks-admin-only")).ToContainTextAsync("you are editor here");
        await Assertions.Expect(member.GetByLabel("Endpoint URL")).ToHaveCountAsync(0);
        await Assertions.Expect(member.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" })).ToHaveCountAsync(0);

        // Made admin, the same person manages them.
        await owner.ReloadAsync();
        var role = owner.GetByLabel($"Role of {memberEmail}");
        await Assertions.Expect(role).ToHaveValueAsync("editor");
        await role.SelectOptionAsync("admin");
        await Assertions.Expect(owner.Locator("#role-changed")).ToContainTextAsync("is now admin"); // saved: only then reload
        await owner.ReloadAsync();
        await Assertions.Expect(owner.GetByLabel($"Role of {memberEmail}")).ToHaveValueAsync("admin");
        await member.ReloadAsync();
        await Assertions.Expect(member.Locator("#no-webhooks")).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator("#webhooks-admin-only")).ToHaveCountAsync(0);
        await Assertions.Expect(member.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" })).ToBeEnabledAsync();
    }

    /// <summary>The delivery log's row of the event the receiver got.</summary>
    private static ILocator Row(IPage page, ReceivedWebhook received) =>
        page.Locator($"tr.webhook-delivery[data-event-id='{received.Header(WebhookHeaders.EventId)}']");

    private static void AssertSigned(string secret, ReceivedWebhook received) =>
        Assert.True(IsValid(secret, received), $"signature '{received.Header(WebhookHeaders.Signature)}' does not verify with the secret shown");

    // The receiver's check docs/webhooks.md gives, with its five-minute window for t.
    private static bool IsValid(string secret, ReceivedWebhook received) =>
        WebhookSignatureCheck.IsValid(secret, received.Header(WebhookHeaders.Signature), received.Body, DateTimeOffset.UtcNow);
}
