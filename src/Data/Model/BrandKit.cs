namespace QrAspire.Data.Model;

/// <summary>A named style an account applies to codes, renders and batches by its id: colours, shapes, logo, frame.</summary>
public sealed class BrandKit
{
    /// <summary>Public id, <c>kit_…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The workspace it belongs to (an account's personal workspace has the account's id).</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>Shown in lists; unique per account.</summary>
    public required string Name { get; set; }

    /// <summary>The style as JSON, in the form codes store theirs.</summary>
    public required string Style { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}
