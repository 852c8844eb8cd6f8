using System.Net;
using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

/// <summary>What the Redirector tests wait for, each with a deadline (<see cref="Eventually"/>), never a fixed sleep.</summary>
internal static class RedirectorWaits
{
    public static Task<TimeSpan> StatusAsync(RedirectorServer server, string path, HttpStatusCode status, TimeSpan within) =>
        Eventually.TrueAsync(async () =>
        {
            using var response = await server.GetAsync(path);
            return response.StatusCode == status;
        }, within, $"{path} answers {(int)status}");

    public static Task<TimeSpan> LocationAsync(RedirectorServer server, string path, string location, TimeSpan within) =>
        Eventually.TrueAsync(async () =>
        {
            using var response = await server.GetAsync(path);
            return response.Headers.Location?.OriginalString == location;
        }, within, $"{path} redirects to {location}");

    /// <summary>Waits until the scan queue holds <paramref name="count"/> events of <paramref name="code"/>, then a moment longer for extras.</summary>
    public static async Task<List<QrAspire.Platform.Scans.ScanEvent>> ScansAsync(StackExchange.Redis.IConnectionMultiplexer redis, string code, int count, TimeSpan within)
    {
        List<QrAspire.Platform.Scans.ScanEvent> found = [];
        await Eventually.TrueAsync(async () => (found = await ScansNowAsync(redis, code)).Count >= count, within, $"{count} scan events of {code}");
        // A grace period, not a wait for something: a doubled event would arrive with its original, and nothing marks
        // the moment after which none can.
        await Task.Delay(200);
        return await ScansNowAsync(redis, code);
    }

    /// <summary>The queue is shared by every test: events are told apart by their short code.</summary>
    public static async Task<List<QrAspire.Platform.Scans.ScanEvent>> ScansNowAsync(StackExchange.Redis.IConnectionMultiplexer redis, string code)
    {
        var values = await redis.GetDatabase().ListRangeAsync(QrAspire.Platform.Scans.ScanQueue.Key);
        return values.Select(v => QrAspire.Platform.Scans.ScanQueue.Deserialize((byte[])v!)).Where(e => e.Code == code).ToList();
    }
}
