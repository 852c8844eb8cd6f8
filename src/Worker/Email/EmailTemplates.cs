using System.Globalization;
using System.Net;
using System.Text.Json;
using QrAspire.Data.Model;

namespace QrAspire.Worker.Email;

/// <summary>
/// Renders an outbox row into a mail: plain text and HTML with the same content (docs/email.md lists the templates
/// and their data keys). Every value is HTML-escaped in the HTML part; links point at <c>WEB_BASE_URL</c>. A row that
/// cannot be rendered (unknown template, missing key, bad JSON) throws a permanent <see cref="MailDeliveryException"/>:
/// no retry would change it.
/// </summary>
public static partial class EmailTemplates
{
    /// <summary>The templates this Worker knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["verify-email", "reset-password", "batch-finished", "webhook-disabled", "workspace-invitation"];

    /// <summary>Renders <paramref name="message"/> for its recipient.</summary>
    public static OutgoingMail Render(EmailMessage message, string webBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(message);
        var data = new TemplateData(message.Template, Parse(message.Data));
        var (subject, text, html) = message.Template switch
        {
            "verify-email" => VerifyEmail(data, webBaseUrl),
            "reset-password" => ResetPassword(data, webBaseUrl),
            "batch-finished" => BatchFinished(data, webBaseUrl),
            "webhook-disabled" => WebhookDisabled(data, webBaseUrl),
            "workspace-invitation" => WorkspaceInvitation(data, webBaseUrl),
            _ => throw new MailDeliveryException($"unknown template '{message.Template}'", permanent: true),
        };
        return new OutgoingMail(message.Id, message.To, subject, text, Page(subject, html));
    }

    private static Dictionary<string, string> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new MailDeliveryException("the mail's data is not a JSON object", permanent: true);
            }

            // Strings by contract; numbers and booleans are taken as written, should a producer send them.
            return document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array))
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new MailDeliveryException($"the mail's data is not valid JSON: {e.Message}", permanent: true, e);
        }
    }

    private static string Link(string webBaseUrl, string path, string? token = null) =>
        token is null ? $"{webBaseUrl}/{path}" : $"{webBaseUrl}/{path}?token={Uri.EscapeDataString(token)}";

    private static string Html(string value) => WebUtility.HtmlEncode(value);

    // "2026-11-28T10:04:00.0000000Z" → "28 November 2026, 10:04 UTC"; anything else is shown as written.
    private static string Instant(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : value;

    private static string Button(string link, string label) =>
        $$"""
        <p style="margin:24px 0"><a href="{{Html(link)}}" style="display:inline-block;background:#0969da;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">{{Html(label)}}</a></p>
        <p style="font-size:13px;color:#59636e">If the button does not work, open this link:<br><a href="{{Html(link)}}" style="color:#0969da;word-break:break-all">{{Html(link)}}</a></p>
        """;

    private static string Page(string subject, string content) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{Html(subject)}}</title></head>
        <body style="margin:0;padding:24px;background:#f6f8fa;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5">
        <div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:8px;padding:24px">
        {{content}}
        </div>
        <p style="max-width:560px;margin:12px auto;font-size:12px;color:#59636e;text-align:center">QrAspire</p>
        </body>
        </html>
        """;

    /// <summary>A row's values; a missing required key is a permanent failure naming it.</summary>
    private sealed class TemplateData(string template, Dictionary<string, string> values)
    {
        public string this[string key] => values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new MailDeliveryException($"template '{template}' needs the data key '{key}'", permanent: true);

        public string? Optional(string key) => values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
    }
}
