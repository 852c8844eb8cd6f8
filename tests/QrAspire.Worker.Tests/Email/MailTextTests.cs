using System.Text.Json;
using QrAspire.Data.Model;
using QrAspire.Worker.Email;

namespace QrAspire.Worker.Tests.Email;

/// <summary>What a batch's name (typed by whoever created the batch) can and cannot do to the batch-finished mail.</summary>
public sealed class MailTextTests
{
    private const string WebBaseUrl = "https://console.qraspire.test";

    private static OutgoingMail BatchMail(string name) => EmailTemplates.Render(new EmailMessage
    {
        Id = "mail_" + Guid.NewGuid().ToString("N")[..20],
        To = "owner@qraspire.test",
        Template = "batch-finished",
        Data = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["batch_id"] = "bat_1",
            ["name"] = name,
            ["total_rows"] = "3",
            ["succeeded"] = "3",
            ["failed"] = "0",
            ["status"] = "completed",
        }),
        CreatedAt = DateTime.UtcNow,
    }, WebBaseUrl);

    [Fact]
    public void ALongBatchNameIsCutInTheSubjectTextAndHtml()
    {
        var name = "Spring " + new string('x', 500) + " PASSWORD EXPIRED, sign in at evil.example";

        var mail = BatchMail(name);

        var label = "Spring " + new string('x', MailText.LabelLength - 7) + "…";
        Assert.Equal($"Your batch \"{label}\" is ready", mail.Subject);
        Assert.Contains($"\"{label}\"", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', MailText.LabelLength), mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ABatchNameCannotAddLinesOrReorderTheText()
    {
        // Line breaks would start a paragraph of the attacker's own; U+202E would show the rest right-to-left.
        var name = "Posters\r\n\r\nYour account is locked.\u202E\u200Bmoc.live\u0007";

        var mail = BatchMail(name);

        var firstLine = mail.Text.Split('\n')[0];
        Assert.Equal("Your batch \"Posters Your account is locked. moc.live\" is ready.", firstLine.TrimEnd('\r'));
        Assert.DoesNotContain('\u202E', mail.Text);
        Assert.DoesNotContain('\u202E', mail.Html);
        Assert.DoesNotContain('\u200B', mail.Subject);
        Assert.DoesNotContain('\u0007', mail.Html);
    }

    [Fact]
    public void AShortPlainNameIsShownAsTyped()
    {
        Assert.Equal("Spring posters 2026", MailText.Label("Spring posters 2026", MailText.LabelLength));
    }

    [Fact]
    public void ResetAndVerificationMailsSayEveryCredentialEnds()
    {
        foreach (var template in new[] { "verify-email", "reset-password" })
        {
            var mail = EmailTemplates.Render(new EmailMessage
            {
                Id = "mail_x",
                To = "owner@qraspire.test",
                Template = template,
                Data = """{"token":"qrt_abc","expires_at":"2026-11-28T10:04:00Z"}""",
                CreatedAt = DateTime.UtcNow,
            }, WebBaseUrl);

            Assert.Contains("signs out every session", mail.Text, StringComparison.Ordinal);
            Assert.Contains("API keys", mail.Text, StringComparison.Ordinal);
            Assert.Contains("signs out every session", mail.Html, StringComparison.Ordinal);
        }
    }
}
