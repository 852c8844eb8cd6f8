namespace QrAspire.Storage;

/// <summary>
/// Where files live: a local folder by default, any S3-compatible bucket when <c>S3_BUCKET</c> is set. Keys are
/// relative paths made by the services (never user input). A write has completed durably when the task completes.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The bytes, or null when there is no such blob.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);
}
