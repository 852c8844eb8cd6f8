using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElastiCache;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SSM;
using Constructs;
using QrAspire.Deploy.Aws.Network;
using QrAspire.Deploy.Aws.Secrets;
using Pseudo = Amazon.CDK.Aws;

namespace QrAspire.Deploy.Aws.Data;

/// <summary>
/// PostgreSQL (RDS, Multi-AZ), Redis (ElastiCache, cluster mode) in the isolated data subnets, reachable only from
/// the private subnets (the EKS pods) and the bastion; the file bucket and its replication to the disaster-recovery
/// region; the backup CronJobs' bucket. Endpoints go to SSM parameters under <c>/qraspire/{environment}/</c> for External Secrets.
/// </summary>
public sealed class DataStack : Stack
{
    public const int PostgreSqlPort = 5432;
    public const int RedisPort = 6379;

    public DatabaseInstance Database { get; }
    public CfnReplicationGroup Cache { get; }
    public Bucket Files { get; }
    public Bucket Backups { get; }

    public DataStack(
        Construct scope, string id, EnvironmentSettings settings, NetworkStack network, SecretsStack secrets,
        IStackProps props)
        : base(scope, id, props)
    {
        var databaseSecurityGroup = ClientsOnly("DatabaseSecurityGroup", "PostgreSQL", PostgreSqlPort, network);
        var engine = DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps
        {
            Version = PostgresEngineVersion.VER_15_4,
        });
        Database = new DatabaseInstance(this, "Database", new DatabaseInstanceProps
        {
            InstanceIdentifier = settings.Prefix,
            Engine = engine,
            InstanceType = new Amazon.CDK.AWS.EC2.InstanceType(settings.DatabaseInstanceType),
            Vpc = network.Vpc,
            VpcSubnets = network.DataSubnetSelection,
            SecurityGroups = [databaseSecurityGroup],
            Port = PostgreSqlPort,
            DatabaseName = "qraspire",
            // The password by dynamic reference, not Credentials.FromSecret: that attaches the database to the secret
            // inside the secrets stack, a reference back to this one. External Secrets takes the host from SSM.
            Credentials = Credentials.FromPassword(
                ServiceSecrets.Definition(ServiceSecrets.DatabaseOwner).FixedFields!["username"],
                secrets[ServiceSecrets.DatabaseOwner].SecretValueFromJson("password")),
            MultiAz = true,
            StorageEncrypted = true,
            StorageType = StorageType.GP3,
            AllocatedStorage = settings.DatabaseStorageGiB,
            MaxAllocatedStorage = settings.DatabaseMaxStorageGiB,
            // Automated backups are daily snapshots plus transaction logs every five minutes: restore to any second
            // of the retention window (point-in-time recovery).
            BackupRetention = Duration.Days(settings.DatabaseBackupRetentionDays),
            PreferredBackupWindow = "03:00-04:00",
            PreferredMaintenanceWindow = "sun:04:30-sun:05:30",
            DeleteAutomatedBackups = false,
            CopyTagsToSnapshot = true,
            DeletionProtection = settings.DeletionProtection,
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
            AutoMinorVersionUpgrade = true,
            EnablePerformanceInsights = true,
            CloudwatchLogsExports = ["postgresql"],
            CloudwatchLogsRetention = settings.LogRetention,
            ParameterGroup = new ParameterGroup(this, "DatabaseParameters", new ParameterGroupProps
            {
                Engine = engine,
                Parameters = new Dictionary<string, string>
                {
                    ["rds.force_ssl"] = "1",
                    ["log_min_duration_statement"] = "1000",
                },
            }),
        });

