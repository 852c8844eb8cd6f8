using QrAspire.TestSupport;

namespace QrAspire.Worker.Tests;

[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "worker";
}
