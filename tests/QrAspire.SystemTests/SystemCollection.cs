namespace QrAspire.SystemTests;

/// <summary>
/// System tests start whole systems (or several service processes); on a 2-core machine they run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SystemCollection
{
    public const string Name = "system";
}
