using QrAspire.Worker.Email;

namespace QrAspire.Worker.Hosting;

/// <summary>Registers the e-mail outbox sender.</summary>
public static class EmailExtensions
{
    /// <summary>
    /// Reads and validates the mail settings now (a bad value throws <see cref="ServiceDefaults.Settings.SettingsException"/>)
    /// and registers the sender of the configured provider with the outbox poller. With no provider configured, mail
    /// stays queued and a warning says so at start. Needs the database.
    /// </summary>
    public static TBuilder AddEmail<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = EmailSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (settings.Provider == MailProvider.None)
        {
            builder.Services.AddHostedService<EmailNotConfiguredWarning>();
            return builder;
        }

        switch (settings.Provider)
        {
            case MailProvider.SendGrid:
                builder.Services.AddSingleton<IMailSender, SendGridMailSender>();
                break;
            case MailProvider.Smtp:
                builder.Services.AddSingleton<IMailSender, SmtpMailSender>();
                break;
            default:
                builder.Services.AddSingleton<IMailSender, PickupDirectoryMailSender>();
                break;
        }

        builder.Services.AddSingleton<EmailOutbox>();
        builder.Services.AddSingleton<EmailMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EmailOutboxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmailOutboxSender>());
        return builder;
    }
}

/// <summary>Says once, at start, that no mail provider is configured and mail stays in the outbox.</summary>
internal sealed partial class EmailNotConfiguredWarning(ILogger<EmailNotConfiguredWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogNotConfigured(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, EventName = "email_not_configured",
        Message = "No mail provider configured (SENDGRID_API_KEY, SMTP_HOST or MAIL_PICKUP_DIRECTORY): e-mail stays queued in the outbox")]
    private static partial void LogNotConfigured(ILogger logger);
}
