using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Platform;
using QrAspire.ServiceDefaults.Settings;
using StackExchange.Redis;

namespace QrAspire.Worker.Scans;

/// <summary>
/// <c>--dead-letters list|replay [--reason PREFIX] [--limit N]</c>: the operator's view of <c>scan_dead_letters</c>,
/// run with the Worker's own configuration (same image, same settings) instead of starting the service.
/// <c>list</c> prints the newest letters, one a line (id, UTC time, reason, payload; tabs between, control characters
/// escaped). <c>replay</c> pushes the matching letters' payloads back onto the scan queue, oldest first, and deletes
/// them: a letter whose payload is still unusable is dead-lettered again by the Worker, and a scan already stored is
/// not counted twice (idempotent by scan id). Exit codes: 0 done, 1 the database or Redis failed, 2 bad arguments or
/// settings — each with one line on standard error.
/// </summary>
public static class DeadLetterCommand
{
    /// <summary>The argument that selects this mode.</summary>
    public const string Argument = "--dead-letters";

    private const int ReplaySlice = 500;

    /// <summary>True when <paramref name="args"/> asks for this command instead of the service.</summary>
    public static bool IsRequested(string[] args) => args is [Argument, ..];

    /// <summary>Runs the command; <paramref name="configure"/> lets tests add configuration.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (action, reason, limit, problem) = Parse(args);
        if (problem is not null)
        {
            await error.WriteLineAsync($"dead-letters: {problem}. Usage: --dead-letters list|replay [--reason PREFIX] [--limit N]").ConfigureAwait(false);
            return StartupGuard.InvalidSettingExitCode;
        }

        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.Logging.ClearProviders();
            configure?.Invoke(builder.Configuration);
            builder.AddDatabaseConnections();
            builder.AddQrAspireDbContext();
            var settings = ScanIngestSettings.From(builder.Configuration);
            if (action == "replay")
            {
                builder.AddRedisConnection();
            }

            using var host = builder.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
            if (action == "list")
            {
                var letters = await Matching(db, reason).OrderByDescending(l => l.FailedAt).ThenBy(l => l.Id).Take(limit).ToListAsync().ConfigureAwait(false);
                foreach (var letter in letters)
                {
                    await output.WriteLineAsync(string.Join('\t', letter.Id, letter.FailedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), Escape(letter.Reason), Escape(letter.Payload))).ConfigureAwait(false);
                }

                await error.WriteLineAsync($"dead-letters: {letters.Count} listed of {await Matching(db, reason).CountAsync().ConfigureAwait(false)} matching").ConfigureAwait(false);
                return 0;
            }

            var replayed = await ReplayAsync(db, host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), settings.QueueKey, reason, limit).ConfigureAwait(false);
            await error.WriteLineAsync($"dead-letters: {replayed} replayed onto {settings.QueueKey}").ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is SettingsException)
        {
            await error.WriteLineAsync($"dead-letters: invalid setting {e.Message}").ConfigureAwait(false);
            return StartupGuard.InvalidSettingExitCode;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or RedisException or InvalidOperationException or TimeoutException)
        {
            await error.WriteLineAsync($"dead-letters: failed: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return 1;
        }
    }

    // Pushed before deleted: a crash in between replays a slice twice, which the Worker's idempotency absorbs.
    private static async Task<long> ReplayAsync(QrAspireDbContext db, IDatabase redis, string queue, string? reason, int limit)
    {
        long replayed = 0;
        while (replayed < limit)
        {
            var slice = await Matching(db, reason).OrderBy(l => l.FailedAt).ThenBy(l => l.Id)
                .Take((int)Math.Min(ReplaySlice, limit - replayed)).ToListAsync().ConfigureAwait(false);
            if (slice.Count == 0)
            {
                break;
            }

            await redis.ListRightPushAsync(queue, [.. slice.Select(l => (RedisValue)l.Payload)]).ConfigureAwait(false);
            var ids = slice.Select(l => l.Id).ToList();
            await db.ScanDeadLetters.Where(l => ids.Contains(l.Id)).ExecuteDeleteAsync().ConfigureAwait(false);
            replayed += slice.Count;
        }

        return replayed;
    }

    private static IQueryable<ScanDeadLetter> Matching(QrAspireDbContext db, string? reason) =>
        reason is null ? db.ScanDeadLetters.AsNoTracking() : db.ScanDeadLetters.AsNoTracking().Where(l => l.Reason.StartsWith(reason));

    private static (string Action, string? Reason, int Limit, string? Problem) Parse(string[] args)
    {
        if (args.Length < 2 || args[1] is not ("list" or "replay"))
        {
            return ("", null, 0, args.Length < 2 ? "missing action" : $"unknown action '{args[1]}'");
        }

        var action = args[1];
        string? reason = null;
        int? limit = null;
        for (var i = 2; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--reason" when value is { Length: > 0 } && reason is null:
                    reason = value;
                    break;
                case "--limit" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 1_000_000 && limit is null:
                    limit = number;
                    break;
                case "--reason" or "--limit":
                    return ("", null, 0, $"{args[i]} needs {(args[i] == "--limit" ? "a whole number from 1 to 1000000" : "a non-empty reason prefix")}, once");
                default:
                    return ("", null, 0, $"unknown option '{args[i]}'");
            }
        }

        return (action, reason, limit ?? (action == "list" ? 100 : int.MaxValue), null);
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c switch
        {
            '\t' => "\\t",
            '\n' => "\\n",
            '\r' => "\\r",
            _ when char.IsControl(c) => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        }));
}
