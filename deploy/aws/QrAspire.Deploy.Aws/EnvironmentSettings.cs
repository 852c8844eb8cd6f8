using Amazon.CDK.AWS.Logs;

namespace QrAspire.Deploy.Aws;

/// <summary>
/// Everything in which staging and production differ. The stacks read only this, so the two environments are the
/// same code with different numbers.
/// </summary>
public sealed record EnvironmentSettings
{
    public required string Name { get; init; }
    public required string Region { get; init; }
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>The region of the file bucket's replica (disaster recovery).</summary>
    public required string DisasterRecoveryRegion { get; init; }

    public required string VpcCidr { get; init; }

    /// <summary>One per availability zone survives the loss of a zone; one in all saves money where that may fail.</summary>
    public required int NatGateways { get; init; }

    public required NodeGroupSettings SystemNodes { get; init; }
    public required NodeGroupSettings WorkloadNodes { get; init; }

    public required string DatabaseInstanceType { get; init; }
    public required int DatabaseStorageGiB { get; init; }
    public required int DatabaseMaxStorageGiB { get; init; }
    public required int DatabaseBackupRetentionDays { get; init; }

    public required string CacheNodeType { get; init; }
    public required int CacheShards { get; init; }
    public required int CacheReplicasPerShard { get; init; }
    public required int CacheSnapshotRetentionDays { get; init; }

    /// <summary>Days an overwritten or deleted file stays restorable (S3 noncurrent versions, here and in the replica).</summary>
    public required int FileVersionRetentionDays { get; init; }

    /// <summary>Deletion protection on the database; the stateful resources are retained on stack deletion either way.</summary>
    public required bool DeletionProtection { get; init; }

    public required RetentionDays LogRetention { get; init; }

    /// <summary>Requests one client may send in any 5 minutes before the WAF blocks it, and the same for sign-in paths.</summary>
    public required int RequestsPerClientPer5Minutes { get; init; }
    public required int SignInRequestsPerClientPer5Minutes { get; init; }

    /// <summary>
    /// The header in which the CDN in front of the ALB passes the client's address (CloudFlare: CF-Connecting-IP);
    /// the WAF's rate rules count clients by it. Null: clients reach the ALB directly and are counted by source address.
    /// </summary>
    public string? CdnClientAddressHeader { get; init; }

    public string Prefix => $"qraspire-{Name}";

    /// <summary>Secrets Manager names and SSM parameter paths of this environment start with it.</summary>
    public string SecretPath => $"qraspire/{Name}";

    /// <summary>
    /// Production at the peak the HPAs allow (deploy/k8s/base): Api and Redirector 20 pods each at 250m/256Mi
    /// requested, 2 Workers at 500m/512Mi, the web console — about 11.5 vCPU and 11.5 GiB requested. Six
    /// m6i.xlarge (4 vCPU, 16 GiB) hold that with a node to spare; three (one per zone) hold the floor of 3 + 3 + 2.
    /// </summary>
    public static EnvironmentSettings Production { get; } = new()
    {
        Name = "production",
        Region = "us-east-1",
        AvailabilityZones = ["us-east-1a", "us-east-1b", "us-east-1c"],
        DisasterRecoveryRegion = "us-west-2",
        VpcCidr = "10.20.0.0/16",
        NatGateways = 3,
        SystemNodes = new NodeGroupSettings("m6i.large", MinSize: 2, DesiredSize: 2, MaxSize: 3, DiskGiB: 40),
        WorkloadNodes = new NodeGroupSettings("m6i.xlarge", MinSize: 3, DesiredSize: 3, MaxSize: 6, DiskGiB: 80),
        DatabaseInstanceType = "r6g.large",
        DatabaseStorageGiB = 100,
        DatabaseMaxStorageGiB = 1000,
        DatabaseBackupRetentionDays = 30,
        CacheNodeType = "cache.r6g.large",
        CacheShards = 3,
        CacheReplicasPerShard = 2,
        CacheSnapshotRetentionDays = 7,
        FileVersionRetentionDays = 30,
        DeletionProtection = true,
        LogRetention = RetentionDays.ONE_YEAR,
        RequestsPerClientPer5Minutes = 6000,
        SignInRequestsPerClientPer5Minutes = 150,
        CdnClientAddressHeader = "CF-Connecting-IP",
    };

    /// <summary>The same shape as production (Multi-AZ, cluster mode, 30-day backups), smaller and cheaper.</summary>
    public static EnvironmentSettings Staging { get; } = new()
    {
        Name = "staging",
        Region = "us-east-1",
        AvailabilityZones = ["us-east-1a", "us-east-1b", "us-east-1c"],
        DisasterRecoveryRegion = "us-west-2",
        VpcCidr = "10.10.0.0/16",
        NatGateways = 1,
        SystemNodes = new NodeGroupSettings("t3.medium", MinSize: 2, DesiredSize: 2, MaxSize: 2, DiskGiB: 20),
        WorkloadNodes = new NodeGroupSettings("t3.large", MinSize: 2, DesiredSize: 2, MaxSize: 4, DiskGiB: 40),
        DatabaseInstanceType = "t4g.medium",
        DatabaseStorageGiB = 20,
        DatabaseMaxStorageGiB = 100,
        DatabaseBackupRetentionDays = 30,
        CacheNodeType = "cache.t4g.small",
        CacheShards = 3,
        CacheReplicasPerShard = 1,
        CacheSnapshotRetentionDays = 1,
        FileVersionRetentionDays = 30,
        DeletionProtection = false,
        LogRetention = RetentionDays.ONE_MONTH,
        RequestsPerClientPer5Minutes = 6000,
        SignInRequestsPerClientPer5Minutes = 150,
        CdnClientAddressHeader = "CF-Connecting-IP",
    };

    public static IReadOnlyList<EnvironmentSettings> All { get; } = [Staging, Production];
}

/// <summary>An EKS managed node group: instance type, scaling bounds, root volume size.</summary>
public sealed record NodeGroupSettings(string InstanceType, int MinSize, int DesiredSize, int MaxSize, int DiskGiB);
