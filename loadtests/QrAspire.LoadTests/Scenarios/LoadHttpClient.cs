namespace QrAspire.LoadTests.Scenarios;

/// <summary>The one HttpClient of a run.</summary>
public static class LoadHttpClient
{
    public static HttpClient Create(int maxInFlight) => Create(NewHandler(maxInFlight));

    public static HttpClient Create(HttpMessageHandler handler) => new(handler)
    {
        // Each request has its own timeout (the profile's requestTimeout); this one only stops a hung seeding call.
        Timeout = TimeSpan.FromMinutes(2),
    };

    public static HttpMessageHandler NewHandler(int maxInFlight) => new SocketsHttpHandler
    {
        // A redirect is the answer we time, not something to follow to example.com.
        AllowAutoRedirect = false,
        UseCookies = false,
        // One connection per in-flight request at most: the cap is the harness's, not the pool's.
        MaxConnectionsPerServer = maxInFlight,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    };
}
