using QrAspire.Deploy.Aws;

namespace QrAspire.Deploy.Tests;

/// <summary>
/// Both environments, synthesized once for every test class of the collection: a synthesis starts the jsii runtime
/// (Node.js) and takes seconds, and the runtime is shared, so the classes run one after another.
/// </summary>
public sealed class EstateFixture : IDisposable
{
    public SynthesizedEstate Staging { get; } = new(EnvironmentSettings.Staging);
    public SynthesizedEstate Production { get; } = new(EnvironmentSettings.Production);

    public SynthesizedEstate this[string environment] => environment switch
    {
        "staging" => Staging,
        "production" => Production,
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, null),
    };

    public static TheoryData<string> Environments => new(EnvironmentSettings.All.Select(settings => settings.Name));

    public void Dispose()
    {
        Staging.Dispose();
        Production.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EstateCollection : ICollectionFixture<EstateFixture>
{
    public const string Name = "estate";
}
