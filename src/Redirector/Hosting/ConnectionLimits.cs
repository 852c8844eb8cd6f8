using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Redirector.Hosting;

/// <summary>
/// Kestrel's limits for the Redirector, set on purpose rather than left at the defaults of a general web server
/// (docs/reliability.md, "Slow clients"): a redirect is one small GET that a real client sends in one packet, so a
/// client that trickles its headers, never finishes a body or sits idle is cut off early, and the number of open
/// connections is bounded by what the memory limit holds. Read and validated at start-up.
/// </summary>
public sealed record ConnectionLimits(int MaxConnections, TimeSpan KeepAlive, TimeSpan RequestHeadersTimeout, int MinRequestBodyBytesPerSecond, int MaxRequestHeaderBytes)
{
    /// <summary>Bytes a request may declare in a body: the Redirector reads none.</summary>
    public const long MaxRequestBodyBytes = 4096;

    /// <summary>
    /// Reads <c>REDIRECTOR_MAX_CONNECTIONS</c> (default 15,000), <c>REDIRECTOR_KEEP_ALIVE_SECONDS</c> (75),
    /// <c>REDIRECTOR_REQUEST_HEADERS_TIMEOUT_SECONDS</c> (5), <c>REDIRECTOR_MIN_REQUEST_BODY_RATE</c> (240 bytes/s) and
    /// <c>REDIRECTOR_MAX_REQUEST_HEADERS_KB</c> (16); a malformed value throws <see cref="SettingsException"/>.
    /// </summary>
    public static ConnectionLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ConnectionLimits(
            Read(configuration, "REDIRECTOR_MAX_CONNECTIONS", 15_000, 100, 1_000_000),
            TimeSpan.FromSeconds(Read(configuration, "REDIRECTOR_KEEP_ALIVE_SECONDS", 75, 1, 3600)),
            TimeSpan.FromSeconds(Read(configuration, "REDIRECTOR_REQUEST_HEADERS_TIMEOUT_SECONDS", 5, 1, 300)),
            Read(configuration, "REDIRECTOR_MIN_REQUEST_BODY_RATE", 240, 1, 1_048_576),
            Read(configuration, "REDIRECTOR_MAX_REQUEST_HEADERS_KB", 16, 1, 1024) * 1024);
    }

    /// <summary>Sets these limits on Kestrel's.</summary>
    public void ApplyTo(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.MaxConcurrentConnections = MaxConnections;
        // Upgraded connections (WebSockets) have no use here; count them in the same bound.
        limits.MaxConcurrentUpgradedConnections = MaxConnections;
        limits.KeepAliveTimeout = KeepAlive;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        // The grace period lets a body start; after it, a body slower than the rate ends the connection.
        limits.MinRequestBodyDataRate = new MinDataRate(MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
        limits.MaxRequestBodySize = MaxRequestBodyBytes;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeaderBytes;
        limits.MaxRequestLineSize = Math.Min(8192, MaxRequestHeaderBytes);
    }

    private static int Read(IConfiguration configuration, string name, int fallback, int min, int max)
    {
        var raw = configuration[name];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SettingsException(name, $"must be a whole number from {min} to {max}, got '{raw}'");
    }
}
