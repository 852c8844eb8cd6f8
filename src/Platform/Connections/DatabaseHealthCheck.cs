using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QrAspire.Platform.Connections;

/// <summary>Ready when the database answers a trivial query.</summary>
public sealed class DatabaseHealthCheck(DatabaseConnections connections) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using var commandScope = command.ConfigureAwait(false);
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(connections.Settings.Description);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{connections.Settings.Description}: {exception.GetType().Name}: {exception.Message}");
        }
    }
}
