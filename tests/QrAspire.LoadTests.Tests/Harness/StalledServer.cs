using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Tests.Harness;

/// <summary>A "server" that answers nothing until the test releases it, then answers everything at once.</summary>
internal sealed class StalledServer
{
    private readonly TaskCompletionSource<RequestOutcome> _release = new();

    public int Received { get; private set; }

    public Task<RequestOutcome> SendAsync(long _, CancellationToken __)
    {
        Received++;
        return _release.Task;
    }

    public void Release() => _release.SetResult(RequestOutcome.Ok);
}
