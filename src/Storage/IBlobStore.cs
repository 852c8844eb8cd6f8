namespace QrAspire.Storage;

/// <summary>
/// Where files live: a local folder by default, any S3-compatible bucket when <c>S3_BUCKET</c> is set. Keys are
/// relative paths made by the services (never user input). A write has completed durably when the task completes.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The bytes, or null when there is no such blob. For small blobs (logos); large ones are read with <see cref="OpenReadAsync"/>.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Starts writing a blob of any size as a stream, holding at most <see cref="BlobUpload.BufferLimit"/> bytes in
    /// memory. Nothing appears under <paramref name="key"/> until <see cref="BlobUpload.CompleteAsync"/>; an upload
    /// disposed without it is discarded.
    /// </summary>
    Task<BlobUpload> OpenWriteAsync(string key, string contentType, CancellationToken cancellationToken);

    /// <summary>The blob as a stream to read once, front to back, with its length; null when there is no such blob.</summary>
    Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the blob under <paramref name="key"/>; a key with no blob is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>A stored blob being read: dispose <see cref="Content"/> when done.</summary>
/// <param name="Content">The bytes; seekable when the store can seek (a local file), so that HTTP range requests work.</param>
/// <param name="Length">Its size in bytes.</param>
public sealed record BlobContent(Stream Content, long Length);
