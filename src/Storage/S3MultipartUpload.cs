using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace QrAspire.Storage;

/// <summary>
/// An S3 upload through one part buffer: each full buffer is sent as a part of a multipart upload (started at the
/// first full part), so memory stays at one part whatever the object's size; a blob smaller than one part is one
/// PutObject. Parts are in memory already, so they are sent plainly (not aws-chunked, which some S3-compatible stores
/// do not decode). An upload disposed before <see cref="CompleteAsync"/> is aborted, so S3 keeps no orphaned parts.
/// </summary>
internal sealed class S3MultipartUpload(IAmazonS3 s3, string bucket, string key, string contentType, int partSize) : BlobUpload
{
    private readonly List<PartETag> _parts = [];
    private byte[]? _buffer;
    private int _filled;
    private string? _uploadId;
    private bool _completed;
    private bool _disposed;

    public override int BufferLimit => partSize;

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed || _completed, this);
        while (!data.IsEmpty)
        {
            _buffer ??= GC.AllocateUninitializedArray<byte>(partSize);
            var take = Math.Min(data.Length, partSize - _filled);
            data.Span[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            PeakBuffered = Math.Max(PeakBuffered, _filled);
            data = data[take..];
            if (_filled == partSize)
            {
                await SendPartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed || _completed, this);
        if (_uploadId is null)
        {
            using var whole = new MemoryStream(_buffer ?? [], 0, _filled, writable: false);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = whole, ContentType = contentType, UseChunkEncoding = false }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (_filled > 0)
            {
                await SendPartAsync(cancellationToken).ConfigureAwait(false);
            }

            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = _uploadId,
                PartETags = _parts,
            }, cancellationToken).ConfigureAwait(false);
        }

        _completed = true;
        _buffer = null;
    }

    private async Task SendPartAsync(CancellationToken cancellationToken)
    {
        _uploadId ??= (await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = contentType,
        }, cancellationToken).ConfigureAwait(false)).UploadId;
        var number = _parts.Count + 1;
        using var part = new MemoryStream(_buffer!, 0, _filled, writable: false);
        var response = await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = _uploadId,
            PartNumber = number,
            PartSize = _filled,
            InputStream = part,
            UseChunkEncoding = false,
        }, cancellationToken).ConfigureAwait(false);
        _parts.Add(new PartETag(number, response.ETag));
        _filled = 0;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _buffer = null;
            if (!_completed && _uploadId is not null)
            {
                await AbortAsync().ConfigureAwait(false);
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _buffer = null;
            if (!_completed && _uploadId is not null)
            {
                AbortAsync().GetAwaiter().GetResult();
            }
        }

        base.Dispose(disposing);
    }

    private async Task AbortAsync()
    {
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = _uploadId }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException or IOException)
        {
            // Best effort: the bucket's lifecycle rule for incomplete multipart uploads removes what is left (docs/configuration.md).
        }
    }
}
