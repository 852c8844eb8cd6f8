using QrAspire.Data;
using QrAspire.QrCodes;
using QrAspire.Storage;

namespace QrAspire.Worker.Batches;

/// <summary>
/// The logos of one batch's rows, loaded once each but never more than <see cref="MaxBytes"/> at once: an account
/// may hold many logos, and a batch must not hold them all.
/// </summary>
internal sealed class BatchLogoCache(QrAspireDbContext db, IBlobStore blobs, string ownerId)
{
    public const int MaxBytes = 8 << 20;

    private readonly Dictionary<string, byte[]?> _logos = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>The logo's bytes, or null when it is no longer stored.</summary>
    public async Task<byte[]?> GetAsync(string logoId, CancellationToken cancellationToken)
    {
        if (_logos.TryGetValue(logoId, out var cached))
        {
            return cached;
        }

        var bytes = await QrGeneration.LoadLogoAsync(db, blobs, logoId, ownerId, cancellationToken);
        if (_bytes + (bytes?.Length ?? 0) > MaxBytes)
        {
            _logos.Clear();
            _bytes = 0;
        }

        _logos[logoId] = bytes;
        _bytes += bytes?.Length ?? 0;
        return bytes;
    }
}
