using QrAspire.LoadTests.Harness;
using QrAspire.LoadTests.Scenarios;

namespace QrAspire.LoadTests;

/// <summary>
/// What a run takes from the machine: the clocks it is timed by and the HTTP handler its requests go through. A real
/// run uses the monotonic clock and sockets; the harness's own tests give a virtual clock and an in-memory server, so
/// a verdict there follows from the answers, not from how fast the machine happens to be.
/// </summary>
internal sealed record RunEnvironment(Func<IClock> NewClock, Func<int, HttpMessageHandler> NewHandler)
{
    public static RunEnvironment Real { get; } = new(() => new SystemClock(), LoadHttpClient.NewHandler);
}