        var cacheSecurityGroup = ClientsOnly("CacheSecurityGroup", "Redis", RedisPort, network);
        var cacheSubnets = new CfnSubnetGroup(this, "CacheSubnets", new CfnSubnetGroupProps
        {
            Description = "Data subnets of the Redis replication group",
            SubnetIds = network.Vpc.SelectSubnets(network.DataSubnetSelection).SubnetIds,
        });
        // ElastiCache has no L2 construct in this CDK version: the L1 resource, set in full.
        Cache = new CfnReplicationGroup(this, "Cache", new CfnReplicationGroupProps
        {
            ReplicationGroupId = settings.Prefix,
            ReplicationGroupDescription = $"QrAspire {settings.Name}: redirect cache, scan queue, rate limits",
            Engine = "redis",
            EngineVersion = "7.1",
            CacheNodeType = settings.CacheNodeType,
            CacheParameterGroupName = "default.redis7.cluster.on",
            NumNodeGroups = settings.CacheShards,
            ReplicasPerNodeGroup = settings.CacheReplicasPerShard,
            AutomaticFailoverEnabled = true,
            MultiAzEnabled = true,
            AtRestEncryptionEnabled = true,
            TransitEncryptionEnabled = true,
            AuthToken = secrets[ServiceSecrets.RedisAuth].SecretValueFromJson("token").UnsafeUnwrap(),
            CacheSubnetGroupName = cacheSubnets.Ref,
            SecurityGroupIds = [cacheSecurityGroup.SecurityGroupId],
            Port = RedisPort,
            SnapshotRetentionLimit = settings.CacheSnapshotRetentionDays,
            SnapshotWindow = "02:00-03:00",
            PreferredMaintenanceWindow = "sun:05:30-sun:06:30",
            AutoMinorVersionUpgrade = true,
        });
        Cache.ApplyRemovalPolicy(RemovalPolicy.SNAPSHOT);

        Files = FileBuckets.Create(this, "Files", FileBuckets.PrimaryName(settings), settings);
        ReplicateTo(FileBuckets.ReplicaName(settings));
        Backups = BackupBucket.Create(this, "Backups", settings);

        Parameter(settings, "database/host", Database.DbInstanceEndpointAddress);
        Parameter(settings, "database/port", Database.DbInstanceEndpointPort);
        Parameter(settings, "redis/host", Cache.AttrConfigurationEndPointAddress);
        Parameter(settings, "redis/port", Cache.AttrConfigurationEndPointPort);
        Parameter(settings, "s3/bucket", Files.BucketName);
        Parameter(settings, "s3/backups-bucket", Backups.BucketName);
    }

    /// <summary>A security group that admits the port from the private subnets (pods) and the bastion only.</summary>
    private SecurityGroup ClientsOnly(string id, string what, int port, NetworkStack network)
    {
        var group = new SecurityGroup(this, id, new SecurityGroupProps
        {
            Vpc = network.Vpc,
            Description = $"{what}: from the private subnets and the bastion",
            AllowAllOutbound = false,
        });
        foreach (var subnet in network.Vpc.PrivateSubnets)
        {
            group.AddIngressRule(Peer.Ipv4(subnet.Ipv4CidrBlock), Port.Tcp(port), $"{what} from {subnet.AvailabilityZone}");
        }
        group.AddIngressRule(
            Peer.SecurityGroupId(network.Bastion.Connections.SecurityGroups[0].SecurityGroupId), Port.Tcp(port),
            $"{what} from the bastion (Session Manager port forwarding)");
        return group;
    }

    /// <summary>
    /// Cross-region replication of every object version and delete marker. The L2 bucket of this CDK version has no
    /// replication property, so it is set on the underlying CfnBucket.
    /// </summary>
    private void ReplicateTo(string replicaName)
    {
        var replicaArn = $"arn:{Pseudo.PARTITION}:s3:::{replicaName}";
        var role = new Role(this, "FilesReplicationRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("s3.amazonaws.com"),
            Description = "S3 replication of the file bucket to its disaster-recovery replica",
        });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetReplicationConfiguration", "s3:ListBucket"],
            Resources = [Files.BucketArn],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
            Resources = [Files.ArnForObjects("*")],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
            Resources = [$"{replicaArn}/*"],
        }));

        var bucket = (CfnBucket)Files.Node.DefaultChild!;
        bucket.ReplicationConfiguration = new CfnBucket.ReplicationConfigurationProperty
        {
            Role = role.RoleArn,
            Rules =
            new object[]
            {
                new CfnBucket.ReplicationRuleProperty
                {
                    Id = "to-disaster-recovery-region",
                    Status = "Enabled",
                    Priority = 1,
                    Filter = new CfnBucket.ReplicationRuleFilterProperty { Prefix = "" },
                    DeleteMarkerReplication = new CfnBucket.DeleteMarkerReplicationProperty { Status = "Enabled" },
                    Destination = new CfnBucket.ReplicationDestinationProperty
                    {
                        Bucket = replicaArn,
                        StorageClass = "STANDARD_IA",
                    },
                },
            },
        };
    }

    private void Parameter(EnvironmentSettings settings, string path, string value)
    {
        var id = string.Concat(path.Split('/').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        _ = new StringParameter(this, id + "Parameter", new StringParameterProps
        {
            ParameterName = $"/{settings.SecretPath}/{path}",
            StringValue = value,
        });
        _ = new CfnOutput(this, id, new CfnOutputProps { Value = value });
    }
}
