using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.TestSupport;
using QrAspire.Worker.Email;
using QrAspire.Worker.Hosting;

namespace QrAspire.Worker.Tests.Email;

/// <summary>
/// The Worker's e-mail sender hosted in-process on the fixture's database, with fast retry settings. Tests give each
/// mail a recipient of their own (<see cref="NewAddress"/>): the outbox is shared by the collection.
/// </summary>
internal sealed class EmailHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    private EmailHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public EmailOutbox Outbox => _host.Services.GetRequiredService<EmailOutbox>();

    public static EmailHost Smtp(InfrastructureFixture infrastructure, SmtpTestServer smtp, params (string Key, string Value)[] settings) =>
        Create(infrastructure, [("SMTP_HOST", "127.0.0.1"), ("SMTP_PORT", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("SMTP_SECURITY", "none"), .. settings]);

    public static EmailHost Create(InfrastructureFixture infrastructure, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MAIL_FROM"] = "QrAspire Tests <no-reply@qraspire.test>",
            ["WEB_BASE_URL"] = "https://console.qraspire.test",
            ["EMAIL_RETRY_BASE_SECONDS"] = "0.2",
            ["EMAIL_POLL_SECONDS"] = "0.05",
            ["Email:SendTimeoutSeconds"] = "5",
            ["Email:LeaseSeconds"] = "30",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddQrAspireDbContext();
        builder.AddEmail();
        return new EmailHost(builder.Build());
    }

    public async Task StartAsync()
    {
        await _host.StartAsync();
        _started = true;
    }

    public async Task StopAsync()
    {
        if (_started)
        {
            _started = false;
            await _host.StopAsync();
        }
    }

    public static string NewAddress(string name = "user") => $"{name}@{Guid.NewGuid():N}.qraspire.test";

    public static string NewToken() => "qrt_" + Guid.NewGuid().ToString("N");

    public async Task<string> QueueAsync(string to, string template, IReadOnlyDictionary<string, string> data)
    {
        var id = "mail_" + Guid.NewGuid().ToString("N")[..20];
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        db.EmailMessages.Add(new EmailMessage { Id = id, To = to, Template = template, Data = JsonSerializer.Serialize(data), CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return id;
    }

    public Task<string> QueueVerificationAsync(string to, string token) =>
        QueueAsync(to, "verify-email", new Dictionary<string, string> { ["token"] = token, ["expires_at"] = "2026-11-28T10:00:00.0000000Z" });

    public async Task<EmailMessage> RowAsync(string id)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        return await db.EmailMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>Waits until the row satisfies <paramref name="done"/>; returns it either way.</summary>
    public Task<EmailMessage> WaitForAsync(string id, Func<EmailMessage, bool> done, TimeSpan timeout) =>
        Eventually.ValueAsync(() => RowAsync(id), done, timeout);

    public Task<EmailMessage> WaitForOutcomeAsync(string id, TimeSpan timeout) =>
        WaitForAsync(id, m => m.SentAt is not null || m.NextAttemptAt == EmailOutbox.GivenUp, timeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
