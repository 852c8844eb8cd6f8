using Amazon.S3;
using Amazon.S3.Model;

namespace QrAspire.Storage;

/// <summary>Blobs in an S3 bucket (AWS, or any S3-compatible store through <c>S3_ENDPOINT_URL</c>).</summary>
internal sealed class S3BlobStore(IAmazonS3 s3, string bucket, int partSize) : IBlobStore
{
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = stream, ContentType = contentType, UseChunkEncoding = false }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (await OpenReadAsync(key, cancellationToken).ConfigureAwait(false) is not { } blob)
        {
            return null;
        }

        await using (blob.Content.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream((int)Math.Min(blob.Length, int.MaxValue));
            await blob.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    public Task<BlobUpload> OpenWriteAsync(string key, string contentType, CancellationToken cancellationToken) =>
        Task.FromResult<BlobUpload>(new S3MultipartUpload(s3, bucket, key, contentType, partSize));

    // S3 answers a delete of a missing key with success too.
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        s3.DeleteObjectAsync(bucket, key, cancellationToken);

    public async Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            // The response owns the connection; disposing its stream releases it.
            var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            return new BlobContent(response.ResponseStream, response.ContentLength);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound && exception.ErrorCode != "NoSuchBucket")
        {
            // Only the key is missing. A missing bucket is a misconfiguration and stays an error: read as "no blob",
            // every download would quietly answer "no longer in storage".
            return null;
        }
    }
}
