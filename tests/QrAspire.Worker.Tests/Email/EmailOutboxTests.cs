using System.Diagnostics.Metrics;
using System.Globalization;
using QrAspire.Data.Model;
using QrAspire.TestSupport;
using QrAspire.Worker.Email;

namespace QrAspire.Worker.Tests.Email;

/// <summary>
/// The outbox sender on the mode's real database, delivering to a real SMTP server (or SendGrid's API) on loopback:
/// each mail once, retried with back-off while the provider fails, given up on a refusal or after the last attempt.
/// </summary>
[Collection(WorkerCollection.Name)]
[Trait("Tier", "Service")]
public sealed class EmailOutboxTests(InfrastructureFixture infrastructure)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AQueuedMailIsDeliveredOnceAndMarkedSent()
    {
        await using var smtp = new SmtpTestServer();
        await using var host = EmailHost.Smtp(infrastructure, smtp);
        var to = EmailHost.NewAddress();
        var token = EmailHost.NewToken();
        using var sent = new SentCounter();
        var id = await host.QueueVerificationAsync(to, token);

        await host.StartAsync();
        var row = await host.WaitForOutcomeAsync(id, Timeout);
        await Task.Delay(500); // several polls: nothing more may go out

        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
        var mail = Assert.Single(smtp.ReceivedFor(to)).Message;
        Assert.Contains("https://console.qraspire.test/verify-email?token=" + token, mail.TextBody, StringComparison.Ordinal);
        Assert.True(sent.Count("verify-email", "sent") >= 1);
    }

    [Fact]
    public async Task TwoWorkersOnOneOutboxDeliverEveryMailExactlyOnce()
    {
        await using var smtp = new SmtpTestServer { DataDelay = TimeSpan.FromMilliseconds(5) };
        await using var first = EmailHost.Smtp(infrastructure, smtp);
        await using var second = EmailHost.Smtp(infrastructure, smtp);
        var recipients = Enumerable.Range(0, 120).Select(i => EmailHost.NewAddress("user" + i)).ToList();
        var ids = new List<string>();
        foreach (var to in recipients)
        {
            ids.Add(await first.QueueVerificationAsync(to, EmailHost.NewToken()));
        }

        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        foreach (var id in ids)
        {
            Assert.NotNull((await first.WaitForOutcomeAsync(id, Timeout)).SentAt);
        }

        await Task.Delay(500);

        Assert.All(recipients, to => Assert.Single(smtp.ReceivedFor(to)));
        foreach (var id in ids)
        {
            Assert.Equal(1, (await first.RowAsync(id)).Attempts);
        }
    }

    [Fact]
    public async Task OfTwoWorkersThatReadTheSameMailsEachMailIsClaimedByOne()
    {
        var folder = TestFolders.New("mail");
        await using var first = EmailHost.Create(infrastructure, ("MAIL_PICKUP_DIRECTORY", folder));
        await using var second = EmailHost.Create(infrastructure, ("MAIL_PICKUP_DIRECTORY", folder));
        var ids = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await first.QueueVerificationAsync(EmailHost.NewAddress(), EmailHost.NewToken()));
        }

        var now = DateTime.UtcNow;
        var seenByFirst = (await first.Outbox.DueAsync(now, 10_000, CancellationToken.None)).Where(m => ids.Contains(m.Id)).ToList();
        var seenBySecond = (await second.Outbox.DueAsync(now, 10_000, CancellationToken.None)).Where(m => ids.Contains(m.Id)).ToList();
        Assert.Equal(ids.Count, seenByFirst.Count);
        Assert.Equal(ids.Count, seenBySecond.Count);

        var claims = await Task.WhenAll(
            Task.Run(() => ClaimAllAsync(first.Outbox, seenByFirst)),
            Task.Run(() => ClaimAllAsync(second.Outbox, seenBySecond)));

        Assert.Equal(ids.Count, claims[0].Count + claims[1].Count);
        Assert.Empty(claims[0].Intersect(claims[1]));
        foreach (var id in ids)
        {
            var row = await first.RowAsync(id);
            Assert.Equal(1, row.Attempts);
            Assert.True(row.NextAttemptAt > now.AddSeconds(20), "the claim holds the mail for the lease");
        }
    }

    private static async Task<List<string>> ClaimAllAsync(EmailOutbox outbox, List<EmailMessage> seen)
    {
        var claimed = new List<string>();
        foreach (var mail in seen)
        {
            var now = DateTime.UtcNow;
            if (await outbox.ClaimAsync(mail, now, now.AddSeconds(30), CancellationToken.None))
            {
                claimed.Add(mail.Id);
            }
        }

        return claimed;
    }

    [Fact]
    public async Task MailWaitsWhileSmtpIsDownAndGoesOutOnceItIsBack()
    {
        await using var smtp = new SmtpTestServer();
        smtp.Stop();
        await using var host = EmailHost.Smtp(infrastructure, smtp);
        var to = EmailHost.NewAddress();
        var id = await host.QueueVerificationAsync(to, EmailHost.NewToken());

        // Bounds taken around the wait, not at the assertion: a stalled test thread must not move them.
        var started = DateTime.UtcNow;
        await host.StartAsync();
        var waiting = await host.WaitForAsync(id, m => m.Attempts >= 3, Timeout);
        var seen = DateTime.UtcNow;
        Assert.Null(waiting.SentAt);
        Assert.Contains($"127.0.0.1:{smtp.Port}", waiting.LastError, StringComparison.Ordinal);
        Assert.InRange(Assert.NotNull(waiting.NextAttemptAt), started, seen.AddMinutes(1));
        smtp.Start();
        var row = await host.WaitForOutcomeAsync(id, Timeout);

        Assert.NotNull(row.SentAt);
        Assert.Single(smtp.ReceivedFor(to));
        // Back-off, not a busy loop: the 0.05 s poll would have made dozens of attempts in the seconds it was down.
        Assert.InRange(row.Attempts, 4, 8);
    }

    [Fact]
    public async Task TemporaryRefusalsAreRetriedWithGrowingDelays()
    {
        await using var smtp = new SmtpTestServer();
        await using var host = EmailHost.Smtp(infrastructure, smtp, ("EMAIL_RETRY_BASE_SECONDS", "0.3"));
        var to = EmailHost.NewAddress();
        smtp.FailTemporarily(to, 3);
        using var sent = new SentCounter();
        var id = await host.QueueVerificationAsync(to, EmailHost.NewToken());

        await host.StartAsync();
        var row = await host.WaitForOutcomeAsync(id, Timeout);

        Assert.NotNull(row.SentAt);
        Assert.Equal(4, row.Attempts);
        Assert.Single(smtp.ReceivedFor(to));
        var attempts = smtp.AttemptsFor(to);
        Assert.Equal([451, 451, 451, 250], attempts.Select(a => a.Answer));
        for (var i = 1; i < attempts.Count; i++)
        {
            // The wait after attempt n is at least half of 0.3 s × 2^(n−1) (the jitter takes off at most half).
            var gap = (attempts[i].At - attempts[i - 1].At).TotalSeconds;
            Assert.True(gap >= (0.3 * Math.Pow(2, i - 1) / 2) - 0.02, $"gap {i} was {gap:F3} s");
        }

        Assert.True(sent.Count("verify-email", "retry") >= 3);
    }

    [Fact]
    public async Task APermanentRefusalIsNotRetriedAndItsErrorIsKept()
    {
        await using var smtp = new SmtpTestServer();
        await using var host = EmailHost.Smtp(infrastructure, smtp);
        var to = EmailHost.NewAddress();
        smtp.Reject(to);
        using var sent = new SentCounter();
        var id = await host.QueueVerificationAsync(to, EmailHost.NewToken());

        await host.StartAsync();
        var row = await host.WaitForOutcomeAsync(id, Timeout);
        await Task.Delay(1000);

        Assert.Null(row.SentAt);
        Assert.Equal(EmailOutbox.GivenUp, row.NextAttemptAt);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("550", row.LastError, StringComparison.Ordinal);
        Assert.Single(smtp.AttemptsFor(to));
        Assert.Equal(1, (await host.RowAsync(id)).Attempts);
        Assert.True(sent.Count("verify-email", "failed") >= 1);
    }

    [Fact]
    public async Task AMailIsGivenUpAfterTheMaximumAttempts()
    {
        await using var smtp = new SmtpTestServer();
        await using var host = EmailHost.Smtp(infrastructure, smtp, ("EMAIL_MAX_ATTEMPTS", "3"), ("EMAIL_RETRY_BASE_SECONDS", "0.05"));
        var to = EmailHost.NewAddress();
        smtp.FailTemporarily(to, 1000);
        var id = await host.QueueVerificationAsync(to, EmailHost.NewToken());

        await host.StartAsync();
        var row = await host.WaitForOutcomeAsync(id, Timeout);
        await Task.Delay(1000);

        Assert.Null(row.SentAt);
        Assert.Equal(EmailOutbox.GivenUp, row.NextAttemptAt);
        Assert.Equal(3, row.Attempts);
        Assert.Contains("451", row.LastError, StringComparison.Ordinal);
        Assert.Equal(3, smtp.AttemptsFor(to).Count);
    }

    [Fact]
    public async Task AMailThatCannotBeRenderedIsGivenUpWithoutSending()
    {
        await using var smtp = new SmtpTestServer();
        await using var host = EmailHost.Smtp(infrastructure, smtp);
        var to = EmailHost.NewAddress();
        var id = await host.QueueAsync(to, "welcome-aboard", new Dictionary<string, string>());

        await host.StartAsync();
        var row = await host.WaitForOutcomeAsync(id, Timeout);

        Assert.Equal(EmailOutbox.GivenUp, row.NextAttemptAt);
        Assert.Contains("unknown template", row.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.AttemptsFor(to));
    }

    [Fact]
    public async Task ShutdownFinishesTheMailInHand()
    {
        await using var smtp = new SmtpTestServer { DataDelay = TimeSpan.FromSeconds(1.5) };
        await using var host = EmailHost.Smtp(infrastructure, smtp);
        var to = EmailHost.NewAddress();
        var id = await host.QueueVerificationAsync(to, EmailHost.NewToken());

        await host.StartAsync();
        var deadline = DateTime.UtcNow + Timeout;
        while (smtp.AttemptsFor(to).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await host.StopAsync();

        Assert.NotNull((await host.RowAsync(id)).SentAt);
        Assert.Single(smtp.ReceivedFor(to));
    }

    [Fact]
    public async Task SendGridServerErrorsAndRateLimitsAreRetriedThenTheMailIsSent()
    {
        await using var sendGrid = await SendGridTestServer.StartAsync();
        await using var host = EmailHost.Create(infrastructure, ("SENDGRID_API_KEY", "SG.test-key"), ("SENDGRID_BASE_URL", sendGrid.BaseUrl));
        var to = EmailHost.NewAddress();
        sendGrid.Answer(to, 500, 429);
        var id = await host.QueueVerificationAsync(to, EmailHost.NewToken());

        await host.StartAsync();
        var row = await host.WaitForOutcomeAsync(id, Timeout);

        Assert.NotNull(row.SentAt);
        Assert.Equal(3, row.Attempts);
        var requests = sendGrid.RequestsFor(to);
        Assert.Equal(3, requests.Count);
        // 429 came with Retry-After: 1, longer than the back-off.
        Assert.True(requests[2].At - requests[1].At >= TimeSpan.FromSeconds(0.95));
    }

    [Fact]
    public async Task SendGridRefusalIsNotRetried()
    {
        await using var sendGrid = await SendGridTestServer.StartAsync();
        await using var host = EmailHost.Create(infrastructure, ("SENDGRID_API_KEY", "SG.test-key"), ("SENDGRID_BASE_URL", sendGrid.BaseUrl));
        var to = EmailHost.NewAddress();
        sendGrid.Answer(to, 400);
        var id = await host.QueueVerificationAsync(to, EmailHost.NewToken());

        await host.StartAsync();
        var row = await host.WaitForOutcomeAsync(id, Timeout);
        await Task.Delay(1000);

        Assert.Null(row.SentAt);
        Assert.Equal(EmailOutbox.GivenUp, row.NextAttemptAt);
        Assert.Contains("SendGrid 400", row.LastError, StringComparison.Ordinal);
        Assert.Single(sendGrid.RequestsFor(to));
    }

    /// <summary>Counts <c>emails_sent</c> measurements by template and result while alive.</summary>
    private sealed class SentCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string, string), long> _counts = [];

        public SentCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "QrAspire" && instrument.Name == "emails_sent")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? template = null, result = null;
                foreach (var tag in tags)
                {
                    template = tag.Key == "template" ? tag.Value as string : template;
                    result = tag.Key == "result" ? tag.Value as string : result;
                }

                lock (_counts)
                {
                    _counts[(template ?? "", result ?? "")] = _counts.GetValueOrDefault((template ?? "", result ?? "")) + value;
                }
            });
            _listener.Start();
        }

        public long Count(string template, string result)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault((template, result));
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
