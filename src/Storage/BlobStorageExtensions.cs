using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Platform.Settings;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Storage;

/// <summary>Registers <see cref="IBlobStore"/>.</summary>
public static class BlobStorageExtensions
{
    /// <summary>The local folder, or S3 when <c>S3_BUCKET</c> is set (credentials from the AWS SDK's usual chain).</summary>
    public static TBuilder AddBlobStorage<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = BlobStorageSettings.From(builder.Configuration);
        if (!settings.UsesS3)
        {
            Directory.CreateDirectory(settings.LocalPath!);
            builder.Services.AddSingleton<IBlobStore>(new LocalDiskBlobStore(settings.LocalPath!));
            return builder;
        }

        var partSize = S3PartSize(builder.Configuration);
        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region) };
        if (settings.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.ForcePathStyle = true;
            // S3-compatible stores do not all read the SDK's trailing checksums; their absence costs nothing on AWS.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        builder.Services.AddSingleton<IAmazonS3>(new AmazonS3Client(config));
        builder.Services.AddSingleton<IBlobStore>(services => new S3BlobStore(services.GetRequiredService<IAmazonS3>(), settings.Bucket!, partSize));
        return builder;
    }

    /// <summary>
    /// The part size of streamed S3 uploads (<c>S3_UPLOAD_PART_MB</c>, 5–512, default 8): the most one upload holds
    /// in memory. S3 needs at least 5 MiB per part but the last, and allows 10,000 parts, so 8 MiB stores up to 80 GB.
    /// </summary>
    public static int S3PartSize(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration["S3_UPLOAD_PART_MB"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return 8 << 20;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var megabytes) && megabytes is >= 5 and <= 512
            ? megabytes << 20
            : throw new SettingsException("S3_UPLOAD_PART_MB", $"must be a whole number of MiB from 5 to 512, got '{value}'");
    }
}
