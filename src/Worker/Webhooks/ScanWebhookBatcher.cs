using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using QrAspire.Contracts;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Data.Webhooks;

namespace QrAspire.Worker.Webhooks;

/// <summary>
/// Turns stored scans into <c>scan.recorded</c> events: per workspace, up to <c>WEBHOOKS_SCAN_BATCH_SIZE</c> scans
/// in one event, or whatever <c>WEBHOOKS_SCAN_FLUSH_SECONDS</c> gathered — never one request per scan. Ingestion only
/// hands its stored batch over (<see cref="Offer"/>, no waiting, no query); while no workspace subscribes to
/// <c>scan.recorded</c> — a set re-read every few seconds — it does not even do that. Owners are looked up and events
/// written here, off the ingestion path. Scans held here when a Worker dies are not announced: the events are
/// at-least-once from the moment they are written, and the scans themselves are stored either way.
/// </summary>
public sealed partial class ScanWebhookBatcher(
    IServiceScopeFactory scopes, WebhookSettings settings, TimeProvider time, ILogger<ScanWebhookBatcher> logger) : BackgroundService
{
    private static readonly TimeSpan SubscriptionRefresh = TimeSpan.FromSeconds(5);
    private readonly Channel<IReadOnlyList<Scan>> _stored = Channel.CreateUnbounded<IReadOnlyList<Scan>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, PendingScans> _pending = new(StringComparer.Ordinal);
    private volatile HashSet<string> _subscribed = [];

    /// <summary>Hands over a stored batch of scans; returns at once.</summary>
    public void Offer(IReadOnlyList<Scan> scans)
    {
        if (_subscribed.Count > 0 && scans.Count > 0)
        {
            _stored.Writer.TryWrite(scans);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var refreshedAt = DateTime.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (Now() - refreshedAt >= SubscriptionRefresh)
                    {
                        await RefreshSubscriptionsAsync(stoppingToken).ConfigureAwait(false);
                        refreshedAt = Now();
                    }

                    while (_stored.Reader.TryRead(out var scans))
                    {
                        await AddAsync(scans, stoppingToken).ConfigureAwait(false);
                    }

                    await FlushAsync(force: false, stoppingToken).ConfigureAwait(false);
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    tick.CancelAfter(TimeSpan.FromMilliseconds(250));
                    try
                    {
                        await _stored.Reader.WaitToReadAsync(tick.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                    }
                }
                catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException { InnerException: System.Data.Common.DbException })
                {
                    LogUnavailable(logger, e);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // On a graceful stop, what is gathered goes out now rather than being dropped.
            try
            {
                while (_stored.Reader.TryRead(out var scans))
                {
                    await AddAsync(scans, CancellationToken.None).ConfigureAwait(false);
                }

                await FlushAsync(force: true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException { InnerException: System.Data.Common.DbException })
            {
                LogUnavailable(logger, e);
            }
        }
    }

    /// <summary>Re-reads which workspaces have an enabled endpoint subscribed to <c>scan.recorded</c>.</summary>
    public async Task RefreshSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        var token = WebhookOutbox.Token(WebhookEventTypes.ScanRecorded);
        var workspaces = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled && e.Events.Contains(token))
            .Select(e => e.WorkspaceId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        _subscribed = new HashSet<string>(workspaces, StringComparer.Ordinal);
    }

    /// <summary>Sorts scans to their workspaces; writes an event for each workspace that reached the batch size.</summary>
    public async Task AddAsync(IReadOnlyList<Scan> scans, CancellationToken cancellationToken)
    {
        var subscribed = _subscribed;
        if (subscribed.Count == 0)
        {
            return;
        }

        var codeIds = scans.Select(s => s.QrCodeId).Distinct(StringComparer.Ordinal).ToList();
        Dictionary<string, string> owners;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
            owners = await db.QrCodes.AsNoTracking().Where(c => codeIds.Contains(c.Id)).Select(c => new { c.Id, c.WorkspaceId })
                .ToDictionaryAsync(c => c.Id, c => c.WorkspaceId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        }

        foreach (var scan in scans)
        {
            if (!owners.TryGetValue(scan.QrCodeId, out var workspace) || !subscribed.Contains(workspace))
            {
                continue;
            }

            if (!_pending.TryGetValue(workspace, out var pending))
            {
                _pending[workspace] = pending = new PendingScans(Now());
            }

            pending.Scans.Add(ScanRecord.Of(scan));
            if (pending.Scans.Count >= settings.ScanBatchSize)
            {
                await WriteAsync(workspace, pending.Scans, cancellationToken).ConfigureAwait(false);
                _pending.Remove(workspace);
            }
        }
    }

    /// <summary>Writes the events of workspaces whose oldest gathered scan waited <c>WEBHOOKS_SCAN_FLUSH_SECONDS</c> (all of them when <paramref name="force"/>).</summary>
    public async Task FlushAsync(bool force, CancellationToken cancellationToken)
    {
        var now = Now();
        foreach (var (workspace, pending) in _pending.Where(p => force || now - p.Value.Since >= settings.ScanFlushInterval).ToList())
        {
            await WriteAsync(workspace, pending.Scans, cancellationToken).ConfigureAwait(false);
            _pending.Remove(workspace);
        }
    }

    private async Task WriteAsync(string workspace, List<ScanRecord> scans, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        var payload = () => JsonSerializer.Serialize(new ScanRecordedData(scans), ScanWebhookJson.Default.ScanRecordedData);
        if (await WebhookOutbox.AddAsync(db, workspace, WebhookEventTypes.ScanRecorded, payload, Now(), cancellationToken).ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private sealed record PendingScans(DateTime Since)
    {
        public List<ScanRecord> Scans { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Warning, EventName = "scan_webhooks_unavailable", Message = "scan.recorded events could not be written; trying again")]
    private static partial void LogUnavailable(ILogger logger, Exception error);
}

/// <summary>The <c>data</c> of a <c>scan.recorded</c> event.</summary>
/// <param name="Scans">The scans, oldest first as ingested.</param>
public sealed record ScanRecordedData(IReadOnlyList<ScanRecord> Scans);

/// <summary>One scan as a webhook shows it: no address, not even the anonymised one.</summary>
public sealed record ScanRecord(
    string Id, string QrCodeId, string ShortCode, DateTime OccurredAt, string Country, string Region, string City, string DeviceType, string Os, string Browser,
    string ReferrerHost, bool IsBot)
{
    public static ScanRecord Of(Scan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return new(scan.Id, scan.QrCodeId, scan.ShortCode, scan.OccurredAt, scan.Country, scan.Region, scan.City, scan.DeviceType, scan.Os, scan.Browser,
            scan.ReferrerHost, scan.IsBot);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ScanRecordedData))]
internal sealed partial class ScanWebhookJson : JsonSerializerContext;
