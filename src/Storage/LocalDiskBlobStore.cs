namespace QrAspire.Storage;

/// <summary>Blobs as files under one folder. Writes go to a temporary file, are flushed to disk, then renamed into place.</summary>
internal sealed class LocalDiskBlobStore(string root) : IBlobStore
{
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var upload = await OpenWriteAsync(key, contentType, cancellationToken).ConfigureAwait(false);
        await using (upload.ConfigureAwait(false))
        {
            await upload.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            await upload.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    public Task<BlobUpload> OpenWriteAsync(string key, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Task.FromResult<BlobUpload>(new LocalDiskUpload(path));
    }

    public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, LocalDiskUpload.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<BlobContent?>(new BlobContent(file, file.Length));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<BlobContent?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        // File.Delete is quiet about a missing file, but not about a missing folder.
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(root, key));
        // Keys are made by the Api, but a key must never escape the folder whatever it holds.
        return path.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"blob key '{key}' leaves the storage folder", nameof(key));
    }
}

/// <summary>A file written beside its final path and renamed into place (atomically, on one file system) when complete.</summary>
internal sealed class LocalDiskUpload : BlobUpload
{
    public const int BufferSize = 81_920;

    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _file;
    private bool _completed;
    private bool _disposed;

    public LocalDiskUpload(string path)
    {
        _path = path;
        _temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        _file = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
    }

    public override int BufferLimit => BufferSize;

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed || _completed, this);
        await _file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        PeakBuffered = (int)Math.Min(BufferSize, Position);
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed || _completed, this);
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync().ConfigureAwait(false);
        File.Move(_temporary, _path, overwrite: true);
        _completed = true;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _file.DisposeAsync().ConfigureAwait(false);
            if (!_completed)
            {
                File.Delete(_temporary);
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _file.Dispose();
            if (!_completed)
            {
                File.Delete(_temporary);
            }
        }

        base.Dispose(disposing);
    }
}
