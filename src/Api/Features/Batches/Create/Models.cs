namespace QrAspire.Api.Features.Batches.Create;

public sealed record CreateBatchRequest
{
    /// <summary>The CSV (UTF-8, header row, at most 10,000 rows and 5 MB); columns in docs/bulk.md.</summary>
    public IFormFile? File { get; init; }

    /// <summary>A name for the batch; the file's name when not given.</summary>
    public string? Name { get; init; }

    /// <summary>A brand kit's id (<c>kit_…</c>): every row gets its style, with the row's own style columns on top.</summary>
    public string? BrandKitId { get; init; }

    /// <summary>Image format in the ZIP: png (default), svg, pdf, eps, jpg or webp.</summary>
    public string? Format { get; init; }
}
