using QrAspire.Platform.Connections;
using QrAspire.Worker.Scans;

namespace QrAspire.Worker.Jobs;

/// <summary>Deletes a table's rows older than a cutoff in slices, so that no transaction holds locks for long.</summary>
public static class SlicedDelete
{
    private const int Slice = 10_000;

    /// <summary>
    /// Deletes the rows of <paramref name="table"/> whose <paramref name="column"/> is before <paramref name="cutoff"/>
    /// (UTC), <c>10,000</c> a statement, each on its own connection; returns how many. The column should be indexed.
    /// </summary>
    public static async Task<long> OlderThanAsync(
        DatabaseConnections connections, string table, string id, string column, DateTime cutoff, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {table} WHERE {id} IN (SELECT {id} FROM {table} WHERE {column} < @cutoff LIMIT {Slice})";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@cutoff";
            parameter.Value = connection is Npgsql.NpgsqlConnection ? cutoff : ScanStore.SqliteTime(cutoff);
            command.Parameters.Add(parameter);
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < Slice)
            {
                return total;
            }
        }
    }
}
