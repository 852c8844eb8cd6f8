using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace QrAspire.Worker.Tests.Email;

/// <summary>
/// A real SMTP server on loopback, enough for MailKit: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. It
/// keeps every accepted message (parsed by MimeKit) and every RCPT it saw with the answer it gave. Faults, per
/// recipient address (so mail of other tests passing through is not affected): <see cref="FailTemporarily"/> answers
/// 451 to the next N attempts, <see cref="Reject"/> answers 550 for good, <see cref="RejectMessage"/> answers 554 after
/// DATA; <see cref="Stop"/> and <see cref="Start"/> take the server down and bring it back on the same port.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly ConcurrentQueue<RecipientAttempt> _attempts = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _clients = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private readonly ConcurrentDictionary<string, int> _temporaryFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _rejected = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _messagesRejected = new(StringComparer.OrdinalIgnoreCase);

    public SmtpTestServer() => Start();

    public int Port { get; private set; }

    /// <summary>Answer 451 to the next <paramref name="times"/> RCPTs of <paramref name="address"/>.</summary>
    public void FailTemporarily(string address, int times) => _temporaryFailures[address] = times;

    /// <summary>Answer 550 to every RCPT of <paramref name="address"/>.</summary>
    public void Reject(string address) => _rejected[address] = 0;

    /// <summary>Answer 554 at the end of DATA of a mail to <paramref name="address"/>.</summary>
    public void RejectMessage(string address) => _messagesRejected[address] = 0;

    /// <summary>Optional pause before answering DATA's end (to make sends overlap).</summary>
    public TimeSpan DataDelay { get; set; }

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    public IReadOnlyList<RecipientAttempt> Attempts => [.. _attempts];

    public IReadOnlyList<ReceivedMail> ReceivedFor(string address) =>
        [.. _received.Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase))];

    public IReadOnlyList<RecipientAttempt> AttemptsFor(string address) =>
        [.. _attempts.Where(a => string.Equals(a.Recipient, address, StringComparison.OrdinalIgnoreCase))];

    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    /// <summary>Closes the port and every open connection.</summary>
    public void Stop()
    {
        _listener?.Stop();
        _listener = null;
        foreach (var client in _clients.Keys)
        {
            client.Dispose();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _clients[client] = 0;
            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client);
                }
                catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                {
                }
                finally
                {
                    _clients.TryRemove(client, out _);
                    client.Dispose();
                }
            });
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        // Reads go through a buffer (the line reader takes one byte at a time); replies are written straight out.
        var input = new BufferedStream(stream, 16 * 1024);
        await WriteAsync(stream, "220 localhost ESMTP test server");
        string? from = null;
        var recipients = new List<string>();
        while (await ReadLineAsync(input) is { } line)
        {
            var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                    await WriteAsync(stream, "250-localhost greets you\r\n250-8BITMIME\r\n250 SIZE 10485760");
                    break;
                case "HELO":
                    await WriteAsync(stream, "250 localhost");
                    break;
                case "MAIL":
                    from = Address(line);
                    recipients.Clear();
                    await WriteAsync(stream, "250 2.1.0 sender ok");
                    break;
                case "RCPT":
                    var recipient = Address(line);
                    var answer = RecipientAnswer(recipient);
                    _attempts.Enqueue(new RecipientAttempt(recipient, answer, DateTime.UtcNow));
                    if (answer == 250)
                    {
                        recipients.Add(recipient);
                        await WriteAsync(stream, "250 2.1.5 recipient ok");
                    }
                    else
                    {
                        await WriteAsync(stream, answer == 451 ? "451 4.3.0 try again later" : "550 5.1.1 no such mailbox");
                    }

                    break;
                case "DATA":
                    if (from is null || recipients.Count == 0)
                    {
                        await WriteAsync(stream, "503 5.5.1 need MAIL and RCPT first");
                        break;
                    }

                    await WriteAsync(stream, "354 end with <CRLF>.<CRLF>");
                    var content = await ReadDataAsync(input);
                    if (DataDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(DataDelay);
                    }

                    if (recipients.Any(_messagesRejected.ContainsKey))
                    {
                        await WriteAsync(stream, "554 5.6.0 message refused");
                    }
                    else
                    {
                        _received.Enqueue(new ReceivedMail(from, [.. recipients], MimeMessage.Load(new MemoryStream(content)), content));
                        await WriteAsync(stream, "250 2.0.0 queued");
                    }

                    from = null;
                    recipients.Clear();
                    break;
                case "RSET":
                    from = null;
                    recipients.Clear();
                    await WriteAsync(stream, "250 2.0.0 ok");
                    break;
                case "NOOP":
                    await WriteAsync(stream, "250 2.0.0 ok");
                    break;
                case "QUIT":
                    await WriteAsync(stream, "221 2.0.0 bye");
                    return;
                default:
                    await WriteAsync(stream, "502 5.5.2 command not implemented");
                    break;
            }
        }
    }

    private int RecipientAnswer(string recipient)
    {
        if (_rejected.ContainsKey(recipient))
        {
            return 550;
        }

        while (_temporaryFailures.TryGetValue(recipient, out var left) && left > 0)
        {
            if (_temporaryFailures.TryUpdate(recipient, left - 1, left))
            {
                return 451;
            }
        }

        return 250;
    }

    // "MAIL FROM:<a@b> SIZE=123" → "a@b"
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static Task WriteAsync(NetworkStream stream, string reply) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n")).AsTask();

    private static async Task<string?> ReadLineAsync(Stream stream) =>
        await ReadLineBytesAsync(stream) is { } bytes ? Encoding.Latin1.GetString(bytes) : null;

    private static async Task<byte[]?> ReadLineBytesAsync(Stream stream)
    {
        var line = new List<byte>(128);
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == '\n')
            {
                if (line.Count > 0 && line[^1] == '\r')
                {
                    line.RemoveAt(line.Count - 1);
                }

                return [.. line];
            }

            line.Add(one[0]);
        }
    }

    // Up to the lone "." line, with dot-stuffing undone.
    private static async Task<byte[]> ReadDataAsync(Stream stream)
    {
        var content = new MemoryStream();
        while (await ReadLineBytesAsync(stream) is { } line)
        {
            if (line is [(byte)'.'])
            {
                break;
            }

            var start = line.Length > 0 && line[0] == '.' ? 1 : 0;
            content.Write(line, start, line.Length - start);
            content.Write("\r\n"u8);
        }

        return content.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _accepting;
    }
}

internal sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, MimeMessage Message, byte[] Raw);

internal sealed record RecipientAttempt(string Recipient, int Answer, DateTime At);
