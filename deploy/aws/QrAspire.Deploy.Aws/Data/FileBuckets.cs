using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;
using Pseudo = Amazon.CDK.Aws;

namespace QrAspire.Deploy.Aws.Data;

/// <summary>The file bucket's settings shared by the primary and its replica in the disaster-recovery region.</summary>
public static class FileBuckets
{
    /// <summary>
    /// Deterministic names, so the primary can name its replica without a cross-region reference; the account id keeps
    /// them globally unique.
    /// </summary>
    public static string PrimaryName(EnvironmentSettings settings) => $"{settings.Prefix}-files-{Pseudo.ACCOUNT_ID}";

    public static string ReplicaName(EnvironmentSettings settings) => $"{settings.Prefix}-files-dr-{Pseudo.ACCOUNT_ID}";

    public static Bucket Create(Construct scope, string id, string name, EnvironmentSettings settings) =>
        new(scope, id, new BucketProps
        {
            BucketName = name,
            Versioned = true,
            // SSE-S3 rather than KMS: replication of KMS-encrypted objects needs a key in each region and per-rule
            // key settings, for no gain while nobody outside this account reads the bucket.
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            EnforceSSL = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                // A Worker killed mid-upload cannot abort its own multipart upload; its parts would be billed forever.
                new LifecycleRule
                {
                    Id = "abort-incomplete-multipart-uploads",
                    AbortIncompleteMultipartUploadAfter = Duration.Days(1),
                },
                new LifecycleRule
                {
                    Id = "expire-old-versions",
                    NoncurrentVersionExpiration = Duration.Days(settings.FileVersionRetentionDays),
                    ExpiredObjectDeleteMarker = true,
                },
            ],
        });
}
