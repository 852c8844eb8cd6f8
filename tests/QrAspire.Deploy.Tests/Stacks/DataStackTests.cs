using Amazon.CDK.Assertions;
using QrAspire.Deploy.Aws.Data;

namespace QrAspire.Deploy.Tests.Stacks;

[Collection(EstateCollection.Name)]
public sealed class DataStackTests(EstateFixture estates)
{
    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void PostgreSqlIsMultiAzEncryptedWithThirtyDaysOfBackupsAndTheEnvironmentsProtection(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Data);

        template.ResourceCountIs("AWS::RDS::DBInstance", 1);
        template.HasResourceProperties("AWS::RDS::DBInstance", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Engine"] = "postgres",
            ["DBInstanceClass"] = "db." + estate.Settings.DatabaseInstanceType,
            ["MultiAZ"] = true,
            ["StorageEncrypted"] = true,
            ["BackupRetentionPeriod"] = 30,
            ["DeletionProtection"] = estate.Settings.DeletionProtection,
            ["MasterUserPassword"] = Match.AnyValue(),
        }));
        template.HasResourceProperties("AWS::RDS::DBParameterGroup", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Parameters"] = Match.ObjectLike(new Dictionary<string, object> { ["rds.force_ssl"] = "1" }),
        }));
    }

    [Fact]
    public void OnlyProductionProtectsItsDatabaseFromDeletion()
    {
        estates.Production.Template(estates.Production.Estate.Data).HasResourceProperties("AWS::RDS::DBInstance",
            Match.ObjectLike(new Dictionary<string, object> { ["DeletionProtection"] = true }));
        estates.Staging.Template(estates.Staging.Estate.Data).HasResourceProperties("AWS::RDS::DBInstance",
            Match.ObjectLike(new Dictionary<string, object> { ["DeletionProtection"] = false }));
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void RedisRunsInClusterModeWithReplicasEncryptionAndSnapshots(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Data);

        template.HasResourceProperties("AWS::ElastiCache::ReplicationGroup", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Engine"] = "redis",
            ["CacheParameterGroupName"] = "default.redis7.cluster.on",
            ["CacheNodeType"] = estate.Settings.CacheNodeType,
            ["NumNodeGroups"] = estate.Settings.CacheShards,
            ["ReplicasPerNodeGroup"] = estate.Settings.CacheReplicasPerShard,
            ["AutomaticFailoverEnabled"] = true,
            ["MultiAZEnabled"] = true,
            ["AtRestEncryptionEnabled"] = true,
            ["TransitEncryptionEnabled"] = true,
            ["SnapshotRetentionLimit"] = estate.Settings.CacheSnapshotRetentionDays,
        }));
        var cache = Assert.Single(DataTemplate(estate).OfType("AWS::ElastiCache::ReplicationGroup"));
        Assert.Contains("{{resolve:secretsmanager:", cache.Properties["AuthToken"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void DatabaseAndRedisAdmitOnlyThePrivateSubnetsAndTheBastion(string environment)
    {
        var estate = estates[environment];
        var privateCidrs = estate.Estate.Network.Vpc.PrivateSubnets.Select(subnet => subnet.Ipv4CidrBlock).ToHashSet();
        var groups = DataTemplate(estate).OfType("AWS::EC2::SecurityGroup").ToList();

        Assert.Equal(2, groups.Count);
        foreach (var (id, properties, _) in groups)
        {
            var rules = properties["SecurityGroupIngress"]!.AsArray().Select(rule => rule!.AsObject()).ToList();
            Assert.Equal(4, rules.Count);
            Assert.Equal(privateCidrs, rules.Where(rule => rule["CidrIp"] is not null)
                .Select(rule => rule["CidrIp"]!.GetValue<string>()).ToHashSet());
            Assert.Single(rules, rule => rule["SourceSecurityGroupId"] is not null);
            var port = rules.Select(rule => rule["FromPort"]!.GetValue<int>()).Distinct().Single();
            Assert.Contains(port, new[] { DataStack.PostgreSqlPort, DataStack.RedisPort });
        }
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheFileBucketIsVersionedPrivateCleansUpUploadsAndReplicatesToTheOtherRegion(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Data);

        template.HasResourceProperties("AWS::S3::Bucket", Match.ObjectLike(new Dictionary<string, object>
        {
            ["VersioningConfiguration"] = new Dictionary<string, object> { ["Status"] = "Enabled" },
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
            {
                ["BlockPublicAcls"] = true,
                ["BlockPublicPolicy"] = true,
                ["IgnorePublicAcls"] = true,
                ["RestrictPublicBuckets"] = true,
            },
            ["LifecycleConfiguration"] = new Dictionary<string, object>
            {
                ["Rules"] = Match.ArrayWith([
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["AbortIncompleteMultipartUpload"] = new Dictionary<string, object> { ["DaysAfterInitiation"] = 1 },
                        ["Status"] = "Enabled",
                    }),
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["NoncurrentVersionExpiration"] = new Dictionary<string, object>
                        {
                            ["NoncurrentDays"] = estate.Settings.FileVersionRetentionDays,
                        },
                    }),
                ]),
            },
            ["ReplicationConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Rules"] = Match.ArrayWith([
                    Match.ObjectLike(new Dictionary<string, object> { ["Status"] = "Enabled" }),
                ]),
            }),
        }));

        var primary = Assert.Single(DataTemplate(estate).OfType("AWS::S3::Bucket"),
            bucket => bucket.Properties["ReplicationConfiguration"] is not null);
        var destination = primary.Properties["ReplicationConfiguration"]!["Rules"]![0]!["Destination"]!["Bucket"]!.ToJsonString();
        Assert.Contains($"{estate.Settings.Prefix}-files-dr-", destination, StringComparison.Ordinal);

        var replicaStack = estate.Estate.DisasterRecovery;
        Assert.Equal(estate.Settings.DisasterRecoveryRegion, replicaStack.Region);
        Assert.NotEqual(estate.Estate.Data.Region, replicaStack.Region);
        estate.Template(replicaStack).HasResourceProperties("AWS::S3::Bucket", Match.ObjectLike(
            new Dictionary<string, object>
            {
                ["BucketName"] = Match.AnyValue(),
                ["VersioningConfiguration"] = new Dictionary<string, object> { ["Status"] = "Enabled" },
            }));
        var replica = Assert.Single(estate.Templates.Single(template => template.Name == $"{replicaStack.StackName}.template.json")
            .OfType("AWS::S3::Bucket"));
        Assert.Contains($"{estate.Settings.Prefix}-files-dr-", replica.Properties["BucketName"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(estate.Estate.Data.Dependencies, dependency => dependency.StackName == replicaStack.StackName);
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void EndpointsArePublishedForExternalSecrets(string environment)
    {
        var estate = estates[environment];
        var names = DataTemplate(estate).OfType("AWS::SSM::Parameter")
            .Select(parameter => parameter.Properties["Name"]!.GetValue<string>()).ToHashSet();

        Assert.Equal(
            new[] { "database/host", "database/port", "redis/host", "redis/port", "s3/bucket", "s3/backups-bucket" }
                .Select(path => $"/{estate.Settings.SecretPath}/{path}").ToHashSet(),
            names);
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheBackupBucketExpiresDumpsAndSnapshotsWithTheCronJobsRetention(string environment)
    {
        var estate = estates[environment];
        var backups = Assert.Single(DataTemplate(estate).OfType("AWS::S3::Bucket"),
            bucket => bucket.Properties["BucketName"]!.ToJsonString().Contains($"{estate.Settings.Prefix}-backups-", StringComparison.Ordinal));
        var rules = backups.Properties["LifecycleConfiguration"]!["Rules"]!.AsArray();

        int ExpirationDays(string prefix) => (int)rules.Single(rule => (string?)rule!["Prefix"] == prefix)!["ExpirationInDays"]!;

        // backup.yaml: RETENTION_HOURS 720 for PostgreSQL dumps, 24 for Redis snapshots.
        Assert.Equal(30, ExpirationDays("postgres/"));
        Assert.Equal(1, ExpirationDays("redis/"));
        Assert.Equal("Enabled", (string?)backups.Properties["VersioningConfiguration"]!["Status"]);
        Assert.Equal("Retain", (string?)backups.Resource["DeletionPolicy"]);
    }

    private static SynthesizedTemplate DataTemplate(SynthesizedEstate estate) =>
        estate.Templates.Single(template => template.Name == $"{estate.Estate.Data.StackName}.template.json");
}
