using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;
using Pseudo = Amazon.CDK.Aws;

namespace QrAspire.Deploy.Aws.Data;

/// <summary>
/// The bucket the backup CronJobs write (deploy/k8s/base/backup.yaml): <c>postgres/</c> dumps kept
/// <see cref="PostgreSqlRetentionDays"/> days, <c>redis/</c> snapshots <see cref="RedisRetentionDays"/> day — the
/// retention backup.sh applies itself, here as lifecycle rules so nothing outlives it if the CronJobs stop.
/// </summary>
public static class BackupBucket
{
    public const int PostgreSqlRetentionDays = 30;
    public const int RedisRetentionDays = 1;

    public static string Name(EnvironmentSettings settings) => $"{settings.Prefix}-backups-{Pseudo.ACCOUNT_ID}";

    public static Bucket Create(Construct scope, string id, EnvironmentSettings settings) =>
        new(scope, id, new BucketProps
        {
            BucketName = Name(settings),
            // Versioned, so a compromised backup role can overwrite a dump but not destroy it before a day passes.
            Versioned = true,
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            EnforceSSL = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    Id = "postgres-retention",
                    Prefix = "postgres/",
                    Expiration = Duration.Days(PostgreSqlRetentionDays),
                    NoncurrentVersionExpiration = Duration.Days(1),
                },
                new LifecycleRule
                {
                    Id = "redis-retention",
                    Prefix = "redis/",
                    Expiration = Duration.Days(RedisRetentionDays),
                    NoncurrentVersionExpiration = Duration.Days(1),
                },
                new LifecycleRule
                {
                    Id = "abort-incomplete-multipart-uploads",
                    AbortIncompleteMultipartUploadAfter = Duration.Days(1),
                    ExpiredObjectDeleteMarker = true,
                },
            ],
        });
}
