using Amazon;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QrAspire.Platform.Settings;

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

        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region) };
        if (settings.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
            config.ForcePathStyle = true;
        }

        builder.Services.AddSingleton<IAmazonS3>(new AmazonS3Client(config));
        builder.Services.AddSingleton<IBlobStore>(services => new S3BlobStore(services.GetRequiredService<IAmazonS3>(), settings.Bucket!));
        return builder;
    }
}
