using QrAspire.Contracts;

namespace QrAspire.Worker.Email;

// The words of each template. Text and HTML say the same; values go into the HTML only through Html().
public static partial class EmailTemplates
{
    private static (string Subject, string Text, string Html) VerifyEmail(TemplateData data, string webBaseUrl)
    {
        var link = Link(webBaseUrl, "verify-email", data["token"]);
        var expires = Instant(data["expires_at"]);
        const string Subject = "Confirm your e-mail address for QrAspire";
        var text = $"""
            Welcome to QrAspire.

            Confirm your e-mail address by opening this link:

            {link}

            Confirming signs out every session of this account (the web console
            too) and revokes its API keys; sign in again afterwards.

            The link works once and expires on {expires}.
            If you did not create a QrAspire account, do not confirm: someone else typed
            your address. Reset the password instead to take the account over; that signs
            out whoever created it and revokes everything they made for it.
            """;
        var html = $"""
            <h1 style="font-size:20px;margin:0 0 16px">Confirm your e-mail address</h1>
            <p>Welcome to QrAspire. Confirm your e-mail address to finish setting up your account.</p>
            {Button(link, "Confirm e-mail address")}
            <p>Confirming signs out every session of this account (the web console too) and revokes its API keys; sign in again afterwards.</p>
            <p>The link works once and expires on {Html(expires)}.<br>If you did not create a QrAspire account, do not confirm: someone else typed your address. Reset the password instead to take the account over; that signs out whoever created it and revokes everything they made for it.</p>
            """;
        return (Subject, text, html);
    }

    private static (string Subject, string Text, string Html) ResetPassword(TemplateData data, string webBaseUrl)
    {
        var link = Link(webBaseUrl, "reset-password", data["token"]);
        var expires = Instant(data["expires_at"]);
        const string Subject = "Reset your QrAspire password";
        var text = $"""
            Someone asked to reset the password of your QrAspire account.

            Choose a new password here:

            {link}

            Choosing a new password signs out every session of this account (the web
            console too) and revokes all its API keys; create new keys afterwards.

            The link works once and expires on {expires}.
            If you did not ask for this, ignore this mail: your password stays as it is.
            """;
        var html = $"""
            <h1 style="font-size:20px;margin:0 0 16px">Reset your password</h1>
            <p>Someone asked to reset the password of your QrAspire account.</p>
            {Button(link, "Choose a new password")}
            <p>Choosing a new password signs out every session of this account (the web console too) and revokes all its API keys; create new keys afterwards.</p>
            <p>The link works once and expires on {Html(expires)}.<br>If you did not ask for this, ignore this mail: your password stays as it is.</p>
            """;
        return (Subject, text, html);
    }

    private static (string Subject, string Text, string Html) BatchFinished(TemplateData data, string webBaseUrl)
    {
        var batchId = data["batch_id"];
        var link = Link(webBaseUrl, "batches/" + Uri.EscapeDataString(batchId));
        var name = MailText.Label(data.Optional("name") ?? batchId, MailText.LabelLength);
        var (total, succeeded, failed) = (data["total_rows"], data["succeeded"], data["failed"]);
        var completed = string.Equals(data["status"], WireNames.Of(BatchState.Completed), StringComparison.OrdinalIgnoreCase);
        var subject = completed ? $"Your batch \"{name}\" is ready" : $"Your batch \"{name}\" failed";
        var summary = completed
            ? $"{succeeded} of {total} codes were created; {failed} rows failed."
            : $"It stopped after {succeeded} of {total} codes; {failed} rows failed.";
        var action = completed ? "See the batch and download its ZIP" : "See what went wrong";
        var text = $"""
            Your batch "{name}" is {(completed ? "ready" : "finished with status " + data["status"])}.

            {summary}

            {action}:

            {link}
            """;
        var html = $"""
            <h1 style="font-size:20px;margin:0 0 16px">{Html(subject)}</h1>
            <p>{Html(summary)}</p>
            {Button(link, action)}
            """;
        return (subject, text, html);
    }

    private static (string Subject, string Text, string Html) WebhookDisabled(TemplateData data, string webBaseUrl)
    {
        var link = Link(webBaseUrl, "webhooks");
        var url = MailText.Label(data["url"], MailText.LabelLength);
        const string Subject = "A webhook endpoint was disabled";
        var summary = $"Every delivery to {url} failed for a day, so it was disabled. Events are no longer sent to it; "
            + "fix the endpoint, then enable it again — deliveries still within their 24-hour window resume.";
        var text = $"""
            {summary}

            See its delivery log:

            {link}
            """;
        var html = $"""
            <h1 style="font-size:20px;margin:0 0 16px">{Html(Subject)}</h1>
            <p>{Html(summary)}</p>
            {Button(link, "See the delivery log")}
            """;
        return (Subject, text, html);
    }

    private static (string Subject, string Text, string Html) WorkspaceInvitation(TemplateData data, string webBaseUrl)
    {
        var link = Link(webBaseUrl, "invitations/accept", data["token"]);
        var workspace = MailText.Label(data["workspace"], MailText.LabelLength);
        var inviter = MailText.Label(data["invited_by"], MailText.LabelLength);
        var role = data["role"];
        var expires = Instant(data["expires_at"]);
        var subject = $"{inviter} invited you to {workspace} on QrAspire";
        var text = $"""
            {inviter} invited you to the QrAspire workspace "{workspace}" as {role}.

            Accept by opening this link, signed in with this e-mail address
            (create an account with it first if you have none):

            {link}

            The link works once and expires on {expires}.
            If you do not know the sender, ignore this mail.
            """;
        var html = $"""
            <h1 style="font-size:20px;margin:0 0 16px">Join {Html(workspace)}</h1>
            <p>{Html(inviter)} invited you to the QrAspire workspace <strong>{Html(workspace)}</strong> as {Html(role)}.</p>
            {Button(link, "Accept the invitation")}
            <p>Sign in with this e-mail address to accept (create an account with it first if you have none).</p>
            <p>The link works once and expires on {Html(expires)}.<br>If you do not know the sender, ignore this mail.</p>
            """;
        return (subject, text, html);
    }
}
