namespace QrAspire.Data.Model;

/// <summary>A tag on a QR code (a row each, so both PostgreSQL and SQLite can filter by tag with an index).</summary>
public sealed class QrCodeTag
{
    /// <summary>The tagged code.</summary>
    public required string QrCodeId { get; init; }

    /// <summary>The tag, lower-cased.</summary>
    public required string Tag { get; init; }
}
