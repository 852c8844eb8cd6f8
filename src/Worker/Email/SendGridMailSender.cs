using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization;

namespace QrAspire.Worker.Email;

/// <summary>
/// Sends through SendGrid's v3 <c>mail/send</c> API. 202 is sent; 429 and 5xx may pass later; any other 4xx is a
/// refusal that a retry would repeat. The client is its own (not the service defaults' resilient one): the outbox
/// does the retrying, with its back-off, and counts each attempt.
/// </summary>
public sealed class SendGridMailSender : IMailSender, IDisposable
{
    private readonly HttpClient _http;
    private readonly EmailSettings _settings;
    private readonly Uri _endpoint;

    /// <summary>Creates the sender and its HTTP client.</summary>
    public SendGridMailSender(EmailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _endpoint = new Uri(settings.SendGridBaseUrl.AbsoluteUri.TrimEnd('/') + "/v3/mail/send");
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = settings.SendTimeout };
    }

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var body = new SendGridMail(
            [new SendGridPersonalization([new SendGridAddress(mail.To, null)])],
            new SendGridAddress(_settings.Sender.Address, _settings.Sender.Name is { Length: > 0 } name ? name : null),
            mail.Subject,
            // SendGrid wants text/plain before text/html.
            [new SendGridContent("text/plain", mail.Text), new SendGridContent("text/html", mail.Html)],
            new Dictionary<string, string> { ["mail_id"] = mail.Id });
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = JsonContent.Create(body, SendGridJson.Default.SendGridMail),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.SendGridApiKey);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MailDeliveryException($"SendGrid: {e.GetType().Name}: {e.Message}", permanent: false, e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var status = (int)response.StatusCode;
            var detail = await ErrorDetailAsync(response, cancellationToken).ConfigureAwait(false);
            var permanent = status is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests;
            throw new MailDeliveryException($"SendGrid {status}: {detail}", permanent)
            {
                RetryAfter = response.Headers.RetryAfter?.Delta
                    ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null),
            };
        }
    }

    // SendGrid's errors name the field and the problem; they do not echo the content.
    private static async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            text = text.ReplaceLineEndings(" ").Trim();
            return text.Length > 500 ? text[..500] : text.Length == 0 ? response.ReasonPhrase ?? "" : text;
        }
        catch (HttpRequestException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

internal sealed record SendGridMail(
    [property: JsonPropertyName("personalizations")] IReadOnlyList<SendGridPersonalization> Personalizations,
    [property: JsonPropertyName("from")] SendGridAddress From,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("content")] IReadOnlyList<SendGridContent> Content,
    [property: JsonPropertyName("custom_args")] IReadOnlyDictionary<string, string> CustomArgs);

internal sealed record SendGridPersonalization([property: JsonPropertyName("to")] IReadOnlyList<SendGridAddress> To);

internal sealed record SendGridAddress(
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name);

internal sealed record SendGridContent([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("value")] string Value);

[JsonSerializable(typeof(SendGridMail))]
internal sealed partial class SendGridJson : JsonSerializerContext;
