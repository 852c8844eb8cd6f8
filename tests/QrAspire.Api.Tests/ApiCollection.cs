using QrAspire.TestSupport;

namespace QrAspire.Api.Tests;

/// <summary>One infrastructure (database + Redis) and one Api for the whole run; every test makes its own accounts.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}

/// <summary>The shared Api instance on the shared infrastructure (xunit fixtures cannot depend on each other, so it owns both).</summary>
public sealed class ApiHost : IAsyncLifetime
{
    public InfrastructureFixture Infrastructure { get; } = new();

    public ApiFactory Factory { get; private set; } = null!;

    /// <summary>The DNS server the Api verifies domains against (dnsmasq on loopback), or null when dnsmasq is not installed.</summary>
    public DnsServer? Dns { get; private set; }

    /// <summary>
    /// Without dnsmasq the Api asks a port nobody answers on, so that verification fails the same way everywhere (503)
    /// instead of depending on the machine's resolver.
    /// </summary>
    public const string NoDnsServer = "127.0.0.1:1";

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Dns = DnsServer.Unavailable is null ? await DnsServer.StartAsync() : null;
        Factory = new ApiFactory(Infrastructure, new Dictionary<string, string> { ["DNS_SERVER"] = Dns?.EndPoint ?? NoDnsServer });
        _ = Factory.Server; // start now, so the first test does not pay for it
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (Dns is not null)
        {
            await Dns.DisposeAsync();
        }

        await Infrastructure.DisposeAsync();
    }
}
