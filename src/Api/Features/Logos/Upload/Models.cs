namespace QrAspire.Api.Features.Logos.Upload;

public sealed record UploadLogoRequest
{
    public IFormFile? File { get; init; }
}

public sealed record LogoResponse(string Id, string ContentType, long Length, int Width, int Height, DateTime CreatedAt);
