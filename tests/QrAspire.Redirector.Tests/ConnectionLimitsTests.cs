using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using QrAspire.Redirector.Hosting;
using QrAspire.ServiceDefaults.Settings;
using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

/// <summary>Kestrel's limits of the Redirector: read and validated at start, and applied to the server.</summary>
public sealed class ConnectionLimitsTests
{
    private static ConnectionLimits Read(params (string Key, string Value)[] values) =>
        ConnectionLimits.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void DefaultsAreTheDocumentedOnesAndReachKestrel()
    {
        var limits = new KestrelServerLimits();
        Read().ApplyTo(limits);

        Assert.Equal(15_000, limits.MaxConcurrentConnections);
        Assert.Equal(TimeSpan.FromSeconds(75), limits.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), limits.RequestHeadersTimeout);
        Assert.Equal(240, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(16 * 1024, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(ConnectionLimits.MaxRequestBodyBytes, limits.MaxRequestBodySize);
    }

    [Fact]
    public void GivenValuesReachKestrel()
    {
        var limits = new KestrelServerLimits();
        Read(("REDIRECTOR_MAX_CONNECTIONS", "500"), ("REDIRECTOR_KEEP_ALIVE_SECONDS", "10"), ("REDIRECTOR_REQUEST_HEADERS_TIMEOUT_SECONDS", "2"),
            ("REDIRECTOR_MIN_REQUEST_BODY_RATE", "1000"), ("REDIRECTOR_MAX_REQUEST_HEADERS_KB", "4")).ApplyTo(limits);

        Assert.Equal(500, limits.MaxConcurrentConnections);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), limits.RequestHeadersTimeout);
        Assert.Equal(1000, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(4096, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(4096, limits.MaxRequestLineSize);
    }

    [Theory]
    [InlineData("REDIRECTOR_MAX_CONNECTIONS", "99")]
    [InlineData("REDIRECTOR_MAX_CONNECTIONS", "many")]
    [InlineData("REDIRECTOR_KEEP_ALIVE_SECONDS", "0")]
    [InlineData("REDIRECTOR_REQUEST_HEADERS_TIMEOUT_SECONDS", "-1")]
    [InlineData("REDIRECTOR_MIN_REQUEST_BODY_RATE", "0")]
    [InlineData("REDIRECTOR_MAX_REQUEST_HEADERS_KB", "2048")]
    public void ABadValueNamesTheSetting(string key, string value)
    {
        var error = Assert.Throws<SettingsException>(() => Read((key, value)));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A client that trickles its headers is cut off by the Redirector, not waited for.</summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class SlowClientTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task AClientTricklingItsHeadersIsDisconnected()
    {
        await using var server = await RedirectorServer.StartAsync(infrastructure, ("REDIRECTOR_REQUEST_HEADERS_TIMEOUT_SECONDS", "1"));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Address.Host, server.Address.Port);
        var stream = client.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET /abc HTTP/1.1\r\nHost: {server.Address.Authority}\r\nX-Slow: ");
        var answer = new byte[4096];
        var read = -1;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var pending = stream.ReadAsync(answer, deadline.Token).AsTask();
        // One byte every 200 ms, never the blank line that ends the headers: the server answers 408 or closes.
        for (var i = 0; !deadline.IsCancellationRequested; i++)
        {
            if (await Task.WhenAny(pending, Task.Delay(200, CancellationToken.None)) == pending)
            {
                read = await pending;
                break;
            }

            try
            {
                await stream.WriteAsync(request.AsMemory(i % request.Length, 1), deadline.Token);
            }
            catch (IOException)
            {
                read = 0; // the server has closed the connection
                break;
            }
        }

        Assert.False(deadline.IsCancellationRequested, "the server kept the trickling client for 30 s");
        Assert.True(read == 0 || Encoding.ASCII.GetString(answer, 0, read).StartsWith("HTTP/1.1 408", StringComparison.Ordinal),
            $"expected a 408 or a closed connection, got: {Encoding.ASCII.GetString(answer, 0, Math.Max(0, read))}");
    }
}
