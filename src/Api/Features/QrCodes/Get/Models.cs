
namespace QrAspire.Api.Features.QrCodes.Get;

public sealed record GetQrCodeRequest(string Id);
