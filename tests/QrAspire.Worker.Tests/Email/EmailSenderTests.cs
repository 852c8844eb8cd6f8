using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MimeKit;
using QrAspire.Data.Model;
using QrAspire.Worker.Email;

namespace QrAspire.Worker.Tests.Email;

/// <summary>
/// The templates and the three senders without the outbox: mail rendered and delivered to a real SMTP server on
/// loopback, SendGrid's API on a loopback HTTP server, and .eml files in a pickup folder.
/// </summary>
public sealed class EmailSenderTests
{
    private const string WebBaseUrl = "https://console.qraspire.test";

    internal static EmailSettings Settings(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["MAIL_FROM"] = "QrAspire Tests <no-reply@qraspire.test>", ["WEB_BASE_URL"] = WebBaseUrl, ["Email:SendTimeoutSeconds"] = "5" }
                .Concat(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))).Build();
        return EmailSettings.From(configuration);
    }

    private static EmailSettings SmtpSettings(SmtpTestServer smtp) =>
        Settings(("SMTP_HOST", "127.0.0.1"), ("SMTP_PORT", smtp.Port.ToString(CultureInfo.InvariantCulture)), ("SMTP_SECURITY", "none"));

    private static EmailMessage Row(string to, string template, Dictionary<string, string> data) => new()
    {
        Id = "mail_" + Guid.NewGuid().ToString("N")[..20],
        To = to,
        Template = template,
        Data = JsonSerializer.Serialize(data),
        CreatedAt = DateTime.UtcNow,
    };

    public static TheoryData<string, string, string> Templates => new()
    {
        { "verify-email", "Confirm your e-mail address for QrAspire", WebBaseUrl + "/verify-email?token=" },
        { "reset-password", "Reset your QrAspire password", WebBaseUrl + "/reset-password?token=" },
        { "batch-finished", "Your batch \"Spring posters\" is ready", WebBaseUrl + "/batches/" },
    };

    private static Dictionary<string, string> DataFor(string template, string secret) => template switch
    {
        "batch-finished" => new() { ["batch_id"] = secret, ["name"] = "Spring posters", ["total_rows"] = "1000", ["succeeded"] = "998", ["failed"] = "2", ["status"] = "completed" },
        _ => new() { ["token"] = secret, ["expires_at"] = "2026-11-28T10:04:00.0000000Z" },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task EachTemplateIsRenderedInTextAndHtmlAndDeliveredOverSmtp(string template, string subject, string linkStart)
    {
        await using var smtp = new SmtpTestServer();
        var to = EmailHost.NewAddress();
        var secret = template == "batch-finished" ? "bat_" + Guid.NewGuid().ToString("N")[..20] : EmailHost.NewToken();
        var row = Row(to, template, DataFor(template, secret));

        await new SmtpMailSender(SmtpSettings(smtp)).SendAsync(EmailTemplates.Render(row, WebBaseUrl), CancellationToken.None);

        var received = Assert.Single(smtp.ReceivedFor(to));
        Assert.Equal("no-reply@qraspire.test", received.From);
        var message = received.Message;
        Assert.Equal(to, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("no-reply@qraspire.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(subject, message.Subject);
        Assert.Equal($"{row.Id}@qraspire.test", message.MessageId);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        var link = linkStart + secret;
        Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", message.HtmlBody, StringComparison.Ordinal);
        if (template != "batch-finished")
        {
            Assert.Contains("28 November 2026, 10:04 UTC", message.TextBody, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("998 of 1000 codes were created; 2 rows failed.", message.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ValuesAreHtmlEscapedInTheHtmlPartAndKeptAsWrittenInTheText()
    {
        var name = "<script>alert(\"x\")</script> & Co";
        var row = Row(EmailHost.NewAddress(), "batch-finished", new()
        {
            ["batch_id"] = "bat_1\"><b>",
            ["name"] = name,
            ["total_rows"] = "3",
            ["succeeded"] = "1",
            ["failed"] = "2",
            ["status"] = "failed",
        });

        var mail = EmailTemplates.Render(row, WebBaseUrl);

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co", mail.Html, StringComparison.Ordinal);
        Assert.Contains(name, mail.Text, StringComparison.Ordinal);
        Assert.Equal($"Your batch \"{name}\" failed", mail.Subject);
        // The id is escaped into the link's path, so the link stays one link.
        Assert.Contains(WebBaseUrl + "/batches/bat_1%22%3E%3Cb%3E", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify-email", "{\"expires_at\":\"2026-11-28T10:00:00Z\"}", "token")]
    [InlineData("batch-finished", "{\"batch_id\":\"bat_1\",\"total_rows\":\"3\",\"succeeded\":\"3\",\"failed\":\"0\"}", "status")]
    [InlineData("welcome-aboard", "{}", "unknown template")]
    [InlineData("verify-email", "not json", "not valid JSON")]
    [InlineData("verify-email", "[\"token\"]", "not a JSON object")]
    public void AMailThatCannotBeRenderedFailsForGood(string template, string data, string reason)
    {
        var row = new EmailMessage { Id = "mail_x", To = "a@b.test", Template = template, Data = data };

        var error = Assert.Throws<MailDeliveryException>(() => EmailTemplates.Render(row, WebBaseUrl));

        Assert.True(error.Permanent);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumbersInTheDataAreTakenAsWritten()
    {
        var row = new EmailMessage
        {
            Id = "mail_x",
            To = "a@b.test",
            Template = "batch-finished",
            Data = "{\"batch_id\":\"bat_1\",\"name\":\"N\",\"total_rows\":10,\"succeeded\":9,\"failed\":1,\"status\":\"completed\"}",
        };

        Assert.Contains("9 of 10 codes were created; 1 rows failed.", EmailTemplates.Render(row, WebBaseUrl).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmtpRefusalOfTheRecipientIsPermanent()
    {
        await using var smtp = new SmtpTestServer();
        var to = EmailHost.NewAddress();
        smtp.Reject(to);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => SendVerificationAsync(new SmtpMailSender(SmtpSettings(smtp)), to));

        Assert.True(error.Permanent);
        Assert.Contains("550", error.Message, StringComparison.Ordinal);
        Assert.Empty(smtp.ReceivedFor(to));
    }

    [Fact]
    public async Task SmtpRefusalOfTheMessageIsPermanent()
    {
        await using var smtp = new SmtpTestServer();
        var to = EmailHost.NewAddress();
        smtp.RejectMessage(to);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => SendVerificationAsync(new SmtpMailSender(SmtpSettings(smtp)), to));

        Assert.True(error.Permanent);
        Assert.Contains("554", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmtpTemporaryFailureMayPassLater()
    {
        await using var smtp = new SmtpTestServer();
        var to = EmailHost.NewAddress();
        smtp.FailTemporarily(to, 1);
        var sender = new SmtpMailSender(SmtpSettings(smtp));

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => SendVerificationAsync(sender, to));
        await SendVerificationAsync(sender, to);

        Assert.False(error.Permanent);
        Assert.Contains("451", error.Message, StringComparison.Ordinal);
        Assert.Single(smtp.ReceivedFor(to));
    }

    [Fact]
    public async Task SmtpServerDownMayPassLater()
    {
        await using var smtp = new SmtpTestServer();
        var settings = SmtpSettings(smtp);
        smtp.Stop();

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => SendVerificationAsync(new SmtpMailSender(settings), EmailHost.NewAddress()));

        Assert.False(error.Permanent);
        Assert.Contains($"127.0.0.1:{smtp.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendGridGetsTheBearerKeyAndTheMailAsJson()
    {
        await using var sendGrid = await SendGridTestServer.StartAsync();
        using var sender = new SendGridMailSender(Settings(("SENDGRID_API_KEY", "SG.test-key"), ("SENDGRID_BASE_URL", sendGrid.BaseUrl)));
        var to = EmailHost.NewAddress();
        var token = EmailHost.NewToken();
        var mail = EmailTemplates.Render(Row(to, "reset-password", DataFor("reset-password", token)), WebBaseUrl);

        await sender.SendAsync(mail, CancellationToken.None);

        var request = Assert.Single(sendGrid.RequestsFor(to));
        Assert.Equal("Bearer SG.test-key", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var body = request.Body;
        Assert.Equal(to, body.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal("no-reply@qraspire.test", body.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("QrAspire Tests", body.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("Reset your QrAspire password", body.GetProperty("subject").GetString());
        var content = body.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["text/plain", "text/html"], content.Select(c => c.GetProperty("type").GetString()));
        Assert.Contains(WebBaseUrl + "/reset-password?token=" + token, content[0].GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Contains($"href=\"{WebBaseUrl}/reset-password?token={token}\"", content[1].GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal(mail.Id, body.GetProperty("custom_args").GetProperty("mail_id").GetString());
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(503, false)]
    [InlineData(429, false)]
    [InlineData(400, true)]
    [InlineData(401, true)]
    [InlineData(413, true)]
    public async Task SendGridErrorsAreRetriedUnlessTheyAreRefusals(int status, bool permanent)
    {
        await using var sendGrid = await SendGridTestServer.StartAsync();
        using var sender = new SendGridMailSender(Settings(("SENDGRID_API_KEY", "SG.test-key"), ("SENDGRID_BASE_URL", sendGrid.BaseUrl)));
        var to = EmailHost.NewAddress();
        sendGrid.Answer(to, status);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => SendVerificationAsync(sender, to));

        Assert.Equal(permanent, error.Permanent);
        Assert.Contains($"SendGrid {status}", error.Message, StringComparison.Ordinal);
        Assert.Equal(status == 429 ? TimeSpan.FromSeconds(1) : null, error.RetryAfter);
    }

    [Fact]
    public async Task SendGridUnreachableMayPassLater()
    {
        string baseUrl;
        await using (var sendGrid = await SendGridTestServer.StartAsync())
        {
            baseUrl = sendGrid.BaseUrl;
        }

        using var sender = new SendGridMailSender(Settings(("SENDGRID_API_KEY", "SG.test-key"), ("SENDGRID_BASE_URL", baseUrl)));

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => SendVerificationAsync(sender, EmailHost.NewAddress()));

        Assert.False(error.Permanent);
    }

    [Fact]
    public async Task ThePickupFolderGetsAParseableEmlPerMail()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"qraspire-mail-{Guid.NewGuid():N}", "mail");
        var settings = Settings(("MAIL_PICKUP_DIRECTORY", folder));
        var to = EmailHost.NewAddress();
        var token = EmailHost.NewToken();
        var mail = EmailTemplates.Render(Row(to, "verify-email", DataFor("verify-email", token)), WebBaseUrl);

        Assert.Equal(MailProvider.PickupDirectory, settings.Provider);
        await new PickupDirectoryMailSender(settings).SendAsync(mail, CancellationToken.None);
        await new PickupDirectoryMailSender(settings).SendAsync(mail, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(mail.Id + ".eml", Path.GetFileName(file));
        using var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(to, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Confirm your e-mail address for QrAspire", message.Subject);
        Assert.Contains(WebBaseUrl + "/verify-email?token=" + token, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(WebBaseUrl + "/verify-email?token=" + token, message.HtmlBody, StringComparison.Ordinal);
    }

    private static Task SendVerificationAsync(IMailSender sender, string to) =>
        sender.SendAsync(EmailTemplates.Render(Row(to, "verify-email", DataFor("verify-email", EmailHost.NewToken())), WebBaseUrl), CancellationToken.None);
}
