namespace QrAspire.Api.Features.Logos.Upload;

public sealed record UploadLogoRequest
{
    public IFormFile? File { get; init; }
}
