using System.Data.Common;
using System.Globalization;
using QrAspire.Platform.Connections;
using DomainTable = QrAspire.Platform.Database.Schema.Domains;

namespace QrAspire.Redirector.Domains;

/// <summary>
/// Keeps <see cref="HostRouting"/>'s verified branded domains current: read at start, again whenever the Api announces a
/// change (<c>RedirectInvalidation.DomainsChanged</c>, see <see cref="Signal"/>) or Redis comes back, and once a minute
/// in case a message was missed. The table is small (one row per domain), so it is read whole.
/// </summary>
public sealed partial class BrandedDomainsRefresher(DatabaseConnections connections, HostRouting routing, ILogger<BrandedDomainsRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private static readonly string Sql = string.Create(CultureInfo.InvariantCulture,
        $"SELECT {DomainTable.Id}, {DomainTable.Name} FROM {DomainTable.Table} WHERE {DomainTable.VerifiedAt} IS NOT NULL AND {DomainTable.DeletedAt} IS NULL");

    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Asks for a reread now (the set changed, or messages may have been missed).</summary>
    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another signal is already pending: one reread serves both.
            }
        }
    }

    /// <summary>Reads the verified domains and routes them; false when the database could not be read.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var domains = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                domains[reader.GetString(1)] = reader.GetString(0);
            }

            if (domains.Count != routing.BrandedCount)
            {
                LogRefreshed(domains.Count);
            }

            routing.Replace(domains);
            return true;
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException)
        {
            // The previous set stays: a database outage must not take branded domains offline.
            LogRefreshFailed(exception);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var read = await RefreshAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                // After a failure, try again soon rather than in a minute.
                await _signal.WaitAsync(read ? Interval : TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 40, EventName = "branded_domains_refreshed", Level = LogLevel.Information, Message = "routing {count} verified branded domains")]
    private partial void LogRefreshed(int count);

    [LoggerMessage(EventId = 41, EventName = "branded_domains_refresh_failed", Level = LogLevel.Warning, Message = "reading the branded domains failed; keeping the previous set")]
    private partial void LogRefreshFailed(Exception exception);
}
