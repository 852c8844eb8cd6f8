namespace QrAspire.FaultTests;

/// <summary>
/// Every fault test works on the one running system and takes a piece of it down: they run one at a time, each
/// leaving the system whole (every process up, every dependency answering) for the next.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<ProductionSystem>
{
    public const string Name = "fault";
}
