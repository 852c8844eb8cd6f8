namespace QrAspire.Storage;

/// <summary>
/// A blob being written: a write-only stream that cannot seek (a ZIP writer over it uses data descriptors). What is
/// written becomes the blob only on <see cref="CompleteAsync"/>; disposing before that discards it.
/// </summary>
public abstract class BlobUpload : Stream
{
    private long _written;

    /// <summary>The most bytes this upload ever holds in memory at once, whatever the size of the blob.</summary>
    public abstract int BufferLimit { get; }

    /// <summary>The most bytes it has actually held in memory at once so far.</summary>
    public int PeakBuffered { get; protected set; }

    /// <summary>Makes what was written the blob under the key, replacing what was there.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="data"/>, which the caller may reuse once the task completes.</summary>
    protected abstract ValueTask WriteCoreAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <inheritdoc />
    public sealed override bool CanRead => false;

    /// <inheritdoc />
    public sealed override bool CanSeek => false;

    /// <inheritdoc />
    public sealed override bool CanWrite => true;

    /// <inheritdoc />
    public sealed override long Length => throw new NotSupportedException();

    /// <summary>Bytes written so far; setting it is not supported.</summary>
    public sealed override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public sealed override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _written += buffer.Length;
        return WriteCoreAsync(buffer, cancellationToken);
    }

    /// <inheritdoc />
    public sealed override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous writers (a ZipArchive disposed without await) block on the same path; the async one is preferred.
    /// <inheritdoc />
    public sealed override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public sealed override void Write(ReadOnlySpan<byte> buffer) => WriteAsync(buffer.ToArray(), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public sealed override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public sealed override void SetLength(long value) => throw new NotSupportedException();
}
