namespace QrAspire.Data.Model;

/// <summary>An uploaded logo image (checked by decoding), kept in blob storage and referenced by styles.</summary>
public sealed class Logo
{
    /// <summary>Public id, <c>logo_…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The workspace it belongs to (an account's personal workspace has the account's id).</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>The decoded format's media type.</summary>
    public required string ContentType { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; init; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>SHA-256 of the bytes, hex; also part of rendered images' ETags.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where the bytes are in blob storage.</summary>
    public required string BlobKey { get; init; }

    /// <summary>When it was uploaded (UTC).</summary>
    public DateTime CreatedAt { get; init; }
}
