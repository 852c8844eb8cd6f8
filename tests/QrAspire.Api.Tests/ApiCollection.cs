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

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Factory = new ApiFactory(Infrastructure);
        _ = Factory.Server; // start now, so the first test does not pay for it
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}
