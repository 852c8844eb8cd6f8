using QrAspire.TestSupport;

namespace QrAspire.Redirector.Tests;

[CollectionDefinition(Name)]
public sealed class RedirectorCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "redirector";
}
