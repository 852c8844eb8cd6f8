using System.Diagnostics;
using System.Net;

namespace QrAspire.Redirector.Tests;

/// <summary>Polling with a deadline instead of sleeping.</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"not within {within.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(20);
        }
    }

    public static Task<TimeSpan> StatusAsync(RedirectorServer server, string path, HttpStatusCode status, TimeSpan within) =>
        TrueAsync(async () =>
        {
            using var response = await server.GetAsync(path);
            return response.StatusCode == status;
        }, within, $"{path} answers {(int)status}");

    public static Task<TimeSpan> LocationAsync(RedirectorServer server, string path, string location, TimeSpan within) =>
        TrueAsync(async () =>
        {
            using var response = await server.GetAsync(path);
            return response.Headers.Location?.OriginalString == location;
        }, within, $"{path} redirects to {location}");

    /// <summary>Waits until the scan queue holds <paramref name="count"/> events of <paramref name="code"/>, then a moment longer for extras.</summary>
    public static async Task<List<QrAspire.Infrastructure.Scans.ScanEvent>> ScansAsync(StackExchange.Redis.IConnectionMultiplexer redis, string code, int count, TimeSpan within)
    {
        List<QrAspire.Infrastructure.Scans.ScanEvent> found = [];
        await TrueAsync(async () => (found = await ScansNowAsync(redis, code)).Count >= count, within, $"{count} scan events of {code}");
        await Task.Delay(200); // Anything doubled would arrive with its original.
        return await ScansNowAsync(redis, code);
    }

    /// <summary>The queue is shared by every test: events are told apart by their short code.</summary>
    public static async Task<List<QrAspire.Infrastructure.Scans.ScanEvent>> ScansNowAsync(StackExchange.Redis.IConnectionMultiplexer redis, string code)
    {
        var values = await redis.GetDatabase().ListRangeAsync(QrAspire.Infrastructure.Scans.ScanQueue.Key);
        return values.Select(v => QrAspire.Infrastructure.Scans.ScanQueue.Deserialize((byte[])v!)).Where(e => e.Code == code).ToList();
    }
}
