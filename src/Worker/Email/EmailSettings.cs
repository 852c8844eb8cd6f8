using System.Globalization;
using MimeKit;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Worker.Email;

/// <summary>Where mail goes: the first configured of SendGrid, SMTP, a pickup folder; or nowhere (mail stays queued).</summary>
public enum MailProvider
{
    /// <summary>No provider configured: mail stays in the outbox.</summary>
    None,

    /// <summary>SendGrid's v3 mail/send API (<c>SENDGRID_API_KEY</c>).</summary>
    SendGrid,

    /// <summary>An SMTP server (<c>SMTP_HOST</c>).</summary>
    Smtp,

    /// <summary>.eml files in a folder (<c>MAIL_PICKUP_DIRECTORY</c>), for development.</summary>
    PickupDirectory,
}

/// <summary>SMTP transport security (<c>SMTP_SECURITY</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (local relays and test servers only).</summary>
    None,

    /// <summary>Upgrade with STARTTLS, which the server must offer.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    Tls,
}

/// <summary>Settings of the e-mail sender, read and validated at start-up. A class, not a record: no generated ToString to print the secrets.</summary>
public sealed class EmailSettings
{
    /// <summary>The sender in use.</summary>
    public MailProvider Provider { get; init; }

    /// <summary>The From mailbox (<c>MAIL_FROM</c>).</summary>
    public MailboxAddress Sender { get; init; } = new("QrAspire", "no-reply@localhost");

    /// <summary>The web console's public URL, without a trailing slash (<c>WEB_BASE_URL</c>).</summary>
    public string? WebBaseUrl { get; init; }

    /// <summary><c>SMTP_HOST</c>.</summary>
    public string? SmtpHost { get; init; }

    /// <summary><c>SMTP_PORT</c>; by default 25, 587 or 465 after <see cref="SmtpSecurity"/>.</summary>
    public int SmtpPort { get; init; }

    /// <summary><c>SMTP_USERNAME</c>; no authentication when null.</summary>
    public string? SmtpUsername { get; init; }

    /// <summary><c>SMTP_PASSWORD</c>.</summary>
    public string? SmtpPassword { get; init; }

    /// <summary><c>SMTP_SECURITY</c>: <c>none</c>, <c>starttls</c> (default) or <c>tls</c>.</summary>
    public SmtpSecurity SmtpSecurity { get; init; } = SmtpSecurity.StartTls;

    /// <summary><c>SENDGRID_API_KEY</c>.</summary>
    public string? SendGridApiKey { get; init; }

    /// <summary><c>SENDGRID_BASE_URL</c> (tests point it at a loopback listener).</summary>
    public Uri SendGridBaseUrl { get; init; } = new("https://api.sendgrid.com/");

    /// <summary><c>MAIL_PICKUP_DIRECTORY</c>.</summary>
    public string? PickupDirectory { get; init; }

    /// <summary>Attempts before a mail is given up (<c>EMAIL_MAX_ATTEMPTS</c>, 1–100, default 8).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Delay before the first retry; doubles with each attempt (<c>EMAIL_RETRY_BASE_SECONDS</c>, default 30).</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between two attempts (<c>EMAIL_RETRY_MAX_SECONDS</c>, default 3,600).</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often the outbox is read when it was empty (<c>EMAIL_POLL_SECONDS</c>, default 1).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claimed mail is reserved for the Worker sending it. Longer than any send (the SMTP and HTTP
    /// timeouts are <see cref="SendTimeout"/>); a Worker that dies mid-send leaves it to another after this.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for each network step of a delivery (SMTP: per command; SendGrid: the whole request); within the host's 30 s shutdown grace.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Mails read from the outbox at once.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Reads and validates the settings; a missing or malformed value throws <see cref="SettingsException"/>.</summary>
    public static EmailSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sendGridKey = Value(configuration, "SENDGRID_API_KEY");
        var smtpHost = Value(configuration, "SMTP_HOST");
        var pickup = Value(configuration, "MAIL_PICKUP_DIRECTORY");
        var provider = sendGridKey is not null ? MailProvider.SendGrid
            : smtpHost is not null ? MailProvider.Smtp
            : pickup is not null ? MailProvider.PickupDirectory
            : MailProvider.None;

        var security = Value(configuration, "SMTP_SECURITY")?.ToUpperInvariant() switch
        {
            null or "STARTTLS" => SmtpSecurity.StartTls,
            "TLS" => SmtpSecurity.Tls,
            "NONE" => SmtpSecurity.None,
            _ => throw new SettingsException("SMTP_SECURITY", $"must be none, starttls or tls, got '{configuration["SMTP_SECURITY"]}'"),
        };
        var username = Value(configuration, "SMTP_USERNAME");
        var password = configuration["SMTP_PASSWORD"];
        if (provider == MailProvider.Smtp && username is not null && string.IsNullOrEmpty(password))
        {
            throw new SettingsException("SMTP_PASSWORD", "is required when SMTP_USERNAME is set");
        }

