using Microsoft.Extensions.Configuration;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Platform.Settings;

/// <summary>Where files (logos, bulk ZIPs) go: an S3-compatible bucket when <c>S3_BUCKET</c> is set, else a local folder.</summary>
public sealed record BlobStorageSettings(string? LocalPath, string? Bucket, string? Region, string? ServiceUrl)
{
    /// <summary>True when files go to S3 (or an S3-compatible store).</summary>
    public bool UsesS3 => Bucket is not null;

    /// <summary>Reads and validates the blob storage settings; throws <see cref="SettingsException"/> naming the bad setting.</summary>
    public static BlobStorageSettings From(IConfiguration configuration)
    {
        var bucket = configuration["S3_BUCKET"];
        if (!string.IsNullOrWhiteSpace(bucket))
        {
            var serviceUrl = configuration["S3_ENDPOINT_URL"];
            if (!string.IsNullOrWhiteSpace(serviceUrl) && !Uri.TryCreate(serviceUrl, UriKind.Absolute, out _))
            {
                throw new SettingsException("S3_ENDPOINT_URL", "is not an absolute URL (e.g. http://127.0.0.1:9000)");
            }

            return new BlobStorageSettings(null, bucket.Trim(), configuration["S3_REGION"] ?? "us-east-1", serviceUrl);
        }

        var path = configuration["BLOB_STORAGE_PATH"];
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new SettingsException("BLOB_STORAGE_PATH", "is not set (nor S3_BUCKET); name a writable folder or an S3 bucket");
        }

        if (!Path.IsPathFullyQualified(path))
        {
            throw new SettingsException("BLOB_STORAGE_PATH", $"must be an absolute path, got '{path}'");
        }

        return new BlobStorageSettings(path, null, null, null);
    }

    /// <inheritdoc />
    public override string ToString() => UsesS3 ? $"s3 bucket {Bucket}" : $"local folder {LocalPath}";
}
