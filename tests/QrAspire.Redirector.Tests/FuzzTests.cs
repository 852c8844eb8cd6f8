using System.Net;
using System.Net.Sockets;
using System.Text;
using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

/// <summary>Random paths, methods and headers: never a 5xx, never a redirect anywhere that was not stored.</summary>
[Collection(RedirectorCollection.Name)]
[Trait("Tier", "Service")]
public sealed class FuzzTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Alphabet = "abcXYZ019_-.~%/?#&=;:@!$'()*+,[]\\\"<> \t\u00e9\u4e2d\u0000\r\n";
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "FOO"];
    private readonly TestCodes _codes = new(infrastructure);
    private RedirectorServer _server = null!;

    public async Task InitializeAsync() => _server = await RedirectorServer.StartAsync(infrastructure, ("TRUSTED_PROXIES", "127.0.0.0/8"));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RandomRequestsNeverFailAndNeverRedirectToAnUnstoredUrl()
    {
        var random = new Random(20261126);
        Dictionary<string, string> stored = [];
        for (var i = 0; i < 5; i++)
        {
            var destination = $"https://example.com/fuzz/{i}";
            stored[await _codes.AddAsync(destination, redirectStatus: i % 2 == 0 ? 302 : 301)] = destination;
        }

        var codes = stored.Keys.ToArray();
        for (var i = 0; i < 400; i++)
        {
            var path = random.Next(4) switch
            {
                0 => "/" + codes[random.Next(codes.Length)] + RandomText(random, random.Next(3)),
                1 => "/" + RandomText(random, random.Next(0, 80)),
                2 => "/" + Uri.EscapeDataString(RandomText(random, random.Next(1, 40))),
                _ => "/" + codes[random.Next(codes.Length)],
            };
            var method = Methods[random.Next(Methods.Length)];
            var headers = new StringBuilder();
            foreach (var name in new[] { "User-Agent", "Referer", "Accept-Language", "X-Forwarded-For", "Cookie", "X-Whatever" })
            {
                if (random.Next(2) == 0)
                {
                    headers.Append(name).Append(": ").Append(Clean(RandomText(random, random.Next(0, 300)))).Append("\r\n");
                }
            }

            var (status, location) = await SendRawAsync(method, path, headers.ToString());

            Assert.True(status < 500, $"{method} {path} answered {status}");
            if (status is >= 300 and < 400)
            {
                Assert.Contains(location, stored.Values);
            }
        }
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    // Header values may not hold CR, LF or NUL on the wire; anything else goes.
    private static string Clean(string value) => value.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');

    /// <summary>A raw HTTP/1.1 exchange: HttpClient would refuse to send much of this.</summary>
    private async Task<(int Status, string? Location)> SendRawAsync(string method, string path, string headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _server.Address.Port);
        await using var stream = client.GetStream();
        var target = new string(path.Select(c => c is ' ' or '\r' or '\n' or '\0' or '\t' ? '_' : c).ToArray());
        var request = $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var statusLine = await reader.ReadLineAsync(timeout.Token) ?? "";
        var parts = statusLine.Split(' ');
        Assert.True(parts.Length >= 2 && int.TryParse(parts[1], out _), $"{method} {target}: no status line ({statusLine})");
        string? location = null;
        while (await reader.ReadLineAsync(timeout.Token) is { Length: > 0 } line)
        {
            if (line.StartsWith("Location:", StringComparison.OrdinalIgnoreCase))
            {
                location = line["Location:".Length..].Trim();
            }
        }

        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), location);
    }
}
