namespace QrAspire.AppHost.Infrastructure;

/// <summary>How PostgreSQL, Redis and blob storage come up, in the order the AppHost tries them.</summary>
internal enum InfrastructureMode
{
    /// <summary>Connection strings given in configuration are used as they are.</summary>
    Given,

    /// <summary>A container runtime answers: the usual Aspire container resources.</summary>
    Containers,

    /// <summary>postgres and redis-server binaries on this machine, started as executables.</summary>
    Local,

    /// <summary>Nothing installed: SQLite file, embedded Garnet, local-disk blobs.</summary>
    Embedded,
}