        if (pickup is not null && provider == MailProvider.PickupDirectory)
        {
            pickup = PickupFolder(pickup);
        }

        var maxRetry = Seconds(configuration, "EMAIL_RETRY_MAX_SECONDS", 3600, 0.01, 86_400);
        return new EmailSettings
        {
            Provider = provider,
            Sender = ReadSender(configuration, provider),
            WebBaseUrl = ReadWebBaseUrl(configuration, provider),
            SmtpHost = smtpHost,
            SmtpSecurity = security,
            SmtpPort = Int(configuration, "SMTP_PORT", security switch { SmtpSecurity.Tls => 465, SmtpSecurity.StartTls => 587, _ => 25 }, 1, 65_535),
            SmtpUsername = username,
            SmtpPassword = username is null ? null : password,
            SendGridApiKey = sendGridKey,
            SendGridBaseUrl = AbsoluteUrl(configuration, "SENDGRID_BASE_URL") ?? new Uri("https://api.sendgrid.com/"),
            PickupDirectory = pickup,
            MaxAttempts = Int(configuration, "EMAIL_MAX_ATTEMPTS", 8, 1, 100),
            RetryBase = Seconds(configuration, "EMAIL_RETRY_BASE_SECONDS", 30, 0.01, 86_400),
            RetryMax = maxRetry,
            PollInterval = Seconds(configuration, "EMAIL_POLL_SECONDS", 1, 0.01, 3600),
            Lease = Seconds(configuration, "Email:LeaseSeconds", 120, 1, 3600),
            SendTimeout = Seconds(configuration, "Email:SendTimeoutSeconds", 20, 0.1, 600),
        };
    }

    private static string? Value(IConfiguration configuration, string name) =>
        configuration[name] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static MailboxAddress ReadSender(IConfiguration configuration, MailProvider provider)
    {
        var from = Value(configuration, "MAIL_FROM");
        if (from is null)
        {
            // A real provider refuses (or spam-folders) a made-up sender; only the pickup folder may go without.
            return provider is MailProvider.Smtp or MailProvider.SendGrid
                ? throw new SettingsException("MAIL_FROM", "is not set; name the sender, e.g. 'QrAspire <no-reply@example.com>'")
                : new MailboxAddress("QrAspire", "no-reply@localhost");
        }

        return MailboxAddress.TryParse(from, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
            ? mailbox
            : throw new SettingsException("MAIL_FROM", $"is not an e-mail address (e.g. 'QrAspire <no-reply@example.com>'), got '{from}'");
    }

    private static string? ReadWebBaseUrl(IConfiguration configuration, MailProvider provider)
    {
        var url = AbsoluteUrl(configuration, "WEB_BASE_URL");
        if (url is null && provider != MailProvider.None)
        {
            throw new SettingsException("WEB_BASE_URL", "is not set; mails link to the web console at this public URL (e.g. https://qr.example.com)");
        }

        if (url is not null && (url.Query.Length > 0 || url.Fragment.Length > 0))
        {
            throw new SettingsException("WEB_BASE_URL", "must not have a query or fragment");
        }

        return url?.AbsoluteUri.TrimEnd('/');
    }

    private static Uri? AbsoluteUrl(IConfiguration configuration, string name)
    {
        var value = Value(configuration, name);
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new SettingsException(name, $"must be an absolute http(s) URL, got '{value}'");
    }

    private static string PickupFolder(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new SettingsException("MAIL_PICKUP_DIRECTORY", $"must be an absolute path, got '{path}'");
        }

        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException("MAIL_PICKUP_DIRECTORY", $"cannot be created: {e.Message}");
        }

        return path;
    }

    private static int Int(IConfiguration configuration, string name, int fallback, int min, int max)
    {
        var value = Value(configuration, name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new SettingsException(name, $"must be a whole number from {min} to {max}, got '{value}'");
    }

    private static TimeSpan Seconds(IConfiguration configuration, string name, double fallback, double min, double max)
    {
        var value = Value(configuration, name);
        if (value is null)
        {
            return TimeSpan.FromSeconds(fallback);
        }

        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds >= min && seconds <= max
            ? TimeSpan.FromSeconds(seconds)
            : throw new SettingsException(name, $"must be a number of seconds from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{value}'");
    }

    /// <summary>Says where mail goes, without secrets.</summary>
    public string Describe() => Provider switch
    {
        MailProvider.SendGrid => $"SendGrid at {SendGridBaseUrl}",
        MailProvider.Smtp => $"SMTP {SmtpHost}:{SmtpPort} ({SmtpSecurity.ToString().ToLowerInvariant()}{(SmtpUsername is null ? "" : ", authenticated")})",
        MailProvider.PickupDirectory => $"pickup folder {PickupDirectory}",
        _ => "nowhere",
    };
}
